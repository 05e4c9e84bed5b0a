-- Scheduled health checks of profiles: the check, each result, and each change of health.
-- CreateEnum
CREATE TYPE "HealthStatus" AS ENUM ('not_checked', 'healthy', 'failing');

-- CreateTable
CREATE TABLE "health_check" (
    "id" UUID NOT NULL,
    "team_id" UUID NOT NULL,
    "profile_id" UUID NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "interval_minutes" INTEGER NOT NULL DEFAULT 5,
    "method" TEXT NOT NULL DEFAULT 'GET',
    "path" TEXT NOT NULL DEFAULT '/',
    "expected_status" INTEGER NOT NULL DEFAULT 200,
    "tenant" TEXT NOT NULL DEFAULT '',
    "status" "HealthStatus" NOT NULL DEFAULT 'not_checked',
    "consecutive_failures" INTEGER NOT NULL DEFAULT 0,
    "last_checked_at" TIMESTAMP(3),
    "last_error" TEXT,
    "next_check_at" TIMESTAMP(3) NOT NULL,
    "lease_until" TIMESTAMP(3),
    "updated_by_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "health_check_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "health_check_result" (
    "id" UUID NOT NULL,
    "team_id" UUID NOT NULL,
    "check_id" UUID NOT NULL,
    "profile_id" UUID NOT NULL,
    "healthy" BOOLEAN NOT NULL,
    "http_status" INTEGER,
    "duration_ms" INTEGER NOT NULL,
    "error_class" TEXT,
    "error_message" TEXT,
    "response_headers" JSONB,
    "response_body" TEXT,
    "checked_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "health_check_result_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "health_change" (
    "id" UUID NOT NULL,
    "team_id" UUID NOT NULL,
    "profile_id" UUID NOT NULL,
    "previous" "HealthStatus" NOT NULL,
    "status" "HealthStatus" NOT NULL,
    "result_id" UUID NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "health_change_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "health_check_profile_id_key" ON "health_check"("profile_id");

-- CreateIndex
CREATE INDEX "health_check_next_check_at_idx" ON "health_check"("next_check_at");

-- CreateIndex
CREATE INDEX "health_check_team_id_idx" ON "health_check"("team_id");

-- CreateIndex
CREATE INDEX "health_check_result_check_id_checked_at_idx" ON "health_check_result"("check_id", "checked_at");

-- CreateIndex
CREATE INDEX "health_change_team_id_at_idx" ON "health_change"("team_id", "at");

-- AddForeignKey
ALTER TABLE "health_check" ADD CONSTRAINT "health_check_profile_id_fkey" FOREIGN KEY ("profile_id") REFERENCES "authorization_profile"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "health_check_result" ADD CONSTRAINT "health_check_result_check_id_fkey" FOREIGN KEY ("check_id") REFERENCES "health_check"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "health_check_result" ADD CONSTRAINT "health_check_result_profile_id_fkey" FOREIGN KEY ("profile_id") REFERENCES "authorization_profile"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "health_change" ADD CONSTRAINT "health_change_profile_id_fkey" FOREIGN KEY ("profile_id") REFERENCES "authorization_profile"("id") ON DELETE CASCADE ON UPDATE CASCADE;

