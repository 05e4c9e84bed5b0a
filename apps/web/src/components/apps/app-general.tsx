"use client";
import { useTeam } from "../team/team-context.tsx";
import { useApp } from "./app-context.tsx";
import { DeleteAppSection } from "./delete-app-section.tsx";
import { RenameAppForm } from "./rename-app-form.tsx";

export function AppGeneral() {
  const team = useTeam();
  const app = useApp();
  return (
    <div className="grid gap-8">
      <h2 className="text-lg font-semibold">General</h2>
      {team.can("app.rename") ? (
        <RenameAppForm teamId={team.id} app={app} />
      ) : (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Only admins and the owner can rename or delete this app.
        </p>
      )}
      {team.can("app.delete") && <DeleteAppSection teamId={team.id} app={app} />}
    </div>
  );
}
