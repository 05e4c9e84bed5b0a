"use client";
import { useMutation } from "@tanstack/react-query";
import { Activity } from "lucide-react";
import { toast } from "sonner";
import { toastUnlessShown } from "~/lib/errors.ts";
import { useTRPC } from "~/lib/trpc.tsx";
import { Button } from "../ui/button.tsx";

/** Runs the profile's health check now; the verdict arrives on the page's live stream. */
export function CheckNowButton(ref: { teamId: string; appId: string; profileId: string }) {
  const trpc = useTRPC();
  const check = useMutation(
    trpc.healthCheck.checkNow.mutationOptions({
      onSuccess: () => toast.success("Checking now"),
      onError: (error) => toastUnlessShown(error),
    }),
  );
  return (
    <Button
      variant="secondary"
      size="sm"
      disabled={check.isPending}
      onClick={() => check.mutate(ref)}
    >
      <Activity aria-hidden />
      Check now
    </Button>
  );
}
