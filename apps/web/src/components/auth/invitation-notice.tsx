"use client";
import { messageOf } from "~/lib/errors.ts";
import { roleLabel } from "~/lib/format.ts";
import { Alert, Skeleton } from "../ui/states.tsx";
import type { useInvitationPreview } from "./use-invitation.ts";

/** "You're joining <team> as <role>", or why the link no longer works. */
export function InvitationNotice({
  preview,
}: {
  preview: ReturnType<typeof useInvitationPreview>;
}) {
  if (preview.isPending) return <Skeleton className="h-14 w-full" />;
  if (preview.isError) return <Alert>{messageOf(preview.error)}</Alert>;
  return (
    <p className="rounded-md border border-zinc-200 bg-zinc-50 px-3 py-2 text-sm dark:border-zinc-700 dark:bg-zinc-800">
      You're joining <strong>{preview.data.teamName}</strong> as{" "}
      <strong>{roleLabel(preview.data.role)}</strong>
    </p>
  );
}
