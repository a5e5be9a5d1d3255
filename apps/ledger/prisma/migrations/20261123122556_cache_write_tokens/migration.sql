-- AlterTable
ALTER TABLE "usage_daily" ADD COLUMN     "cache_write_tokens" BIGINT NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "usage_events" ADD COLUMN     "cache_write_tokens" INTEGER NOT NULL DEFAULT 0;
