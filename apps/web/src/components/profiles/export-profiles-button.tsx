"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Download } from "lucide-react";
import { toast } from "sonner";
import { messageOf } from "~/lib/errors.ts";
import { plural } from "~/lib/format.ts";
import { useTRPC } from "~/lib/trpc.tsx";
import { Button } from "../ui/button.tsx";

const fileName = (appName: string) =>
  `${
    appName
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "app"
  }-profiles.json`;

/** Downloads the app's profiles as JSON: everything but the secrets. */
export function ExportProfilesButton(props: { teamId: string; appId: string; appName: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const exportAll = useMutation({
    mutationFn: () =>
      queryClient.fetchQuery(
        trpc.profile.export.queryOptions(
          { teamId: props.teamId, appId: props.appId },
          { staleTime: 0 },
        ),
      ),
    onSuccess: (document) => {
      const blob = new Blob([`${JSON.stringify(document, null, 2)}\n`], {
        type: "application/json",
      });
      const url = URL.createObjectURL(blob);
      const link = Object.assign(window.document.createElement("a"), {
        href: url,
        download: fileName(props.appName),
      });
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      toast.success(`Exported ${plural(document.profiles.length, "profile")}`, {
        description: "Secrets are never exported; they are entered again after an import.",
      });
    },
    onError: (error) => toast.error(messageOf(error as Parameters<typeof messageOf>[0])),
  });
  return (
    <Button variant="secondary" onClick={() => exportAll.mutate()} pending={exportAll.isPending}>
      {!exportAll.isPending && <Download aria-hidden />}
      Export
    </Button>
  );
}
