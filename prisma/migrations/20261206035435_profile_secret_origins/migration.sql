-- The origins the secrets were saved for, one per URL that receives them (was one origin, the
-- Token Request URL's). A profile keeps the one it had: a Refresh Token URL on another origin is
-- not sent any secret until the profile is saved with its secrets again.
ALTER TABLE "authorization_profile" ADD COLUMN "secret_origins" TEXT[] DEFAULT ARRAY[]::TEXT[];

UPDATE "authorization_profile" SET "secret_origins" = ARRAY["secret_origin"]
WHERE "secret_origin" IS NOT NULL AND "secret_origin" <> '';

ALTER TABLE "authorization_profile" DROP COLUMN "secret_origin";
