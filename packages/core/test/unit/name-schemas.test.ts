// @module-tag resilience
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { createApiKeyInput } from "../../src/schemas/api-key.ts";
import { appNameSchema } from "../../src/schemas/app.ts";
import { profileFieldsSchema } from "../../src/schemas/profile.ts";
import { teamNameSchema } from "../../src/schemas/team.ts";

const profile = {
  name: "Asana",
  identityProviderName: "Asana",
  tokenRequestUrl: "https://auth.example.com/oauth/token",
};

/** Every name people give something, with the label its messages use. */
const NAMES: Array<[string, string, (name: string) => z.ZodSafeParseResult<unknown>]> = [
  ["a team name", "Team name", (name) => teamNameSchema.safeParse(name)],
  ["an app name", "App name", (name) => appNameSchema.safeParse(name)],
  [
    "an API key name",
    "Key name",
    (name) => createApiKeyInput.shape.name.safeParse(name) as z.ZodSafeParseResult<unknown>,
  ],
  ["a profile name", "Name", (name) => profileFieldsSchema.safeParse({ ...profile, name })],
  [
    "an identity provider name",
    "Identity Provider Name",
    (name) => profileFieldsSchema.safeParse({ ...profile, identityProviderName: name }),
  ],
];

describe.each(NAMES)("%s", (_, label, parse) => {
  it.each([["Orders API"], ["Überweisungen 🚀"], ["注文 API"], ["عربي"]])("takes %s", (name) => {
    expect(parse(name).success).toBe(true);
  });

  it.each([
    ["a right-to-left override", "Orders \u202Egnp.exe", "change the text's direction"],
    ["a zero-width space", "Orders\u200B API", "invisible characters"],
    ["a zero-width joiner", "Ord\u200Ders", "invisible characters"],
    ["a control character", "Orders\u0007API", "control characters"],
    ["a lone surrogate", "Orders \uD800", "a lone surrogate"],
  ])("refuses %s with a message on the field", (_, name, problem) => {
    const result = parse(name);
    expect(result.success).toBe(false);
    const messages = result.error?.issues.map((i) => i.message) ?? [];
    expect(messages).toEqual([expect.stringMatching(new RegExp(`^${label} .*${problem}`))]);
  });
});
