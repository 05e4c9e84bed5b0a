-- "attempts" counted the queue's deliveries of a test while it ran, then was overwritten with
-- the HTTP attempts of its token request: each count gets a column of its own.
ALTER TABLE "test_run" RENAME COLUMN "attempts" TO "http_attempts";
ALTER TABLE "test_run" ADD COLUMN "deliveries" INTEGER NOT NULL DEFAULT 0;

-- A run without a verdict still holds its delivery count there; its HTTP attempts come with it.
UPDATE "test_run" SET "deliveries" = "http_attempts", "http_attempts" = 0
WHERE "status" IN ('queued', 'running');
