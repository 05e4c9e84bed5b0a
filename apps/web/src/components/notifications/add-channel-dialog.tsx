"use client";
import { fieldErrorsOf } from "@authdeck/core/client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Plus, TriangleAlert } from "lucide-react";
import { useState } from "react";
import { toastUnlessShown } from "~/lib/errors.ts";
import { useTRPC } from "~/lib/trpc.tsx";
import { Button } from "../ui/button.tsx";
import { CopyButton } from "../ui/copy-button.tsx";
import { Dialog, DialogContent, DialogFooter, DialogHeader, DialogTrigger } from "../ui/dialog.tsx";
import { Field } from "../ui/field.tsx";
import { Input } from "../ui/input.tsx";
import { ChannelForm } from "./channel-form.tsx";

/** Adds a channel; a webhook's signing secret is shown once, and closing forgets it for good. */
export function AddChannelDialog({
  teamId,
  emailDomains,
}: {
  teamId: string;
  emailDomains: readonly string[] | null;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const create = useMutation(
    trpc.notification.create.mutationOptions({
      onSuccess: async (created) => {
        await queryClient.invalidateQueries({
          queryKey: trpc.notification.list.queryKey({ teamId }),
        });
        if (created.signingSecret) setSecret(created.signingSecret);
        else onOpenChange(false);
      },
      onError: (error) =>
        toastUnlessShown(error, ["kind", "name", "url", "recipients", "events", "appIds"]),
    }),
  );

  function onOpenChange(next: boolean) {
    setOpen(next);
    setSecret(null);
    create.reset();
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button>
          <Plus aria-hidden />
          Add channel
        </Button>
      </DialogTrigger>
      <DialogContent
        className="max-w-lg"
        onInteractOutside={(event) => secret && event.preventDefault()}
      >
        {secret ? (
          <>
            <DialogHeader
              title="Channel added"
              description="Copy the signing secret now: Authdeck cannot show it again."
            />
            <div className="grid gap-4">
              <p className="flex gap-2 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-200">
                <TriangleAlert className="mt-0.5 size-4 shrink-0" aria-hidden />
                Your receiver checks each request's webhook-signature header with this secret
                (Standard Webhooks).
              </p>
              <Field id="signing-secret" label="Signing secret">
                <div className="flex gap-2">
                  <Input
                    id="signing-secret"
                    readOnly
                    value={secret}
                    className="font-mono text-xs"
                    onFocus={(event) => event.currentTarget.select()}
                  />
                  <CopyButton text={secret} label="Copy the signing secret" />
                </div>
              </Field>
              <DialogFooter>
                <Button onClick={() => onOpenChange(false)}>Done</Button>
              </DialogFooter>
            </div>
          </>
        ) : (
          <>
            <DialogHeader
              title="Add channel"
              description="Choose where notifications go and which changes they are about."
            />
            <ChannelForm
              teamId={teamId}
              emailDomains={emailDomains}
              pending={create.isPending}
              errors={fieldErrorsOf(create.error)}
              onSubmit={(values) => create.mutate({ teamId, ...values })}
            />
          </>
        )}
      </DialogContent>
    </Dialog>
  );
}
