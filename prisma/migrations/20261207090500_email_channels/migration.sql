-- AlterEnum
ALTER TYPE "ChannelKind" ADD VALUE 'email';

-- AlterTable
ALTER TABLE "notification_channel" ADD COLUMN     "last_test_at" TIMESTAMP(3),
ADD COLUMN     "recipients" TEXT[] DEFAULT ARRAY[]::TEXT[],
ALTER COLUMN "url_sealed" DROP NOT NULL;

