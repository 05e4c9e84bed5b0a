-- Whether a token state holds a token, readable without reading the sealed token: the profile
-- list shows it, and reads no secret to do so (see prisma/schema-extras.sql).
ALTER TABLE "token_state" ADD COLUMN IF NOT EXISTS "has_token" BOOLEAN GENERATED ALWAYS AS ("access_token_sealed" IS NOT NULL) STORED;
