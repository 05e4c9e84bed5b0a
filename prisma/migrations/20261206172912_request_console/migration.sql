-- CreateEnum
CREATE TYPE "ApiCallStatus" AS ENUM ('queued', 'running', 'answered', 'failed');

-- CreateEnum
CREATE TYPE "ApiCallBodyType" AS ENUM ('none', 'json', 'form');

-- CreateTable
CREATE TABLE "api_call" (
    "id" UUID NOT NULL,
    "team_id" UUID NOT NULL,
    "profile_id" UUID NOT NULL,
    "requested_by_id" TEXT,
    "tenant" TEXT NOT NULL DEFAULT '',
    "method" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "query" TEXT NOT NULL DEFAULT '',
    "headers" JSONB NOT NULL DEFAULT '[]',
    "body_type" "ApiCallBodyType" NOT NULL DEFAULT 'none',
    "body" TEXT,
    "status" "ApiCallStatus" NOT NULL DEFAULT 'queued',
    "queued_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMP(3),
    "duration_ms" INTEGER,
    "sent_request" JSONB,
    "http_status" INTEGER,
    "response_headers" JSONB,
    "response_body" TEXT,
    "response_bytes" INTEGER,
    "response_note" TEXT,
    "replayed" BOOLEAN NOT NULL DEFAULT false,
    "error_class" TEXT,
    "error_message" TEXT,

    CONSTRAINT "api_call_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "api_call_profile_id_queued_at_idx" ON "api_call"("profile_id", "queued_at" DESC);

-- CreateIndex
CREATE INDEX "api_call_team_id_idx" ON "api_call"("team_id");

-- AddForeignKey
ALTER TABLE "api_call" ADD CONSTRAINT "api_call_profile_id_fkey" FOREIGN KEY ("profile_id") REFERENCES "authorization_profile"("id") ON DELETE CASCADE ON UPDATE CASCADE;

