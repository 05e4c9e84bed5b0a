-- AlterTable
ALTER TABLE "token_state" ADD COLUMN     "refresh_note" TEXT,
ADD COLUMN     "short_lived_count" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "test_run_trigger_queued_at_idx" ON "test_run"("trigger", "queued_at");

