-- RFC 8705 client authentication: tls_client_auth and self_signed_tls_client_auth with the client certificate and its sealed key, and a per-profile CA bundle.
-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "ClientAuthMethod" ADD VALUE 'tls_client_auth';
ALTER TYPE "ClientAuthMethod" ADD VALUE 'self_signed_tls_client_auth';

-- AlterTable
ALTER TABLE "authorization_profile" ADD COLUMN     "ca_bundle" TEXT,
ADD COLUMN     "client_certificate" TEXT,
ADD COLUMN     "client_certificate_key_sealed" TEXT;

