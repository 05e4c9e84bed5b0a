import { Counter, Gauge, Histogram, Registry } from "prom-client";
import type { TokenQueue } from "../queue/token-queue.ts";
import type { WorkObserver } from "./observer.ts";
import { boundedLabel, providerHost } from "./provider-host.ts";

// More distinct provider hosts than this in one worker are counted as "other".
const MAX_PROVIDER_HOSTS = 500;

// Job states whose size an operator watches; completed and failed jobs are kept for a while only.
const QUEUE_STATES = ["waiting", "active", "delayed", "failed"] as const;

const SECONDS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
// Lateness is measured against a plan made minutes ahead: a second late is already worth seeing.
const LATENESS_SECONDS = [0, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];

export type WorkerMetrics = {
  registry: Registry;
  /** Given to core in the worker's deps. */
  observer: WorkObserver;
  /** One job ended, by its name and whether it completed or failed. */
  jobEnded(event: { job: string; result: "completed" | "failed"; durationMs: number }): void;
};

/**
 * The worker's metrics, in a registry of their own (none global, so tests and several processes
 * never meet). With `queues`, their job counts by state and the age of their oldest waiting job
 * are read from Redis at each scrape.
 */
export function createWorkerMetrics(options: { queues?: TokenQueue[] } = {}): WorkerMetrics {
  const registry = new Registry();
  const registers = [registry];
  const hostLabel = boundedLabel(MAX_PROVIDER_HOSTS);
  const tokenRequests = new Counter({
    name: "authdeck_token_requests_total",
    help: "Token requests sent to providers, by provider host and outcome (succeeded, or the failure class a run shows)",
    labelNames: ["host", "outcome"] as const,
    registers,
  });
  const tokenRequestSeconds = new Histogram({
    name: "authdeck_token_request_duration_seconds",
    help: "Time a token request took, retries included",
    labelNames: ["result"] as const,
    buckets: SECONDS,
    registers,
  });
  const refreshLateness = new Histogram({
    name: "authdeck_refresh_lateness_seconds",
    help: "How long after its planned time a scheduled refresh started asking the provider",
    buckets: LATENESS_SECONDS,
    registers,
  });
  const refreshes = new Counter({
    name: "authdeck_refreshes_total",
    help: "Token refreshes, by what started them and their result",
    labelNames: ["trigger", "result"] as const,
    registers,
  });
  const notifications = new Counter({
    name: "authdeck_notification_deliveries_total",
    help: "Notification sends, by channel kind and outcome (delivered, retrying: will be sent again, failed: for good)",
    labelNames: ["kind", "outcome"] as const,
    registers,
  });
  const notificationSeconds = new Histogram({
    name: "authdeck_notification_delivery_duration_seconds",
    help: "Time one notification send took, until the receiver answered or the send failed",
    labelNames: ["kind"] as const,
    buckets: SECONDS,
    registers,
  });
  const jobs = new Counter({
    name: "authdeck_jobs_total",
    help: "Jobs this worker ran, by job name and result",
    labelNames: ["job", "result"] as const,
    registers,
  });
  const jobSeconds = new Histogram({
    name: "authdeck_job_duration_seconds",
    help: "Time a job took in this worker",
    labelNames: ["job"] as const,
    buckets: SECONDS,
    registers,
  });
  const queues = options.queues ?? [];
  if (queues.length > 0) {
    new Gauge({
      name: "authdeck_queue_jobs",
      help: "Jobs in the queue by state, read at scrape time",
      labelNames: ["queue", "state"] as const,
      registers,
      async collect() {
        this.reset();
        for (const queue of queues) {
          const counts = await queue.getJobCounts(...QUEUE_STATES);
          for (const state of QUEUE_STATES)
            this.set({ queue: queue.name, state }, counts[state] ?? 0);
        }
      },
    });
    new Gauge({
      name: "authdeck_queue_oldest_waiting_seconds",
      help: "Age of the oldest job waiting for a worker (0 when none waits), read at scrape time",
      labelNames: ["queue"] as const,
      registers,
      async collect() {
        for (const queue of queues) {
          const [oldest] = await queue.getJobs(["waiting"], 0, 0, true);
          // A delayed job waits from the time it became due, not from when it was added.
          const since = oldest ? oldest.timestamp + (oldest.delay ?? 0) : Date.now();
          this.set({ queue: queue.name }, Math.max(0, Date.now() - since) / 1_000);
        }
      },
    });
  }
  return {
    registry,
    observer: {
      tokenRequest({ url, outcome, durationMs }) {
        tokenRequests.inc({ host: hostLabel(providerHost(url)), outcome });
        tokenRequestSeconds.observe(
          { result: outcome === "succeeded" ? "succeeded" : "failed" },
          durationMs / 1_000,
        );
      },
      refreshStarted({ lateMs }) {
        refreshLateness.observe(Math.max(0, lateMs) / 1_000);
      },
      refreshEnded({ trigger, result }) {
        refreshes.inc({ trigger, result });
      },
      notificationSent({ kind, outcome, durationMs }) {
        notifications.inc({ kind, outcome });
        notificationSeconds.observe({ kind }, durationMs / 1_000);
      },
    },
    jobEnded({ job, result, durationMs }) {
      jobs.inc({ job, result });
      jobSeconds.observe({ job }, durationMs / 1_000);
    },
  };
}
