import { recordAudit } from "../audit/record-audit.ts";
import type { Prisma } from "../db/generated/client.ts";
import { uuidV7 } from "../db/uuid-v7.ts";
import { runTransaction } from "../errors/database-errors.ts";
import { assertCan, type Member } from "../teams/member.ts";
import type { ProfileDeps } from "./deps.ts";
import { findTeamProfile } from "./find-profile.ts";
import { assertRoomForProfiles } from "./profile-count.ts";
import { freeCopyName } from "./profile-name.ts";
import { holdsSecrets, plainValue } from "./secret-fields.ts";

/** A copy without any secret: it needs them entered before it can be used. */
export async function duplicateProfile(
  deps: Pick<ProfileDeps, "db" | "now">,
  member: Member,
  input: { appId: string; profileId: string },
) {
  assertCan(member, "profile.write");
  const source = await findTeamProfile(deps.db, member, input.appId, input.profileId);
  const hadSecrets = holdsSecrets(source);
  return runTransaction(deps.db, async (tx) => {
    await assertRoomForProfiles(tx, { teamId: source.teamId, appId: source.appId });
    const name = await freeCopyName(tx, source.appId, source.name);
    const id = uuidV7();
    await tx.authorizationProfile.create({
      data: {
        id,
        teamId: source.teamId,
        appId: source.appId,
        type: source.type,
        name,
        identityProviderName: source.identityProviderName,
        clientId: source.clientId,
        tokenRequestUrl: source.tokenRequestUrl,
        refreshTokenUrl: source.refreshTokenUrl,
        description: source.description,
        clientAuthMethod: source.clientAuthMethod,
        tenancyEnabled: source.tenancyEnabled,
        scopes: source.scopes as Prisma.InputJsonValue,
        needsSecrets: hadSecrets,
        secretOrigins: source.secretOrigins,
        createdById: member.userId,
        fields: {
          create: source.fields.map((f) => ({
            type: f.type,
            key: f.key,
            value: plainValue(f),
            valueSealed: null,
            secret: f.secret,
            position: f.position,
          })),
        },
      },
    });
    await recordAudit(tx, {
      teamId: member.teamId,
      actor: { userId: member.userId },
      action: "profile.duplicate",
      targetType: "profile",
      targetId: id,
      changes: { name, duplicatedFrom: source.id },
    });
    return { id, name };
  });
}
