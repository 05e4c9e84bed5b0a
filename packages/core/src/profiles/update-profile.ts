import { isDeepStrictEqual } from "node:util";
import { recordAudit } from "../audit/record-audit.ts";
import { Prisma } from "../db/generated/client.ts";
import { AppError, type FieldErrors } from "../errors/app-error.ts";
import { runTransaction } from "../errors/database-errors.ts";
import type { ProfileFields } from "../schemas/profile.ts";
import { secretOriginsOf, urlsOutside } from "../shared/secret-urls.ts";
import { assertCan, type Member } from "../teams/member.ts";
import { expireProfileTokens } from "../tokens/discard-token.ts";
import { certificateColumns, certificateKeyContext } from "./client-certificate.ts";
import { auditableProfile } from "./create-profile.ts";
import type { ProfileDeps } from "./deps.ts";
import { dpopKeyColumns, dpopKeyContext } from "./dpop-key.ts";
import { findTeamProfile } from "./find-profile.ts";
import { profileColumns } from "./profile-columns.ts";
import { describeFields, type FieldRow, sealFields } from "./seal-fields.ts";
import { lacksSecrets } from "./secret-fields.ts";
import { privateKeyContext, signingKeyColumns } from "./signing-key.ts";

export const STALE_EDIT =
  "Someone else saved this profile after you opened it. Your changes are still in the form: reload the profile in another tab to compare, then save again.";

/**
 * Saves an edit made on `version`. A stale version is refused (nothing is overwritten). Stored
 * secrets are kept unless new ones are given, and never carried to a new origin: moving any URL
 * that receives them (secret-urls.ts) outside the origins they were saved for needs the client
 * secret and every secret field value typed again.
 */
export async function updateProfile(
  deps: ProfileDeps,
  member: Member,
  input: { appId: string; profileId: string; version: number; profile: ProfileFields },
) {
  assertCan(member, "profile.write");
  const existing = await findTeamProfile(deps.db, member, input.appId, input.profileId);
  if (existing.version !== input.version) throw new AppError("CONFLICT", STALE_EDIT);
  const { profile } = input;
  // The first URL that receives the secrets and left the origins they were saved for.
  const movedTo = urlsOutside(profile, existing.secretOrigins)[0] ?? null;
  const errors: FieldErrors = {};
  if (movedTo && existing.clientSecretSealed && profile.clientSecret === undefined)
    errors.clientSecret = `The ${movedTo.label} now points to ${movedTo.origin}: enter the Client Secret Key again`;
  let fields: FieldRow[] = [];
  try {
    fields = sealFields({
      sealer: deps.sealer,
      fields: profile.fields,
      existing: existing.fields,
      movedTo,
    });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    Object.assign(errors, error.details.fieldErrors);
  }
  if (Object.keys(errors).length > 0)
    throw new AppError("INVALID", Object.values(errors)[0] ?? "Check the form", {
      fieldErrors: errors,
    });
  const clientSecretSealed =
    profile.clientSecret === undefined
      ? existing.clientSecretSealed
      : profile.clientSecret
        ? deps.sealer.seal(profile.clientSecret, {
            table: "authorization_profile",
            rowId: existing.id,
            column: "client_secret_sealed",
          })
        : null;
  const key = await signingKeyColumns({
    profile,
    existing,
    seal: (jwk) => deps.sealer.seal(jwk, privateKeyContext(existing.id)),
    now: deps.now(),
    // The key signs what goes to the token URLs; an API Base URL never sees an assertion.
    movedOrigin: urlsOutside(profile, existing.secretOrigins).some((u) => u.field !== "apiBaseUrl"),
  });
  const dpop = await dpopKeyColumns({
    dpop: profile.dpop,
    existing,
    seal: (jwk) => deps.sealer.seal(jwk, dpopKeyContext(existing.id)),
  });
  const certificate = certificateColumns({
    profile,
    existing,
    seal: (pem) => deps.sealer.seal(pem, certificateKeyContext(existing.id)),
    open: (sealed) => deps.sealer.open(sealed, certificateKeyContext(existing.id)),
    now: deps.now(),
  });
  const missingSecret = lacksSecrets({
    clientAuthMethod: profile.clientAuthMethod,
    clientSecretSealed,
    privateKeySealed: key.columns.privateKeySealed,
    clientCertificateKeySealed: certificate.columns.clientCertificateKeySealed,
    fields,
  });

  return runTransaction(deps.db, async (tx) => {
    // The version guard makes two saves racing from the same version end with one conflict.
    const { count } = await tx.authorizationProfile.updateMany({
      where: { id: existing.id, version: input.version },
      data: {
        ...profileColumns(profile),
        clientSecretSealed,
        ...key.columns,
        publicJwk: key.columns.publicJwk ?? Prisma.DbNull,
        ...certificate.columns,
        ...dpop.columns,
        needsSecrets: existing.needsSecrets && missingSecret,
        version: { increment: 1 },
      },
    });
    if (count === 0) throw new AppError("CONFLICT", STALE_EDIT);
    // A refresh token goes only where it came from: once the secrets' origins change, none held
    // for this profile is sent anywhere again (the next refresh asks for a new token).
    const origins = secretOriginsOf(profile);
    const dropped = isDeepStrictEqual(origins, [...existing.secretOrigins].sort())
      ? 0
      : (
          await tx.tokenState.updateMany({
            where: { profileId: existing.id, refreshTokenSealed: { not: null } },
            data: { refreshTokenSealed: null },
          })
        ).count;
    // A token bound to the DPoP key that went (or a Bearer token from before DPoP was turned
    // on) is not what the profile now asks for: each expires now, and the next use refreshes it.
    if (dpop.change) await expireProfileTokens(tx, existing.id, deps.now());
    await tx.authorizationField.deleteMany({
      where: { profileId: existing.id, id: { notIn: fields.map((f) => f.id) } },
    });
    for (const field of fields) {
      await tx.authorizationField.upsert({
        where: { id: field.id },
        create: { ...field, profileId: existing.id },
        update: field,
      });
    }
    const before = {
      ...auditableProfile(existing),
      fields: describeFields(existing.fields),
    };
    const after = { ...auditableProfile(profile), fields: describeFields(fields) };
    const changes: Record<string, unknown> = Object.fromEntries(
      Object.entries(after).filter(
        ([key, value]) => !isDeepStrictEqual(before[key as keyof typeof before], value),
      ),
    );
    if (profile.clientSecret !== undefined)
      changes.clientSecret = profile.clientSecret ? "[replaced]" : "[removed]";
    Object.assign(changes, key.change, certificate.change, dpop.change);
    if (dropped > 0) changes.refreshTokensDropped = dropped;
    await recordAudit(tx, {
      teamId: member.teamId,
      actor: { userId: member.userId },
      action: "profile.update",
      targetType: "profile",
      targetId: existing.id,
      changes,
    });
    return { id: existing.id, version: input.version + 1 };
  });
}
