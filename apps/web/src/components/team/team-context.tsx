"use client";
import { can, type Permission } from "@authdeck/core/client";
import { createContext, useContext } from "react";
import type { RouterOutputs } from "~/lib/trpc.tsx";

export type CurrentTeam = RouterOutputs["team"]["get"];

const TeamContext = createContext<CurrentTeam | null>(null);
export const TeamProvider = TeamContext.Provider;

/** The team of the page, loaded by the team shell before any of its pages render. */
export function useTeam() {
  const team = useContext(TeamContext);
  if (!team) throw new Error("useTeam() is used outside the team shell");
  return { ...team, can: (permission: Permission) => can(team.role, permission) };
}
