-- A profile's settings for API calls made with its token (the proxy): where they go and how the token rides.
-- CreateEnum
CREATE TYPE "TokenPlacement" AS ENUM ('header', 'query');

-- AlterTable
ALTER TABLE "authorization_profile" ADD COLUMN     "api_base_url" TEXT,
ADD COLUMN     "auth_error_status_codes" INTEGER[] DEFAULT ARRAY[401]::INTEGER[],
ADD COLUMN     "token_parameter_name" TEXT NOT NULL DEFAULT 'Authorization',
ADD COLUMN     "token_placement" "TokenPlacement" NOT NULL DEFAULT 'header',
ADD COLUMN     "token_prefix" TEXT NOT NULL DEFAULT '';

