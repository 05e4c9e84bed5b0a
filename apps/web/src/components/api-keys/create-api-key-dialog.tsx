"use client";
import { fieldErrorsOf } from "@authdeck/core/client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Plus } from "lucide-react";
import { useState } from "react";
import { toastUnlessShown } from "~/lib/errors.ts";
import { useTRPC } from "~/lib/trpc.tsx";
import { Button } from "../ui/button.tsx";
import { Dialog, DialogContent, DialogHeader, DialogTrigger } from "../ui/dialog.tsx";
import { ApiKeyForm } from "./api-key-form.tsx";
import { NewApiKey } from "./new-api-key.tsx";

type Created = { name: string; key: string; appId: string };

/** Creates a key and shows it once; closing the dialog forgets it for good. */
export function CreateApiKeyDialog({ teamId, fromAppId }: { teamId: string; fromAppId?: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState<Created | null>(null);
  const create = useMutation(
    trpc.apiKey.create.mutationOptions({
      onSuccess: async (key, input) => {
        setCreated({ name: key.name, key: key.key, appId: input.appIds[0] ?? "" });
        await queryClient.invalidateQueries({ queryKey: trpc.apiKey.list.queryKey({ teamId }) });
      },
      onError: (error) => toastUnlessShown(error, ["name", "appIds"]),
    }),
  );

  function onOpenChange(next: boolean) {
    setOpen(next);
    setCreated(null);
    create.reset();
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button>
          <Plus aria-hidden />
          Create API key
        </Button>
      </DialogTrigger>
      <DialogContent
        className="max-w-lg"
        // Once the key is on screen, only Done or Close may take it away.
        onInteractOutside={(event) => created && event.preventDefault()}
      >
        {created ? (
          <>
            <DialogHeader
              title="API key created"
              description="Copy it now: Authdeck keeps only a hash and cannot show it again."
            />
            <NewApiKey
              teamId={teamId}
              apiKey={created.key}
              appId={created.appId}
              onDone={() => onOpenChange(false)}
            />
          </>
        ) : (
          <>
            <DialogHeader
              title="Create API key"
              description="A service sends the key to fetch tokens of the apps you choose."
            />
            <ApiKeyForm
              teamId={teamId}
              fromAppId={fromAppId}
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
