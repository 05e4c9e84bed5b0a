import { z } from "zod";
import { RUN_STATUSES, RUN_TRIGGERS } from "../../shared/run-status.ts";
import { storedEvidenceSchema } from "../evidence.ts";

const runSummary = z.object({
  id: z.string(),
  profileId: z.string(),
  trigger: z.enum(RUN_TRIGGERS),
  status: z.enum(RUN_STATUSES),
  tenant: z.string().nullable(),
  httpAttempts: z.number(),
  deliveries: z.number(),
  queuedAt: z.date(),
  startedAt: z.date().nullable(),
  finishedAt: z.date().nullable(),
  durationMs: z.number().nullable(),
  responseStatus: z.number().nullable(),
  errorClass: z.string().nullable(),
  requestedBy: z.string().nullable(),
});

export const listRunsOutput = z.array(runSummary);

/** "Copy token": the access token a passed test obtained, returned once, never cached. */
export const revealRunTokenOutput = z.object({
  accessToken: z.string(),
  expiresAt: z.date().nullable(),
});

/** One run with its evidence, which the writer stored already masked. */
export const runOutput = runSummary.extend(storedEvidenceSchema.shape).extend({
  evidenceUnavailable: z.boolean(),
  /** While a test runs: the attempts it may make, why the last one failed, when the next starts. */
  maxAttempts: z.number(),
  attemptError: z.string().nullable(),
  retryAt: z.date().nullable(),
  responseBody: z.string().nullable(),
  responseNote: z.string().nullable(),
  errorMessage: z.string().nullable(),
  warnings: z.array(z.string()),
  /** private_key_jwt: the kid of the key that signed the client assertion. */
  signingKid: z.string().nullable(),
});

/** The queued run; with its verdict when it came within the start call's short wait. */
export const startTestOutput = z.object({ runId: z.string(), run: runOutput.nullable() });
