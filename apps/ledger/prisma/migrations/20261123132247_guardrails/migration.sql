-- AlterTable
ALTER TABLE "api_keys" ADD COLUMN     "guardrails" JSONB;

-- AlterTable
ALTER TABLE "usage_events" ADD COLUMN     "guardrails" JSONB;
