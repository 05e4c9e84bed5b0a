"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Copy, Ellipsis, Pencil, Trash2 } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { messageOf } from "~/lib/errors.ts";
import { useTRPC } from "~/lib/trpc.tsx";
import { TestButton } from "../test-runs/test-button.tsx";
import { Button } from "../ui/button.tsx";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "../ui/dropdown-menu.tsx";
import { DeleteProfileDialog } from "./delete-profile-dialog.tsx";

type Props = {
  teamId: string;
  appId: string;
  profile: { id: string; name: string };
  href: string;
  canWrite: boolean;
  canTest: boolean;
  onEdit: () => void;
};

/** Test, Edit, Duplicate and Delete, as far as the member's role allows. */
export function ProfileRowActions({
  teamId,
  appId,
  profile,
  href,
  canWrite,
  canTest,
  onEdit,
}: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [deleting, setDeleting] = useState(false);
  const duplicate = useMutation(
    trpc.profile.duplicate.mutationOptions({
      onSuccess: async (copy) => {
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.profile.list.pathKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.app.get.queryKey({ teamId, appId }) }),
        ]);
        toast.success(`Duplicated as "${copy.name}"`, {
          description: "Secrets are not copied: enter them with Edit before testing.",
        });
      },
      onError: (error) => toast.error(messageOf(error)),
    }),
  );
  if (!canWrite && !canTest) return null;
  return (
    <div className="flex items-center justify-end gap-1">
      {canTest && (
        <TestButton
          teamId={teamId}
          appId={appId}
          profile={profile}
          historyHref={href}
          variant="ghost"
        />
      )}
      {canWrite && (
        <>
          <Button variant="ghost" size="sm" onClick={onEdit} aria-label={`Edit ${profile.name}`}>
            <Pencil aria-hidden />
            Edit
          </Button>
          <DropdownMenu>
            <DropdownMenuTrigger asChild>
              <Button
                variant="ghost"
                size="icon"
                aria-label={`More actions for ${profile.name}`}
                pending={duplicate.isPending}
              >
                {!duplicate.isPending && <Ellipsis aria-hidden />}
              </Button>
            </DropdownMenuTrigger>
            <DropdownMenuContent align="end" className="min-w-40">
              <DropdownMenuItem
                onSelect={() => duplicate.mutate({ teamId, appId, profileId: profile.id })}
              >
                <Copy aria-hidden />
                Duplicate
              </DropdownMenuItem>
              <DropdownMenuSeparator />
              <DropdownMenuItem
                onSelect={() => setDeleting(true)}
                className="text-red-600 dark:text-red-400"
              >
                <Trash2 aria-hidden />
                Delete
              </DropdownMenuItem>
            </DropdownMenuContent>
          </DropdownMenu>
          <DeleteProfileDialog
            teamId={teamId}
            appId={appId}
            profile={profile}
            open={deleting}
            onOpenChange={setDeleting}
          />
        </>
      )}
    </div>
  );
}
