"use client";
import { authClient } from "~/lib/auth-client.ts";
import { AuthFrame } from "../auth/auth-frame.tsx";
import { CreateTeamForm } from "./create-team-form.tsx";

/** The home page of someone who belongs to no team yet. */
export function CreateFirstTeam() {
  return (
    <AuthFrame
      title="Create your first team"
      description="A team holds your apps and their authorization profiles. You can invite people to it next."
      footer={
        <button
          type="button"
          className="underline underline-offset-4"
          onClick={async () => {
            await authClient.signOut();
            window.location.assign("/sign-in");
          }}
        >
          Sign out
        </button>
      }
    >
      <CreateTeamForm />
    </AuthFrame>
  );
}
