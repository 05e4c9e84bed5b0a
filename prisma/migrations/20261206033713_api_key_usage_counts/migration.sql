-- CreateTable
CREATE TABLE "api_key_usage" (
    "api_key_id" UUID NOT NULL,
    "minute" TIMESTAMP(3) NOT NULL,
    "profile_id" UUID NOT NULL,
    "calls" INTEGER NOT NULL,

    CONSTRAINT "api_key_usage_pkey" PRIMARY KEY ("api_key_id","minute","profile_id")
);

-- CreateIndex
CREATE INDEX "api_key_usage_minute_idx" ON "api_key_usage"("minute");

-- CreateIndex
CREATE INDEX "api_key_usage_profile_id_idx" ON "api_key_usage"("profile_id");

-- AddForeignKey
ALTER TABLE "api_key_usage" ADD CONSTRAINT "api_key_usage_api_key_id_fkey" FOREIGN KEY ("api_key_id") REFERENCES "api_key"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_key_usage" ADD CONSTRAINT "api_key_usage_profile_id_fkey" FOREIGN KEY ("profile_id") REFERENCES "authorization_profile"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- The token API wrote an audit event per call (action token.read); those become counts per key,
-- profile and minute, and leave the audit log. Joined on text, so a row naming a key or profile
-- that is gone is dropped rather than failing the migration; the worker prunes counts past 90 days.
INSERT INTO "api_key_usage" ("api_key_id", "minute", "profile_id", "calls")
SELECT k."id", date_trunc('minute', e."created_at"), p."id", count(*)::integer
FROM "audit_event" e
JOIN "api_key" k ON k."id"::text = e."actor_api_key_id"
JOIN "authorization_profile" p ON p."id"::text = e."target_id"
WHERE e."action" = 'token.read'
GROUP BY k."id", date_trunc('minute', e."created_at"), p."id";

DELETE FROM "audit_event" WHERE "action" = 'token.read';
