-- Existing token states count as used when this runs, so none expires before its full grace period.
-- AlterTable
ALTER TABLE "token_state" ADD COLUMN     "last_used_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

