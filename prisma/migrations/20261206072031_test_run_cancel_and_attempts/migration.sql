-- AlterEnum
ALTER TYPE "RunStatus" ADD VALUE 'cancelled';

-- AlterTable
ALTER TABLE "test_run" ADD COLUMN     "attempt_error" TEXT,
ADD COLUMN     "retry_at" TIMESTAMP(3);

