import type { Deps } from "../deps.ts";
import { findUsableInvitation } from "./find-invitation.ts";

/** What the invitation page shows before anyone signs in: the team and the role, nothing more. */
export async function previewInvitation(deps: Deps, input: { token: string }) {
  const invitation = await findUsableInvitation(deps.db, input.token, deps.now());
  return { teamName: invitation.team.name, role: invitation.role, expiresAt: invitation.expiresAt };
}
