-- RFC 7523 client authentication: client_secret_jwt and private_key_jwt, their assertion settings and the sealed signing key.
-- CreateEnum
CREATE TYPE "AssertionAudience" AS ENUM ('token_endpoint', 'issuer');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "ClientAuthMethod" ADD VALUE 'client_secret_jwt';
ALTER TYPE "ClientAuthMethod" ADD VALUE 'private_key_jwt';

-- AlterTable
ALTER TABLE "authorization_profile" ADD COLUMN     "assertion_audience" "AssertionAudience" NOT NULL DEFAULT 'token_endpoint',
ADD COLUMN     "assertion_lifetime_seconds" INTEGER NOT NULL DEFAULT 60,
ADD COLUMN     "issuer" TEXT,
ADD COLUMN     "jwks_id" TEXT,
ADD COLUMN     "private_key_sealed" TEXT,
ADD COLUMN     "public_jwk" JSONB,
ADD COLUMN     "signing_algorithm" TEXT NOT NULL DEFAULT 'ES256';

-- CreateIndex
CREATE UNIQUE INDEX "authorization_profile_jwks_id_key" ON "authorization_profile"("jwks_id");

