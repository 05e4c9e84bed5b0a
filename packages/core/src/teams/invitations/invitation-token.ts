import { createHash, randomBytes } from "node:crypto";

export const INVITATION_LIFETIME_MS = 7 * 24 * 3_600_000;

/** The link carries the token; the database keeps only its hash, so a leaked row opens nothing. */
export const newInvitationToken = () => randomBytes(32).toString("base64url");
export const hashInvitationToken = (token: string) =>
  createHash("sha256").update(token).digest("hex");
