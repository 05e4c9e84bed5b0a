import { z } from "zod";
import { recordAudit } from "../audit/record-audit.ts";
import type { Member } from "../teams/member.ts";
import {
  callTokenEndpoint,
  type ProviderFailure,
  type TokenCallDeps,
} from "./provider-token-call.ts";

/** RFC 7662 §2.2: `active` is required; the rest is optional, and only these are shown. */
const introspectionAnswer = z.object({
  active: z.boolean(),
  exp: z.number().optional(),
  scope: z.string().optional(),
  client_id: z.string().optional(),
  token_type: z.string().optional(),
});

export type Inspection = {
  ok: true;
  active: boolean;
  exp: number | null;
  scope: string | null;
  clientId: string | null;
  tokenType: string | null;
};

/**
 * "Inspect token" (RFC 7662): what the provider says of a stored access token. Editors and
 * above, audited: it sends the token to the provider. The token itself is never returned.
 */
export async function inspectToken(
  deps: TokenCallDeps,
  member: Member,
  input: { appId: string; profileId: string; tenant?: string | undefined },
): Promise<Inspection | ProviderFailure> {
  const result = await callTokenEndpoint(deps, member, input, "introspection");
  let outcome: Inspection | ProviderFailure;
  if (result.ok) {
    let json: unknown = null;
    try {
      json = JSON.parse(result.body);
    } catch {}
    const parsed = introspectionAnswer.safeParse(json);
    outcome = parsed.success
      ? {
          ok: true,
          active: parsed.data.active,
          exp: parsed.data.exp ?? null,
          scope: parsed.data.scope ?? null,
          clientId: parsed.data.client_id ?? null,
          tokenType: parsed.data.token_type ?? null,
        }
      : {
          ok: false,
          problem: "The introspection answer is not RFC 7662 JSON with a boolean active",
          status: result.status,
          headers: {},
          body: result.body.slice(0, 4_000),
        };
  } else {
    const { problem, status, headers, body } = result;
    outcome = { ok: false, problem, status, headers, body };
  }
  await recordAudit(deps.db, {
    teamId: member.teamId,
    actor: { userId: member.userId },
    action: "token.inspect",
    targetType: "profile",
    targetId: result.profileId,
    changes: {
      ...(result.tenant ? { tenant: result.tenant } : {}),
      outcome: outcome.ok ? (outcome.active ? "active" : "inactive") : "failed",
    },
  });
  return outcome;
}
