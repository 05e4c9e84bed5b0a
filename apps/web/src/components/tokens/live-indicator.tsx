"use client";
import { LoaderCircle, Radio, Unplug } from "lucide-react";
import { Button } from "../ui/button.tsx";

type Props = {
  status: "idle" | "connecting" | "pending" | "error";
  /** Why the server ended the stream (access gone, too many streams...), when it did. */
  error?: string | null;
  onReconnect: () => void;
};

/** Whether the page is following changes as they happen, in words. */
export function LiveIndicator({ status, error, onReconnect }: Props) {
  if (status === "idle") return null;
  return (
    <div role="status" className="flex items-center gap-2 text-xs text-zinc-600 dark:text-zinc-400">
      {status === "pending" && (
        <>
          <Radio className="size-4 text-emerald-600 dark:text-emerald-400" aria-hidden />
          Live
        </>
      )}
      {status === "connecting" && (
        <>
          <LoaderCircle className="size-4 motion-safe:animate-spin" aria-hidden />
          Connecting…
        </>
      )}
      {status === "error" && (
        <>
          <Unplug className="size-4 text-red-600 dark:text-red-400" aria-hidden />
          {error ? `Live updates stopped: ${error}` : "Live updates stopped"}
          <Button variant="secondary" size="sm" onClick={onReconnect}>
            Reconnect
          </Button>
        </>
      )}
    </div>
  );
}
