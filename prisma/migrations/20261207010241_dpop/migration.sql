-- AlterTable
ALTER TABLE "authorization_profile" ADD COLUMN     "dpop_algorithm" TEXT NOT NULL DEFAULT 'ES256',
ADD COLUMN     "dpop_private_key_sealed" TEXT,
ADD COLUMN     "dpop_public_jwk" JSONB;

