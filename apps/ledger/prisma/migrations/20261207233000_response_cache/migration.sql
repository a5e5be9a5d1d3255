-- AlterTable
ALTER TABLE "api_keys" ADD COLUMN     "cache" JSONB;

-- AlterTable
ALTER TABLE "teams" ADD COLUMN     "cache" JSONB;

-- AlterTable
ALTER TABLE "usage_daily" ADD COLUMN     "cache_hits" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "saved_cost" BIGINT NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "usage_events" ADD COLUMN     "saved_cost" BIGINT NOT NULL DEFAULT 0;
