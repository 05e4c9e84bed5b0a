-- private_key_jwt key rotation: next and previous keys beside the current one (private halves sealed), when each was added, and the kid that signed each run.
-- AlterTable
ALTER TABLE "authorization_profile" ADD COLUMN     "key_added_at" TIMESTAMP(3),
ADD COLUMN     "next_key_added_at" TIMESTAMP(3),
ADD COLUMN     "next_private_key_sealed" TEXT,
ADD COLUMN     "next_public_jwk" JSONB,
ADD COLUMN     "previous_key_added_at" TIMESTAMP(3),
ADD COLUMN     "previous_private_key_sealed" TEXT,
ADD COLUMN     "previous_public_jwk" JSONB;

-- AlterTable
ALTER TABLE "test_run" ADD COLUMN     "signing_kid" TEXT;


-- Keys saved before this migration: their profile's last save is the best date known.
UPDATE "authorization_profile" SET "key_added_at" = "updated_at" WHERE "private_key_sealed" IS NOT NULL;
