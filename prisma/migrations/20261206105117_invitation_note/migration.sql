-- An optional note on an invitation, to tell pending links apart.
-- AlterTable
ALTER TABLE "invitation" ADD COLUMN     "note" TEXT;

