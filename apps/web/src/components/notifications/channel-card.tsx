"use client";
import {
  CHANNEL_KIND_LABELS,
  NOTIFICATION_EVENT_LABELS,
  type NotificationEvent,
} from "@authdeck/core/client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { CirclePause } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { toastUnlessShown } from "~/lib/errors.ts";
import { type RouterOutputs, useTRPC } from "~/lib/trpc.tsx";
import { Badge } from "../ui/badge.tsx";
import { Button } from "../ui/button.tsx";
import { ConfirmDialog } from "../ui/confirm-dialog.tsx";
import { DeliveryLog } from "./delivery-log.tsx";

type Channel = RouterOutputs["notification"]["list"][number];
type Props = { teamId: string; channel: Channel; canManage: boolean };

export function ChannelCard({ teamId, channel, canManage }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [showLog, setShowLog] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const ref = { teamId, channelId: channel.id };
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.notification.list.queryKey({ teamId }) });
    await queryClient.invalidateQueries({
      queryKey: trpc.notification.deliveries.queryKey({ ...ref, limit: 50 }),
    });
  };
  const options = (done: string, then?: () => void) => ({
    onSuccess: async () => {
      then?.();
      await refresh();
      toast.success(done);
    },
    onError: (error: Parameters<typeof toastUnlessShown>[0]) => toastUnlessShown(error),
  });
  // The log opens on a test event, so its delivery can be watched arriving.
  const sendTest = useMutation(
    trpc.notification.sendTest.mutationOptions(
      options("Test event queued", () => setShowLog(true)),
    ),
  );
  const pause = useMutation(trpc.notification.pause.mutationOptions(options("Channel paused")));
  const resume = useMutation(trpc.notification.resume.mutationOptions(options("Channel resumed")));
  const remove = useMutation(
    trpc.notification.delete.mutationOptions(options(`Channel "${channel.name}" deleted`)),
  );
  const logId = `delivery-log-${channel.id}`;

  return (
    <section
      aria-labelledby={`channel-${channel.id}`}
      className="grid gap-3 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800"
    >
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="grid gap-1">
          <h2 id={`channel-${channel.id}`} className="flex items-center gap-2 font-medium">
            {channel.name} <Badge>{CHANNEL_KIND_LABELS[channel.kind]}</Badge>
          </h2>
          <p className="font-mono text-xs break-all text-muted">
            {channel.kind === "email" ? channel.recipients.join(", ") : channel.target}
          </p>
          <p className="text-sm">
            {channel.events
              .map((event) => NOTIFICATION_EVENT_LABELS[event as NotificationEvent] ?? event)
              .join(", ")}
          </p>
          <p className="text-sm text-muted">
            {channel.apps.length === 0
              ? "All apps"
              : `Apps: ${channel.apps.map((app) => app.name).join(", ")}`}
          </p>
        </div>
        {canManage && (
          <div className="flex flex-wrap gap-2">
            <Button
              variant="secondary"
              size="sm"
              pending={sendTest.isPending}
              disabled={Boolean(channel.pausedAt)}
              onClick={() => sendTest.mutate(ref)}
            >
              Send test event
            </Button>
            {channel.pausedAt ? (
              <Button
                variant="secondary"
                size="sm"
                pending={resume.isPending}
                onClick={() => resume.mutate(ref)}
              >
                Resume
              </Button>
            ) : (
              <Button
                variant="secondary"
                size="sm"
                pending={pause.isPending}
                onClick={() => pause.mutate(ref)}
              >
                Pause
              </Button>
            )}
            <Button
              variant="secondary"
              size="sm"
              onClick={() => setConfirmDelete(true)}
              aria-label={`Delete ${channel.name}`}
            >
              Delete
            </Button>
          </div>
        )}
      </div>
      {channel.pausedAt && (
        <p className="flex gap-2 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-200">
          <CirclePause className="mt-0.5 size-4 shrink-0" aria-hidden />
          {channel.pausedReason ?? "Paused"}. Its notifications wait until it is resumed.
        </p>
      )}
      <div>
        <Button
          variant="ghost"
          size="sm"
          aria-expanded={showLog}
          aria-controls={logId}
          onClick={() => setShowLog(!showLog)}
        >
          {showLog ? "Hide delivery log" : "Show delivery log"}
        </Button>
        {showLog && (
          <div id={logId} className="mt-2">
            <DeliveryLog teamId={teamId} channelId={channel.id} kind={channel.kind} />
          </div>
        )}
      </div>
      <ConfirmDialog
        open={confirmDelete}
        onOpenChange={setConfirmDelete}
        title={`Delete "${channel.name}"?`}
        description="Its delivery log goes with it, and notifications not yet sent are dropped."
        confirmLabel="Delete channel"
        danger
        pending={remove.isPending}
        onConfirm={() => remove.mutate(ref)}
      />
    </section>
  );
}
