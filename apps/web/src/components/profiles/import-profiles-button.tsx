"use client";
import { fieldErrorsOf } from "@authdeck/core/client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Upload } from "lucide-react";
import { type ChangeEvent, useRef, useState } from "react";
import { toast } from "sonner";
import { messageOf } from "~/lib/errors.ts";
import { plural } from "~/lib/format.ts";
import { useTRPC } from "~/lib/trpc.tsx";
import { Button } from "../ui/button.tsx";
import { Dialog, DialogClose, DialogContent, DialogFooter, DialogHeader } from "../ui/dialog.tsx";

type Problem = { path: string; message: string };

/** Import: pick an export file; every profile in it is created, or none, with reasons. */
export function ImportProfilesButton({ teamId, appId }: { teamId: string; appId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [problems, setProblems] = useState<{ file: string; list: Problem[] } | null>(null);
  // The file being imported, for the problems dialog; read when the answer comes.
  const fileName = useRef("");
  const importAll = useMutation(
    trpc.profile.import.mutationOptions({
      onSuccess: async ({ imported }) => {
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.profile.list.pathKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.app.get.queryKey({ teamId, appId }) }),
        ]);
        toast.success(`Imported ${plural(imported, "profile")}`, {
          description: "Profiles that had secrets are marked Incomplete until you enter them.",
        });
      },
      onError: (error) => {
        const list = Object.entries(fieldErrorsOf(error)).map(([path, message]) => ({
          path: path.replace(/^document\./, ""),
          message,
        }));
        setProblems({
          file: fileName.current,
          list: list.length ? list : [{ path: "", message: messageOf(error) }],
        });
      },
    }),
  );

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = "";
    if (!file) return;
    fileName.current = file.name;
    let document: unknown;
    try {
      document = JSON.parse(await file.text());
    } catch {
      setProblems({ file: file.name, list: [{ path: "", message: "This file is not JSON." }] });
      return;
    }
    importAll.mutate({ teamId, appId, document: document as never });
  }

  return (
    <>
      <input
        ref={input}
        type="file"
        accept="application/json,.json"
        className="hidden"
        tabIndex={-1}
        aria-hidden
        data-testid="import-file"
        onChange={onFile}
      />
      <Button
        variant="secondary"
        onClick={() => input.current?.click()}
        pending={importAll.isPending}
      >
        {!importAll.isPending && <Upload aria-hidden />}
        Import
      </Button>
      <Dialog open={problems !== null} onOpenChange={(open) => !open && setProblems(null)}>
        <DialogContent className="max-w-lg">
          <DialogHeader
            title="Nothing was imported"
            description={`${problems?.file ?? "The file"} has ${plural(problems?.list.length ?? 0, "problem")}; fix them and import it again.`}
          />
          <ul className="grid max-h-80 gap-2 overflow-y-auto text-sm">
            {problems?.list.map((problem) => (
              <li key={`${problem.path}:${problem.message}`} className="grid gap-0.5">
                <span>{problem.message}</span>
                {problem.path && <code className="text-xs text-muted">{problem.path}</code>}
              </li>
            ))}
          </ul>
          <DialogFooter>
            <DialogClose asChild>
              <Button variant="secondary">Close</Button>
            </DialogClose>
          </DialogFooter>
        </DialogContent>
      </Dialog>
    </>
  );
}
