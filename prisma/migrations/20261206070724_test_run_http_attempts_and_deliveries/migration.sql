-- "attempts" counted the queue's deliveries of a test while it ran, then was overwritten with
-- the HTTP attempts of its token request: each count gets a column of its own.
ALTER TABLE "test_run" RENAME COLUMN "attempts" TO "http_attempts";
ALTER TABLE "test_run" ADD COLUMN "deliveries" INTEGER NOT NULL DEFAULT 0;

-- Where the count was never overwritten it still counts deliveries: runs without a verdict,
-- and runs that ended before a request was sent (no request recorded, or its secrets' origin
-- refused).
UPDATE "test_run" SET "deliveries" = "http_attempts", "http_attempts" = 0
WHERE "status" IN ('queued', 'running')
  OR "request" IS NULL
  OR "error_class" = 'secret_origin_mismatch';
