"use client";
import { useMutation } from "@tanstack/react-query";
import { RefreshCw } from "lucide-react";
import { useEffect, useState } from "react";
import { toast } from "sonner";
import { toastUnlessShown } from "~/lib/errors.ts";
import { useTRPC } from "~/lib/trpc.tsx";
import { Button } from "../ui/button.tsx";
import type { TokenView } from "./dashboard-types.ts";

type Props = {
  teamId: string;
  appId: string;
  profile: { id: string; name: string; tokens: TokenView[] };
};

// A refresh that has not ended by then is still shown when it does; the button stops waiting.
const GIVE_UP_MS = 30_000;

const signatureOf = (tokens: TokenView[]) =>
  tokens
    .map(
      (t) =>
        `${t.tenant}:${t.obtainedAt?.getTime()}:${t.consecutiveFailures}:${t.lastError}:${t.refreshNote}`,
    )
    .join("|");

/** Queues a refresh of the profile's tokens and shows progress until the page sees it end. */
export function RefreshNowButton({ teamId, appId, profile }: Props) {
  const trpc = useTRPC();
  const [waiting, setWaiting] = useState<{
    before: string;
    failures: Map<string, number>;
    obtained: Map<string, number | undefined>;
  } | null>(null);
  const refresh = useMutation(trpc.token.refreshNow.mutationOptions());
  const signature = signatureOf(profile.tokens);
  const running = profile.tokens.some((t) => t.status === "refreshing");

  useEffect(() => {
    if (!waiting || signature === waiting.before || running) return;
    setWaiting(null);
    const failed = profile.tokens.find(
      (t) => t.consecutiveFailures > (waiting.failures.get(t.tenant) ?? 0),
    );
    const renewed = profile.tokens.some(
      (t) => t.obtainedAt?.getTime() !== waiting.obtained.get(t.tenant),
    );
    // Held back (the team's refresh budget): nothing was asked of the provider.
    const held = profile.tokens.find((t) => t.refreshNote);
    if (failed) toast.error(`Refreshing "${profile.name}" failed: ${failed.lastError ?? ""}`);
    else if (renewed || !held) toast.success(`"${profile.name}" has a new token`);
    else toast.info(`"${profile.name}" was not refreshed: ${held.refreshNote}`);
  }, [waiting, signature, running, profile]);

  useEffect(() => {
    if (!waiting) return;
    const timer = setTimeout(() => {
      setWaiting(null);
      toast.info(`The refresh of "${profile.name}" is taking long; its token will show here`);
    }, GIVE_UP_MS);
    return () => clearTimeout(timer);
  }, [waiting, profile.name]);

  function start() {
    const before = signatureOf(profile.tokens);
    const failures = new Map(profile.tokens.map((t) => [t.tenant, t.consecutiveFailures]));
    const obtained = new Map(profile.tokens.map((t) => [t.tenant, t.obtainedAt?.getTime()]));
    refresh.mutate(
      { teamId, appId, profileId: profile.id },
      {
        onSuccess: ({ queued }) => {
          if (queued > 0) setWaiting({ before, failures, obtained });
          else toast.info("No tenant has a token to refresh yet");
        },
        onError: (error) => toastUnlessShown(error),
      },
    );
  }

  const busy = refresh.isPending || waiting !== null;
  return (
    <Button variant="secondary" size="sm" pending={busy} onClick={start}>
      {!busy && <RefreshCw aria-hidden />}
      {busy ? "Refreshing…" : "Refresh now"}
    </Button>
  );
}
