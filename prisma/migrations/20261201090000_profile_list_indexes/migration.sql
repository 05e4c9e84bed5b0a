-- Profile list: trigram indexes for search, expression indexes for the case-insensitive sorts
-- (see prisma/schema-extras.sql, which holds what schema.prisma cannot express).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX IF NOT EXISTS "authorization_profile_name_trgm_idx" ON "authorization_profile" USING gin ("name" gin_trgm_ops);
CREATE INDEX IF NOT EXISTS "authorization_profile_identity_provider_name_trgm_idx" ON "authorization_profile" USING gin ("identity_provider_name" gin_trgm_ops);
CREATE INDEX IF NOT EXISTS "authorization_profile_token_request_url_trgm_idx" ON "authorization_profile" USING gin ("token_request_url" gin_trgm_ops);
CREATE INDEX IF NOT EXISTS "authorization_profile_app_id_lower_name_idx" ON "authorization_profile" ("app_id", lower("name"), "id");
CREATE INDEX IF NOT EXISTS "authorization_profile_app_id_lower_identity_provider_name_idx" ON "authorization_profile" ("app_id", lower("identity_provider_name"), "id");
