-- Runs started by "Refresh now" record their own trigger instead of counting as scheduled refreshes.
-- AlterEnum
ALTER TYPE "RunTrigger" ADD VALUE 'manual';

