"use client";
import type { ApiCallView } from "@authdeck/core/client";
import { BodyBlock, HeadersBlock, RequestView } from "../test-runs/request-view.tsx";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "../ui/tabs.tsx";

const bytes = (n: number) =>
  n < 1024
    ? `${n} bytes`
    : `${(n / 1024).toLocaleString("en-US", { maximumFractionDigits: 1 })} KiB`;

/** One summary line: the status, or what stopped the call, with its time and size. */
function Summary({ call }: { call: ApiCallView }) {
  if (call.status === "queued" || call.status === "running")
    return (
      <p role="status" className="text-sm">
        {call.status === "queued" ? "Queued…" : "Sending…"}
      </p>
    );
  if (call.status === "failed")
    return (
      <p role="status" className="text-sm text-red-700 dark:text-red-300">
        Request failed: {call.errorMessage}
      </p>
    );
  const ok = call.httpStatus !== null && call.httpStatus < 400;
  return (
    <p role="status" className="flex flex-wrap gap-x-3 text-sm">
      <span
        className={
          ok
            ? "font-semibold text-green-800 dark:text-green-300"
            : "font-semibold text-red-700 dark:text-red-300"
        }
      >
        HTTP {call.httpStatus}
      </span>
      {call.durationMs !== null && <span>{call.durationMs} ms</span>}
      {call.responseBytes !== null && <span>{bytes(call.responseBytes)}</span>}
      {call.replayed && <span>sent again with a new token after an auth error status</span>}
    </p>
  );
}

/** A console request's outcome: the API's answer (Response, Headers) and the request as sent. */
export function ApiCallResult({ call }: { call: ApiCallView }) {
  const answered = call.status === "answered";
  const note = call.responseNote && (
    <p className="text-sm text-amber-800 dark:text-amber-300">{call.responseNote}</p>
  );
  const noAnswer = (
    <p className="text-sm text-muted">
      {call.status === "failed" ? "The API sent no answer." : "No answer yet."}
    </p>
  );
  return (
    <section className="grid gap-3" aria-label="Request result">
      <Summary call={call} />
      <Tabs defaultValue="response">
        <TabsList aria-label="Exchange with the API">
          <TabsTrigger value="response">Response</TabsTrigger>
          <TabsTrigger value="headers">Headers</TabsTrigger>
          <TabsTrigger value="request">Request</TabsTrigger>
        </TabsList>
        <TabsContent value="response" className="grid gap-3">
          {answered ? (
            <>
              {note}
              <BodyBlock
                title="Response body (token and secrets masked)"
                body={call.responseBody}
              />
            </>
          ) : (
            noAnswer
          )}
        </TabsContent>
        <TabsContent value="headers" className="grid gap-3">
          {answered ? (
            <HeadersBlock
              title="Response headers (token and secrets masked)"
              headers={call.responseHeaders}
            />
          ) : (
            noAnswer
          )}
        </TabsContent>
        <TabsContent value="request">
          {call.sentRequest ? (
            <RequestView request={call.sentRequest} label="Request sent" />
          ) : (
            <p className="text-sm text-muted">
              {call.status === "failed"
                ? "Nothing was sent: the request stopped before it went out."
                : "Not sent yet."}
            </p>
          )}
        </TabsContent>
      </Tabs>
    </section>
  );
}
