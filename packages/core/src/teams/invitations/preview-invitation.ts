import { AppError } from "../../errors/app-error.ts";
import type { Deps } from "../deps.ts";
import { findUsableInvitation, WITHDRAWN } from "./find-invitation.ts";

/** What the invitation page shows before anyone signs in: the team and the role, nothing more. */
export async function previewInvitation(deps: Deps, input: { token: string }) {
  const invitation = await findUsableInvitation(deps.db, input.token, deps.now());
  if (invitation.withdrawn) throw new AppError("NOT_FOUND", WITHDRAWN);
  return { teamName: invitation.team.name, role: invitation.role, expiresAt: invitation.expiresAt };
}
