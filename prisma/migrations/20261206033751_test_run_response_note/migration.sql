-- AlterTable
ALTER TABLE "test_run" ADD COLUMN     "response_note" TEXT;

