"use client";
import { KeyRound } from "lucide-react";
import { plural } from "~/lib/format.ts";
import { EmptyState } from "../ui/states.tsx";
import { useApp } from "./app-context.tsx";

export function ProfilesPanel() {
  const { profileCount } = useApp();
  return (
    <>
      <h2 className="mb-4 text-lg font-semibold">Authorization Profiles</h2>
      {profileCount === 0 ? (
        <EmptyState icon={<KeyRound />} title="No authorization profiles yet">
          Authorization profiles are defined here: each one describes an OAuth 2.0 client
          credentials grant (identity provider, client ID, secret, token URL, scopes) that this
          app's service uses.
        </EmptyState>
      ) : (
        <EmptyState
          icon={<KeyRound />}
          title={`This app has ${plural(profileCount, "authorization profile")}`}
        >
          Listing and editing them here is coming next.
        </EmptyState>
      )}
    </>
  );
}
