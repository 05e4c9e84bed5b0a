"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { messageOf } from "~/lib/errors.ts";
import { type RouterOutputs, useTRPC } from "~/lib/trpc.tsx";
import { Button } from "../ui/button.tsx";
import { Alert } from "../ui/states.tsx";
import { TextField } from "./text-field.tsx";
import type { ProfileForm } from "./use-profile-form.ts";

type Fetched = RouterOutputs["profile"]["fetchMetadata"];
type Failure = Extract<Fetched, { ok: false }>;

const ISSUER_HINT =
  "The provider's issuer identifier. Fetch metadata reads its RFC 8414 / OpenID Connect metadata and fills the Token Request URL; the assertion audience can name it.";

/**
 * The Issuer and "Fetch metadata": reads the provider's metadata on the server (through the
 * egress guard), fills the Token Request URL and keeps the revocation and introspection
 * endpoints and the listed authentication methods with the profile when it is saved.
 */
export function ProviderMetadataFields(props: {
  teamId: string;
  appId: string;
  form: ProfileForm;
}) {
  const { form } = props;
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<Failure | { problem: string } | null>(null);
  const [dpopAlgs, setDpopAlgs] = useState<string[] | null>(null);
  const { values } = form;

  async function fetchMetadata() {
    setPending(true);
    setFailure(null);
    try {
      const result = await queryClient.fetchQuery({
        ...trpc.profile.fetchMetadata.queryOptions({
          teamId: props.teamId,
          appId: props.appId,
          issuer: values.issuer,
        }),
        staleTime: 0,
        retry: false,
      });
      if (!result.ok) {
        setFailure(result);
        return;
      }
      const { metadata } = result;
      form.change(
        {
          tokenRequestUrl: metadata.tokenEndpoint,
          revocationEndpoint: metadata.revocationEndpoint ?? "",
          introspectionEndpoint: metadata.introspectionEndpoint ?? "",
          providerAuthMethods: metadata.tokenEndpointAuthMethods.slice(0, 20),
        },
        "tokenRequestUrl",
        "revocationEndpoint",
        "introspectionEndpoint",
      );
      setDpopAlgs(metadata.dpopSigningAlgs);
    } catch (error) {
      setFailure({ problem: messageOf(error as Error) });
    } finally {
      setPending(false);
    }
  }

  const listed = values.providerAuthMethods;
  const unlisted = listed.length > 0 && !listed.includes(values.clientAuthMethod);
  const known = listed.length > 0 || values.revocationEndpoint || values.introspectionEndpoint;
  return (
    <div data-field="issuer" className="grid gap-2">
      <TextField
        form={form}
        path="issuer"
        label="Issuer"
        placeholder="https://auth.example.com"
        hint={ISSUER_HINT}
      />
      <div>
        <Button
          type="button"
          variant="secondary"
          size="sm"
          disabled={pending || !values.issuer.trim()}
          onClick={() => void fetchMetadata()}
        >
          {pending ? "Fetching metadata…" : "Fetch metadata"}
        </Button>
      </div>
      {failure && (
        <Alert>
          {failure.problem}
          {"status" in failure && failure.body !== null && (
            <span className="mt-1 block max-h-40 overflow-auto whitespace-pre-wrap break-all font-mono text-xs">
              {failure.body}
            </span>
          )}
        </Alert>
      )}
      {known && (
        <section aria-label="Provider metadata">
          <dl className="grid gap-1 rounded-md border border-zinc-200 p-3 text-xs dark:border-zinc-800 sm:grid-cols-[auto_1fr] sm:gap-x-3">
            <MetadataRow label="Client authentication methods" value={listed.join(", ")} />
            {dpopAlgs && <MetadataRow label="DPoP algorithms" value={dpopAlgs.join(", ")} />}
            <MetadataRow label="Revocation endpoint" value={values.revocationEndpoint} />
            <MetadataRow label="Introspection endpoint" value={values.introspectionEndpoint} />
          </dl>
        </section>
      )}
      {unlisted && (
        <p className="text-xs text-amber-800 dark:text-amber-300">
          The provider does not list {values.clientAuthMethod} among its client authentication
          methods.
        </p>
      )}
    </div>
  );
}

function MetadataRow({ label, value }: { label: string; value: string }) {
  return (
    <>
      <dt className="text-muted">{label}</dt>
      <dd className="break-all font-mono">{value || "not listed"}</dd>
    </>
  );
}
