"use client";
import type { TokenFacts } from "@authdeck/core/client";
import type { ReactNode } from "react";
import { formatExact } from "~/lib/format.ts";
import { formatCountdown, formatRelative, useNow } from "~/lib/time.ts";
import { Badge } from "../ui/badge.tsx";
import { RelativeTime } from "../ui/relative-time.tsx";
import { Block } from "./request-view.tsx";

const TIME_CLAIMS = new Set(["exp", "iat", "nbf", "auth_time"]);

/** What the test learned about the token: never the token itself beyond a short prefix. */
export function TokenFactsView({
  facts,
  finishedAt,
}: {
  facts: TokenFacts;
  finishedAt: Date | null;
}) {
  const scopes = facts.grantedScope?.split(" ").filter(Boolean) ?? [];
  const expiresAt =
    facts.expiresIn !== null && finishedAt
      ? new Date(finishedAt.getTime() + facts.expiresIn * 1000)
      : null;
  return (
    <div className="grid gap-4 text-sm">
      <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-2">
        <Fact term="Token type">{facts.tokenType ?? "Not stated"}</Fact>
        <Fact term="Expires">
          {expiresAt ? <ExpiryCountdown at={expiresAt} /> : "No expires_in in the answer"}
        </Fact>
        <Fact term="Granted scopes">
          {scopes.length > 0 ? (
            <span className="flex flex-wrap gap-1">
              {scopes.map((scope) => (
                <Badge key={scope}>{scope}</Badge>
              ))}
            </span>
          ) : (
            "Not stated in the answer"
          )}
        </Fact>
        <Fact term="Refresh token">{facts.refreshTokenIssued ? "Issued" : "None issued"}</Fact>
        <Fact term="Token">
          <span className="font-mono">{facts.prefix}…</span> ({facts.length} characters)
        </Fact>
        <Fact term="Fingerprint (SHA-256)">
          <span className="font-mono">{facts.fingerprint}</span>
        </Fact>
      </dl>
      {facts.jwt ? (
        <section aria-label="Decoded JWT" className="grid gap-2">
          <h4 className="text-xs font-medium text-muted">
            JWT claims — decoded, not verified: the signature was not checked
          </h4>
          <Block title="Header">{JSON.stringify(facts.jwt.header, null, 2)}</Block>
          <Block title="Claims">
            {Object.entries(facts.jwt.claims).map(([claim, value]) => (
              <div key={claim}>
                <span className="text-muted">{claim}:</span> {JSON.stringify(value)}
                {TIME_CLAIMS.has(claim) && typeof value === "number" && (
                  <span className="text-muted">
                    {" ("}
                    <RelativeTime at={new Date(value * 1000)} />)
                  </span>
                )}
              </div>
            ))}
          </Block>
        </section>
      ) : (
        <p className="text-zinc-600 dark:text-zinc-400">The token is opaque (not a JWT).</p>
      )}
    </div>
  );
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="grid gap-0.5">
      <dt className="text-xs font-medium text-muted">{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function ExpiryCountdown({ at }: { at: Date }) {
  const now = useNow();
  const left = (at.getTime() - now.getTime()) / 1000;
  return (
    <time dateTime={at.toISOString()} className="tabular-nums" title={formatExact(at)}>
      {left > 0 ? `in ${formatCountdown(left)}` : `expired ${formatRelative(at, now)}`}
    </time>
  );
}
