-- Profile list: searches of one or two characters match the start of a name or identity provider
-- (lower(...) LIKE 'ab%'); text_pattern_ops makes that a range on these indexes whatever the
-- database's collation (see prisma/schema-extras.sql).
CREATE INDEX IF NOT EXISTS "authorization_profile_app_id_name_prefix_idx" ON "authorization_profile" ("app_id", lower("name") text_pattern_ops);
CREATE INDEX IF NOT EXISTS "authorization_profile_app_id_idp_prefix_idx" ON "authorization_profile" ("app_id", lower("identity_provider_name") text_pattern_ops);
