"use client";
import Link from "next/link";
import { useState } from "react";
import { authClient } from "~/lib/auth-client.ts";
import { messageOf } from "~/lib/errors.ts";
import { roleLabel } from "~/lib/format.ts";
import { Button } from "../ui/button.tsx";
import { RelativeTime } from "../ui/relative-time.tsx";
import { Alert, Skeleton } from "../ui/states.tsx";
import { AuthFrame } from "./auth-frame.tsx";
import { useAfterAuth } from "./use-after-auth.ts";
import { useInvitationPreview } from "./use-invitation.ts";

type Props = { token: string; signedInAs: string | null };

export function JoinInvitation({ token, signedInAs }: Props) {
  const preview = useInvitationPreview(token);
  const afterAuth = useAfterAuth();
  const [joining, setJoining] = useState(false);

  if (preview.isPending) {
    return (
      <AuthFrame title="Invitation">
        <div role="status" aria-label="Loading the invitation" className="grid gap-3">
          <Skeleton className="h-5 w-3/4" />
          <Skeleton className="h-9 w-full" />
        </div>
      </AuthFrame>
    );
  }
  if (preview.isError) {
    return (
      <AuthFrame title="This invitation can't be used">
        <div className="grid gap-4">
          <Alert>{messageOf(preview.error)}</Alert>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            Ask the person who invited you for a new link.
          </p>
          <Link href="/" className="text-sm font-medium underline underline-offset-4">
            Go to Authdeck
          </Link>
        </div>
      </AuthFrame>
    );
  }

  const { teamName, role, expiresAt } = preview.data;
  const query = `?invite=${encodeURIComponent(token)}`;
  return (
    <AuthFrame
      title={`Join ${teamName}`}
      description={
        <>
          You're invited to join <strong>{teamName}</strong> as <strong>{roleLabel(role)}</strong>.
          The link works once and expires <RelativeTime at={expiresAt} />.
        </>
      }
    >
      {signedInAs ? (
        <div className="grid gap-3">
          <Button
            pending={joining}
            onClick={async () => {
              setJoining(true);
              await afterAuth({ invite: token });
            }}
          >
            Join {teamName}
          </Button>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            Signed in as {signedInAs}.{" "}
            <button
              type="button"
              className="font-medium underline underline-offset-4"
              onClick={async () => {
                await authClient.signOut();
                window.location.reload();
              }}
            >
              Not you?
            </button>
          </p>
        </div>
      ) : (
        <div className="grid gap-2">
          <Button asChild>
            <Link href={`/sign-up${query}`}>Sign up to join</Link>
          </Button>
          <Button asChild variant="secondary">
            <Link href={`/sign-in${query}`}>I have an account</Link>
          </Button>
        </div>
      )}
    </AuthFrame>
  );
}
