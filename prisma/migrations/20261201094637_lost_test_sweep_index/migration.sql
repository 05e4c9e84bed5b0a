-- CreateIndex
CREATE INDEX "test_run_status_queued_at_idx" ON "test_run"("status", "queued_at");

