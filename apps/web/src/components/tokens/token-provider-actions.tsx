"use client";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { toast } from "sonner";
import { toastUnlessShown } from "~/lib/errors.ts";
import { type RouterOutputs, useTRPC } from "~/lib/trpc.tsx";
import { Button } from "../ui/button.tsx";
import { ConfirmDialog } from "../ui/confirm-dialog.tsx";
import { Alert } from "../ui/states.tsx";

type Inspection = RouterOutputs["token"]["inspect"];
type Failure = Extract<Inspection, { ok: false }>;

type Props = {
  teamId: string;
  appId: string;
  profile: { id: string; name: string; canRevoke: boolean; canInspect: boolean };
  /** "" without tenancy. */
  tenant: string;
};

/**
 * "Revoke token" (RFC 7009) and "Inspect token" (RFC 7662) for one stored token, where the
 * provider's metadata named those endpoints. The token itself is never shown.
 */
export function TokenProviderActions({ teamId, appId, profile, tenant }: Props) {
  const trpc = useTRPC();
  const revoke = useMutation(trpc.token.revoke.mutationOptions());
  const inspect = useMutation(trpc.token.inspect.mutationOptions());
  const [shown, setShown] = useState<Inspection | null>(null);
  const [confirming, setConfirming] = useState(false);
  if (!profile.canRevoke && !profile.canInspect) return null;
  const ref = { teamId, appId, profileId: profile.id, ...(tenant ? { tenant } : {}) };
  const where = tenant
    ? `the ${tenant} token of "${profile.name}"`
    : `the token of "${profile.name}"`;

  return (
    <div className="grid gap-2" data-token-actions={tenant}>
      <div className="flex flex-wrap gap-2">
        {profile.canRevoke && (
          <Button
            variant="secondary"
            size="sm"
            pending={revoke.isPending}
            aria-label={tenant ? `Revoke token of tenant ${tenant}` : undefined}
            onClick={() => setConfirming(true)}
          >
            Revoke token
          </Button>
        )}
        <ConfirmDialog
          open={confirming}
          onOpenChange={setConfirming}
          title="Revoke token?"
          description={`The provider stops accepting ${where} at once, and services using it get errors until a new one is fetched (auto-refresh or the token API fetch one when asked).`}
          confirmLabel="Revoke token"
          danger
          pending={revoke.isPending}
          onConfirm={() =>
            revoke.mutate(ref, {
              onSuccess: (result) => {
                setConfirming(false);
                setShown(result.ok ? null : result);
                if (result.ok) toast.success(`The provider revoked ${where}`);
              },
              onError: (error) => {
                setConfirming(false);
                toastUnlessShown(error);
              },
            })
          }
        />
        {profile.canInspect && (
          <Button
            variant="secondary"
            size="sm"
            pending={inspect.isPending}
            aria-label={tenant ? `Inspect token of tenant ${tenant}` : undefined}
            onClick={() =>
              inspect.mutate(ref, {
                onSuccess: setShown,
                onError: (error) => toastUnlessShown(error),
              })
            }
          >
            Inspect token
          </Button>
        )}
      </div>
      {shown &&
        (shown.ok ? <InspectionView inspection={shown} /> : <FailureView failure={shown} />)}
    </div>
  );
}

function InspectionView({ inspection }: { inspection: Extract<Inspection, { ok: true }> }) {
  const rows: Array<[string, string]> = [
    ["active", String(inspection.active)],
    ["exp", inspection.exp === null ? "—" : new Date(inspection.exp * 1000).toISOString()],
    ["scope", inspection.scope ?? "—"],
    ["client_id", inspection.clientId ?? "—"],
    ["token_type", inspection.tokenType ?? "—"],
  ];
  // A dl takes no name of its own: the section around it carries it.
  return (
    <section aria-label="As the provider sees the token">
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 rounded-md border border-zinc-200 p-3 text-xs dark:border-zinc-800">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="font-mono text-muted">{label}:</dt>
            <dd className="break-all font-mono">{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function FailureView({ failure }: { failure: Failure }) {
  const headers = Object.entries(failure.headers);
  return (
    <Alert>
      {failure.problem}
      {headers.length > 0 && (
        <span className="mt-1 block font-mono text-xs">
          {headers.map(([name, value]) => (
            <span key={name} className="block break-all">
              {name}: {value}
            </span>
          ))}
        </span>
      )}
      {failure.body !== null && (
        <span className="mt-1 block max-h-40 overflow-auto whitespace-pre-wrap break-all font-mono text-xs">
          {failure.body}
        </span>
      )}
    </Alert>
  );
}
