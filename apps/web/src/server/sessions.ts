import "server-only";
import type { Db } from "@authdeck/core/db";
import { auth, type SessionUser } from "./auth.ts";

export type Session = { id: string; user: SessionUser };

/** The session a request's cookie signs in, or null. */
export async function readSession(headers: Headers): Promise<Session | null> {
  const found = await auth().api.getSession({ headers });
  if (!found) return null;
  const { id, name, email } = found.user;
  return { id: found.session.id, user: { id, name, email } };
}

/**
 * Whether a session is still signed in. better-auth keeps sessions in the database alone (no
 * cookie cache, no secondary storage), so its row is the truth: signing out deletes it, and one
 * past its expiry no longer counts.
 */
export async function isSessionActive(
  db: Db,
  session: { id: string; userId: string },
  now: Date,
): Promise<boolean> {
  const row = await db.session.findUnique({
    where: { id: session.id },
    select: { userId: true, expiresAt: true },
  });
  return row !== null && row.userId === session.userId && row.expiresAt > now;
}
