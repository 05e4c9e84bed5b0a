import { invalid } from "../errors/app-error.ts";
import type { ProfileFields } from "../schemas/profile.ts";
import { toCurl } from "../shared/curl.ts";
import { assertCan, type Member } from "../teams/member.ts";
import { buildTokenRequest, fieldValueKey } from "../tokens/build-token-request.ts";
import { RequestBuildError } from "../tokens/request-build-error.ts";
import { tenantFor } from "../tokens/tenant.ts";
import type { ProfileDeps } from "./deps.ts";
import { findTeamProfile } from "./find-profile.ts";
import { scopesOf } from "./stored-scopes.ts";

type Previewable = Pick<
  ProfileFields,
  "tokenRequestUrl" | "clientId" | "clientAuthMethod" | "scopes" | "tenancyEnabled"
> & {
  fields: ReadonlyArray<{
    type: ProfileFields["fields"][number]["type"];
    key: string;
    secret: boolean;
    value?: string | null | undefined;
  }>;
};

/**
 * The request a test would send, from the same builder the worker uses, with every secret
 * masked. Nothing sealed is opened to make it.
 */
export async function previewTokenRequest(
  deps: Pick<ProfileDeps, "db">,
  member: Member,
  input: {
    appId: string;
    profileId?: string | undefined;
    draft?: ProfileFields | undefined;
    tenant?: string | undefined;
  },
) {
  assertCan(member, "profile.read");
  const profile: Previewable = input.draft
    ? input.draft
    : input.profileId
      ? await findTeamProfile(deps.db, member, input.appId, input.profileId).then((p) => ({
          ...p,
          scopes: scopesOf(p.scopes),
        }))
      : (() => {
          throw invalid({ profileId: "Choose a profile to preview" });
        })();
  // The preview needs no real tenant: "tenant" stands in for one not typed yet.
  const tenant = tenantFor(
    profile,
    profile.tenancyEnabled ? input.tenant || "tenant" : undefined,
    "Enter a tenant",
  );
  try {
    const request = buildTokenRequest({
      profile,
      secrets: {
        clientSecret: null,
        fieldValues: new Map(
          profile.fields
            .filter((f) => !f.secret)
            .map((f) => [fieldValueKey(f.type, f.key), f.value ?? ""]),
        ),
      },
      tenant: tenant ?? undefined,
      redact: true,
    });
    return { request, curl: toCurl(request) };
  } catch (error) {
    if (error instanceof RequestBuildError) throw invalid({ [error.field]: error.message });
    throw error;
  }
}
