"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { toast } from "sonner";
import { toastUnlessShown } from "~/lib/errors.ts";
import { useTRPC } from "~/lib/trpc.tsx";
import { Button } from "../ui/button.tsx";
import { ConfirmDialog } from "../ui/confirm-dialog.tsx";

type Props = { teamId: string; apiKey: { id: string; name: string; prefix: string } };

export function RevokeApiKeyButton({ teamId, apiKey }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const revoke = useMutation(
    trpc.apiKey.revoke.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.apiKey.list.queryKey({ teamId }) });
        toast.success(`API key "${apiKey.name}" revoked`);
        setOpen(false);
      },
      onError: (error) => toastUnlessShown(error),
    }),
  );
  return (
    <>
      <Button
        variant="secondary"
        size="sm"
        onClick={() => setOpen(true)}
        aria-label={`Revoke ${apiKey.name}`}
      >
        Revoke
      </Button>
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        title={`Revoke "${apiKey.name}"?`}
        description={
          <>
            Services using <code className="font-mono">{apiKey.prefix}…</code> get 401 Unauthorized
            from their next request. A revoked key cannot be used again.
          </>
        }
        confirmLabel="Revoke key"
        danger
        pending={revoke.isPending}
        onConfirm={() => revoke.mutate({ teamId, apiKeyId: apiKey.id })}
      />
    </>
  );
}
