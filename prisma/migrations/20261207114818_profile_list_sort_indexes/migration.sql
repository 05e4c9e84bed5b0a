-- DropIndex
DROP INDEX "authorization_profile_app_id_updated_at_idx";

-- CreateIndex
CREATE INDEX "authorization_profile_app_id_updated_at_id_idx" ON "authorization_profile"("app_id", "updated_at", "id");

-- CreateIndex
CREATE INDEX "authorization_profile_app_id_type_id_idx" ON "authorization_profile"("app_id", "type", "id");

