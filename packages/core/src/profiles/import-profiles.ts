import type { z } from "zod";
import { findTeamApp } from "../apps/find-app.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { uuidV7 } from "../db/uuid-v7.ts";
import { AppError, type FieldErrors } from "../errors/app-error.ts";
import { runTransaction } from "../errors/database-errors.ts";
import { type exportDocumentSchema, KEY_METHODS, profileFieldsSchema } from "../schemas/profile.ts";
import { assertCan, type Member } from "../teams/member.ts";
import { checkCaBundle } from "./client-certificate.ts";
import type { ProfileDeps } from "./deps.ts";
import { dpopKeyColumns, dpopKeyContext } from "./dpop-key.ts";
import { profileColumns } from "./profile-columns.ts";
import { assertRoomForProfiles } from "./profile-count.ts";
import { plainValue } from "./secret-fields.ts";

/**
 * Creates every profile of an export in one transaction, or none: each is validated like a
 * profile typed into the dialog. Profiles that had secrets arrive marked as needing them.
 */
export async function importProfiles(
  deps: Pick<ProfileDeps, "db" | "now" | "sealer">,
  member: Member,
  input: { appId: string; document: z.infer<typeof exportDocumentSchema> },
) {
  assertCan(member, "profile.write");
  const app = await findTeamApp(deps.db, member, input.appId);
  const errors: FieldErrors = {};
  const parsed = input.document.profiles.map((exported, index) => {
    const result = profileFieldsSchema.safeParse({
      ...exported,
      clientSecret: undefined,
      privateKey: undefined,
      clientCertificateKey: undefined,
    });
    if (!result.success) {
      for (const issue of result.error.issues) {
        errors[`profiles.${index}.${issue.path.join(".")}`] ??=
          `${exported.name || `Profile ${index + 1}`}: ${issue.message}`;
      }
      return null;
    }
    if (result.data.caBundle) {
      try {
        checkCaBundle(result.data.caBundle);
      } catch {
        errors[`profiles.${index}.caBundle`] ??=
          `${exported.name}: the CA bundle is not readable PEM certificates`;
        return null;
      }
    }
    const needsSecrets =
      exported.hasClientSecret ||
      exported.hasPrivateKey ||
      KEY_METHODS.has(exported.clientAuthMethod) ||
      exported.hasCertificateKey ||
      exported.fields.some((f) => f.secret);
    return { profile: result.data, needsSecrets, index };
  });
  const names = new Map<string, number>();
  for (const item of parsed) {
    if (!item) continue;
    const key = item.profile.name.toLowerCase();
    if (names.has(key))
      errors[`profiles.${item.index}.name`] = `${item.profile.name}: appears twice in this file`;
    names.set(key, item.index);
  }
  const existing = await deps.db.authorizationProfile.findMany({
    where: { appId: app.id },
    select: { name: true },
  });
  for (const { name } of existing) {
    const index = names.get(name.toLowerCase());
    if (index !== undefined)
      errors[`profiles.${index}.name`] =
        `${name}: a profile with this name already exists in this app`;
  }
  if (Object.keys(errors).length > 0) {
    throw new AppError("INVALID", Object.values(errors)[0] ?? "The file has errors", {
      fieldErrors: errors,
    });
  }
  const ready = parsed.filter((item) => item !== null);
  return runTransaction(deps.db, async (tx) => {
    await assertRoomForProfiles(tx, { teamId: member.teamId, appId: app.id }, ready.length);
    for (const { profile, needsSecrets } of ready) {
      const id = uuidV7();
      // The DPoP key is never exported: a profile that used DPoP gets a new key of its own.
      const dpop = await dpopKeyColumns({
        dpop: profile.dpop,
        existing: null,
        seal: (jwk) => deps.sealer.seal(jwk, dpopKeyContext(id)),
      });
      await tx.authorizationProfile.create({
        data: {
          id,
          teamId: member.teamId,
          appId: app.id,
          type: profile.type,
          ...profileColumns(profile),
          // Public, and checked again (with its key) when the profile is next saved.
          clientCertificate: profile.clientCertificate ?? null,
          caBundle: profile.caBundle ?? null,
          ...dpop.columns,
          needsSecrets,
          createdById: member.userId,
          fields: {
            create: profile.fields.map((f, position) => ({
              type: f.type,
              key: f.key,
              secret: f.secret,
              value: plainValue(f),
              position,
            })),
          },
        },
      });
    }
    await recordAudit(tx, {
      teamId: member.teamId,
      actor: { userId: member.userId },
      action: "profile.import",
      targetType: "app",
      targetId: app.id,
      changes: { imported: ready.map((r) => r.profile.name) },
    });
    return { imported: ready.length };
  });
}
