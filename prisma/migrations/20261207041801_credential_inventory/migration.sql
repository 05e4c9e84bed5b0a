-- AlterTable
ALTER TABLE "authorization_profile" ADD COLUMN     "client_secret_expires_on" DATE;

-- CreateIndex
CREATE INDEX "audit_event_team_id_target_id_created_at_idx" ON "audit_event"("team_id", "target_id", "created_at" DESC);

