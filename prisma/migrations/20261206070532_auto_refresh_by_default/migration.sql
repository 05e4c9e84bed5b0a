-- New profiles have auto-refresh on; existing profiles keep the setting they have.
-- AlterTable
ALTER TABLE "authorization_profile" ALTER COLUMN "auto_refresh" SET DEFAULT true;

