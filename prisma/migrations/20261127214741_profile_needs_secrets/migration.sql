-- AlterTable
ALTER TABLE "authorization_profile" ADD COLUMN     "needs_secrets" BOOLEAN NOT NULL DEFAULT false;

