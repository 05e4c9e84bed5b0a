import { recordAudit } from "../audit/record-audit.ts";
import { Prisma } from "../db/generated/client.ts";
import { conflict, invalid } from "../errors/app-error.ts";
import { runTransaction } from "../errors/database-errors.ts";
import { assertCan, type Member } from "../teams/member.ts";
import type { ProfileDeps } from "./deps.ts";
import { findTeamProfile } from "./find-profile.ts";
import {
  generateSigningKey,
  parseUploadedKey,
  privateKeyContext,
  publicKeyId,
  type SigningAlgorithm,
} from "./signing-key.ts";

/**
 * Key rotation without downtime for private_key_jwt. The next key is published in the JWKS
 * beside the current one (so the provider can fetch it before it signs anything); it becomes
 * current only after a Test signed with it passed (the provider is known to accept it); the
 * old key stays published as "previous" until retired, so a provider still holding a cached
 * JWKS keeps verifying assertions signed just before the switch.
 */

type ProfileRef = { appId: string; profileId: string };

const KEYS_CHANGED =
  "The profile's keys changed meanwhile (someone else saved it or rotated its key): reload and try again";

// A step the profile's keys are not ready for is a CONFLICT with the profile's state (no field
// of the request is wrong), like a stale edit.
async function rotatingProfile(deps: ProfileDeps, member: Member, input: ProfileRef) {
  assertCan(member, "profile.write");
  const profile = await findTeamProfile(deps.db, member, input.appId, input.profileId);
  const kid = publicKeyId(profile.publicJwk);
  if (profile.clientAuthMethod !== "private_key_jwt" || !profile.privateKeySealed || !kid)
    throw conflict("Only a private_key_jwt profile with a saved key has keys to rotate");
  return { profile, kid };
}

/** Writes the key columns only if the profile is still the version read, audited in the same transaction. */
async function writeKeys(
  deps: ProfileDeps,
  member: Member,
  profile: { id: string; version: number },
  data: Prisma.AuthorizationProfileUpdateManyMutationInput,
  audit: { action: string; changes: Record<string, unknown> },
) {
  await runTransaction(deps.db, async (tx) => {
    const { count } = await tx.authorizationProfile.updateMany({
      where: { id: profile.id, version: profile.version },
      data: { ...data, version: { increment: 1 } },
    });
    if (count === 0) throw conflict(KEYS_CHANGED);
    await recordAudit(tx, {
      teamId: member.teamId,
      actor: { userId: member.userId },
      action: audit.action,
      targetType: "profile",
      targetId: profile.id,
      changes: audit.changes,
    });
  });
}

/**
 * Adds (or replaces) the next key: generated with the profile's algorithm, or an uploaded PEM or
 * JWK checked as the current key's is. From now on the JWKS publishes it; nothing signs with it
 * until a Test asks to.
 */
export async function addNextKey(
  deps: ProfileDeps,
  member: Member,
  input: ProfileRef & { privateKey?: string | undefined },
) {
  const { profile, kid } = await rotatingProfile(deps, member, input);
  const alg = profile.signingAlgorithm as SigningAlgorithm;
  const key = input.privateKey
    ? await parseUploadedKey(input.privateKey, alg)
    : await generateSigningKey(alg);
  const known = [kid, publicKeyId(profile.previousPublicJwk)];
  if (known.includes(key.kid))
    throw invalid({ privateKey: "This key is already one of the profile's keys: choose another" });
  await writeKeys(
    deps,
    member,
    profile,
    {
      nextPrivateKeySealed: deps.sealer.seal(
        JSON.stringify(key.privateJwk),
        privateKeyContext(profile.id, "next"),
      ),
      nextPublicJwk: key.publicJwk as Prisma.InputJsonValue,
      nextKeyAddedAt: deps.now(),
    },
    {
      action: "profile.key.add",
      changes: { nextKeyId: key.kid, privateKey: input.privateKey ? "[uploaded]" : "[generated]" },
    },
  );
  return { kid: key.kid };
}

/**
 * Makes the next key current and the current one previous (still published). Refused unless a
 * Test signed with this very next key passed: the provider has then fetched and accepted it.
 */
export async function switchToNextKey(deps: ProfileDeps, member: Member, input: ProfileRef) {
  const { profile, kid } = await rotatingProfile(deps, member, input);
  const nextKid = publicKeyId(profile.nextPublicJwk);
  if (!profile.nextPrivateKeySealed || !nextKid)
    throw conflict("This profile has no next key: add one first");
  const previousKid = publicKeyId(profile.previousPublicJwk);
  if (previousKid)
    throw conflict(
      `Retire the previous key (${previousKid}) first: a profile keeps at most one previous key`,
    );
  const passed = await deps.db.testRun.findFirst({
    // Queued since this key became the next key: a re-added key is tested again.
    where: {
      profileId: profile.id,
      signingKid: nextKid,
      trigger: "test",
      status: "succeeded",
      queuedAt: { gte: profile.nextKeyAddedAt ?? new Date(0) },
    },
    orderBy: { finishedAt: "desc" },
    select: { id: true },
  });
  if (!passed)
    throw conflict(
      `Run "Test with next key" first: switching needs a passing Test signed with the next key (${nextKid}), which shows the provider accepts it`,
    );
  const reseal = (sealed: string, from: "current" | "next", to: "current" | "previous") =>
    deps.sealer.seal(
      deps.sealer.open(sealed, privateKeyContext(profile.id, from)),
      privateKeyContext(profile.id, to),
    );
  await writeKeys(
    deps,
    member,
    profile,
    {
      privateKeySealed: reseal(profile.nextPrivateKeySealed, "next", "current"),
      publicJwk: profile.nextPublicJwk as Prisma.InputJsonValue,
      keyAddedAt: profile.nextKeyAddedAt,
      previousPrivateKeySealed: reseal(profile.privateKeySealed as string, "current", "previous"),
      previousPublicJwk: profile.publicJwk as Prisma.InputJsonValue,
      previousKeyAddedAt: profile.keyAddedAt,
      nextPrivateKeySealed: null,
      nextPublicJwk: Prisma.DbNull,
      nextKeyAddedAt: null,
    },
    {
      action: "profile.key.switch",
      changes: { keyId: nextKid, previousKeyId: kid, testRunId: passed.id },
    },
  );
  return { kid: nextKid };
}

/** Stops publishing the previous key and deletes its sealed private half. */
export async function retirePreviousKey(deps: ProfileDeps, member: Member, input: ProfileRef) {
  const { profile } = await rotatingProfile(deps, member, input);
  const previousKid = publicKeyId(profile.previousPublicJwk);
  if (!previousKid) throw conflict("This profile has no previous key to retire");
  await writeKeys(
    deps,
    member,
    profile,
    { previousPrivateKeySealed: null, previousPublicJwk: Prisma.DbNull, previousKeyAddedAt: null },
    { action: "profile.key.retire", changes: { previousKeyId: previousKid } },
  );
  return { kid: previousKid };
}

/** The profile's keys for its page: kid, role and when each was added; never key material. */
export function keysOf(profile: {
  publicJwk: unknown;
  keyAddedAt: Date | null;
  nextPublicJwk: unknown;
  nextKeyAddedAt: Date | null;
  previousPublicJwk: unknown;
  previousKeyAddedAt: Date | null;
}) {
  const keys = [
    { role: "current", kid: publicKeyId(profile.publicJwk), addedAt: profile.keyAddedAt },
    { role: "next", kid: publicKeyId(profile.nextPublicJwk), addedAt: profile.nextKeyAddedAt },
    {
      role: "previous",
      kid: publicKeyId(profile.previousPublicJwk),
      addedAt: profile.previousKeyAddedAt,
    },
  ] as const;
  return keys.flatMap((k) => (k.kid ? [{ ...k, kid: k.kid }] : []));
}
