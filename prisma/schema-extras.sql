-- What schema.prisma cannot express. A migration creates each of these too; the migrations test
-- applies this file after schema.prisma's SQL and expects the same database.

-- The profile list searches name, identity provider and token URL with ILIKE '%...%': trigram
-- indexes answer searches of three characters or more without reading every profile.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX IF NOT EXISTS "authorization_profile_name_trgm_idx" ON "authorization_profile" USING gin ("name" gin_trgm_ops);
CREATE INDEX IF NOT EXISTS "authorization_profile_identity_provider_name_trgm_idx" ON "authorization_profile" USING gin ("identity_provider_name" gin_trgm_ops);
CREATE INDEX IF NOT EXISTS "authorization_profile_token_request_url_trgm_idx" ON "authorization_profile" USING gin ("token_request_url" gin_trgm_ops);

-- The list sorts names case-insensitively (lower(...), then id): these give a page in order
-- without sorting the whole app.
CREATE INDEX IF NOT EXISTS "authorization_profile_app_id_lower_name_idx" ON "authorization_profile" ("app_id", lower("name"), "id");
CREATE INDEX IF NOT EXISTS "authorization_profile_app_id_lower_identity_provider_name_idx" ON "authorization_profile" ("app_id", lower("identity_provider_name"), "id");

-- Searches of one or two characters match the start of a name or identity provider
-- (lower(...) LIKE 'ab%'): text_pattern_ops makes that a range on these indexes whatever the
-- database's collation, where the sort indexes above serve it only under the C collation.
CREATE INDEX IF NOT EXISTS "authorization_profile_app_id_name_prefix_idx" ON "authorization_profile" ("app_id", lower("name") text_pattern_ops);
CREATE INDEX IF NOT EXISTS "authorization_profile_app_id_idp_prefix_idx" ON "authorization_profile" ("app_id", lower("identity_provider_name") text_pattern_ops);

-- Profile names are unique within their app whatever the letter case: two saves at once (create,
-- rename, import, duplicate) cannot both take one name, which a check before the write cannot
-- promise. core/src/errors/database-errors.ts turns a clash into a CONFLICT on the name field.
CREATE UNIQUE INDEX IF NOT EXISTS "authorization_profile_app_id_lower_name_key" ON "authorization_profile" ("app_id", lower("name"));

-- Whether a token state holds a token, kept by PostgreSQL from the sealed token itself. The
-- profile list reads this instead of the sealed column, so it reads no secret at all: a role
-- that may not read sealed columns can run it (the bench's proof, profile-list-blind.test.ts).
ALTER TABLE "token_state" ADD COLUMN IF NOT EXISTS "has_token" BOOLEAN GENERATED ALWAYS AS ("access_token_sealed" IS NOT NULL) STORED;
