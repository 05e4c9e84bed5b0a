-- AlterTable
ALTER TABLE "authorization_profile" ADD COLUMN     "revocation_endpoint" TEXT,
ADD COLUMN     "introspection_endpoint" TEXT,
ADD COLUMN     "provider_auth_methods" TEXT[] DEFAULT ARRAY[]::TEXT[];
