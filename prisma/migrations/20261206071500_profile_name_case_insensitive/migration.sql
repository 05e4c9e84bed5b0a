-- Profile names are unique within their app whatever the letter case (see prisma/schema-extras.sql).
-- Saves that raced before this index could leave names differing only in case: every such name
-- but the oldest gets its id's first characters appended, so the index can be built.
UPDATE "authorization_profile" AS p
SET "name" = p."name" || ' (' || left(p."id"::text, 8) || ')'
FROM (
  SELECT "id", row_number() OVER (PARTITION BY "app_id", lower("name") ORDER BY "created_at", "id") AS n
  FROM "authorization_profile"
) AS ranked
WHERE ranked."id" = p."id" AND ranked.n > 1;

CREATE UNIQUE INDEX IF NOT EXISTS "authorization_profile_app_id_lower_name_key" ON "authorization_profile" ("app_id", lower("name"));
