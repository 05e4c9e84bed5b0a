"use client";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "../ui/tabs.tsx";
import { Block, BodyBlock, HeadersBlock, RequestView } from "./request-view.tsx";
import type { TestRun } from "./use-test-run.ts";

/**
 * What the provider answered (Headers, Response) and what was sent (Request). A failure opens on
 * Response, where the provider's own error is.
 */
export function ExchangeTabs({ run }: { run: TestRun }) {
  if (run.evidenceUnavailable) return <EvidenceUnavailable />;
  const answered = run.responseStatus !== null;
  const noAnswer = (
    <p className="text-sm text-zinc-600 dark:text-zinc-400">
      The provider sent no answer: {run.errorMessage ?? "the request did not complete"}.
    </p>
  );
  const statusLine = <Block title="Status">HTTP {run.responseStatus}</Block>;
  // What was left out of the answer and why: a secret that could not be masked, the size cap.
  const note = run.responseNote && (
    <p className="text-sm text-amber-800 dark:text-amber-300">{run.responseNote}</p>
  );
  return (
    <Tabs defaultValue={run.status === "failed" && answered ? "response" : "headers"}>
      <TabsList aria-label="Exchange with the identity provider">
        <TabsTrigger value="headers">Headers</TabsTrigger>
        <TabsTrigger value="response">Response</TabsTrigger>
        <TabsTrigger value="request">Request</TabsTrigger>
      </TabsList>
      <TabsContent value="headers" className="grid gap-3">
        {answered ? (
          <>
            {statusLine}
            {note}
            <HeadersBlock
              title="Response headers (secrets and tokens masked)"
              headers={run.responseHeaders}
            />
          </>
        ) : (
          noAnswer
        )}
      </TabsContent>
      <TabsContent value="response" className="grid gap-3">
        {answered ? (
          <>
            {statusLine}
            {note}
            <BodyBlock title="Response body (secrets and tokens masked)" body={run.responseBody} />
          </>
        ) : (
          noAnswer
        )}
      </TabsContent>
      <TabsContent value="request">
        {run.request ? (
          <RequestView request={run.request} label="Request sent" />
        ) : (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            No request was sent: {run.errorMessage ?? "the test stopped before sending"}.
          </p>
        )}
      </TabsContent>
    </Tabs>
  );
}

/** A run whose stored evidence this version cannot read: said plainly, never guessed at. */
export function EvidenceUnavailable() {
  return (
    <p className="text-sm text-zinc-600 dark:text-zinc-400">
      Evidence unavailable: this run's request and answer were stored in a form this version of
      Authdeck cannot read.
    </p>
  );
}
