import { describe, expect, it } from "vitest";
import { z } from "zod";
import { conflict, invalid } from "../../src/errors/app-error.ts";
import { fieldErrorsOf } from "../../src/shared/field-errors.ts";

describe("fieldErrorsOf", () => {
  it("reads a domain error's field errors", () => {
    expect(fieldErrorsOf(invalid({ tenant: "Enter the tenant" }))).toEqual({
      tenant: "Enter the tenant",
    });
  });

  it("keys a validator's issues by dotted path, the first message of each field, '_' for the whole", () => {
    const schema = z
      .object({
        fields: z.array(z.object({ key: z.string().min(2, "Too short").regex(/x/, "No x") })),
      })
      .refine(() => false, "Refused as a whole");
    const result = schema.safeParse({ fields: [{ key: "a" }] });
    expect(fieldErrorsOf(result.error)).toEqual({
      "fields.0.key": "Too short",
      _: "Refused as a whole",
    });
    expect(fieldErrorsOf(schema.safeParse({ fields: [] }).error)).toEqual({
      _: "Refused as a whole",
    });
  });

  it("reads a procedure's answer as the browser receives it", () => {
    const answer = { message: "Taken", data: { code: "CONFLICT", fieldErrors: { name: "Taken" } } };
    expect(fieldErrorsOf(answer)).toEqual({ name: "Taken" });
  });

  it("is empty for errors without field errors, and for no error", () => {
    expect(fieldErrorsOf(conflict("Stale"))).toEqual({});
    expect(fieldErrorsOf({ message: "x", data: { fieldErrors: null } })).toEqual({});
    expect(fieldErrorsOf(new Error("boom"))).toEqual({});
    expect(fieldErrorsOf(null)).toEqual({});
    expect(fieldErrorsOf(undefined)).toEqual({});
  });
});
