-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "budget_scope" AS ENUM ('key', 'user', 'team');

-- CreateEnum
CREATE TYPE "budget_period" AS ENUM ('daily', 'monthly', 'lifetime');

-- CreateEnum
CREATE TYPE "reservation_status" AS ENUM ('active', 'settled', 'released', 'expired');

-- CreateEnum
CREATE TYPE "usage_status" AS ENUM ('success', 'error', 'cancelled');

-- CreateTable
CREATE TABLE "teams" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "request_log_retention_days" INTEGER NOT NULL DEFAULT 30,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "teams_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "users" (
    "id" TEXT NOT NULL,
    "team_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_keys" (
    "id" TEXT NOT NULL,
    "secret_hash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "team_id" TEXT NOT NULL,
    "user_id" TEXT,
    "models" TEXT[],
    "rpm" INTEGER,
    "tpm" INTEGER,
    "expires_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "api_keys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "budgets" (
    "id" BIGSERIAL NOT NULL,
    "scope" "budget_scope" NOT NULL,
    "owner_id" TEXT NOT NULL,
    "team_id" TEXT NOT NULL,
    "period" "budget_period" NOT NULL,
    "amount" BIGINT NOT NULL,
    "spent" BIGINT NOT NULL DEFAULT 0,
    "reserved" BIGINT NOT NULL DEFAULT 0,
    "period_start" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "budgets_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reservations" (
    "request_id" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "key_id" TEXT NOT NULL,
    "team_id" TEXT NOT NULL,
    "amount" BIGINT NOT NULL,
    "budget_ids" BIGINT[],
    "status" "reservation_status" NOT NULL DEFAULT 'active',
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closed_at" TIMESTAMPTZ(3),

    CONSTRAINT "reservations_pkey" PRIMARY KEY ("request_id")
);

-- CreateTable
CREATE TABLE "usage_events" (
    "request_id" TEXT NOT NULL,
    "key_id" TEXT,
    "user_id" TEXT,
    "team_id" TEXT,
    "endpoint" TEXT NOT NULL,
    "requested_model" TEXT NOT NULL,
    "model" TEXT,
    "provider" TEXT,
    "stream" BOOLEAN NOT NULL,
    "status" "usage_status" NOT NULL,
    "error_type" TEXT,
    "input_tokens" INTEGER NOT NULL,
    "output_tokens" INTEGER NOT NULL,
    "cached_tokens" INTEGER NOT NULL,
    "cost" BIGINT NOT NULL,
    "price_version" TEXT,
    "usage_estimated" BOOLEAN NOT NULL,
    "cache_hit" BOOLEAN NOT NULL,
    "latency_ms" INTEGER NOT NULL,
    "time_to_first_token_ms" INTEGER,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "usage_events_pkey" PRIMARY KEY ("request_id")
);

-- CreateTable
CREATE TABLE "usage_daily" (
    "day" DATE NOT NULL,
    "team_id" TEXT NOT NULL DEFAULT '',
    "user_id" TEXT NOT NULL DEFAULT '',
    "key_id" TEXT NOT NULL DEFAULT '',
    "model" TEXT NOT NULL DEFAULT '',
    "requests" BIGINT NOT NULL DEFAULT 0,
    "errors" BIGINT NOT NULL DEFAULT 0,
    "input_tokens" BIGINT NOT NULL DEFAULT 0,
    "output_tokens" BIGINT NOT NULL DEFAULT 0,
    "cached_tokens" BIGINT NOT NULL DEFAULT 0,
    "cost" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "usage_daily_pkey" PRIMARY KEY ("day","team_id","user_id","key_id","model")
);

-- CreateTable
CREATE TABLE "request_logs" (
    "request_id" TEXT NOT NULL,
    "team_id" TEXT,
    "key_id" TEXT,
    "model" TEXT NOT NULL,
    "request" TEXT NOT NULL,
    "response" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "request_logs_pkey" PRIMARY KEY ("request_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "teams_name_key" ON "teams"("name");

-- CreateIndex
CREATE UNIQUE INDEX "users_team_id_name_key" ON "users"("team_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "users_id_team_id_key" ON "users"("id", "team_id");

-- CreateIndex
CREATE UNIQUE INDEX "api_keys_secret_hash_key" ON "api_keys"("secret_hash");

-- CreateIndex
CREATE INDEX "api_keys_user_id_idx" ON "api_keys"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "api_keys_team_id_name_key" ON "api_keys"("team_id", "name");

-- CreateIndex
CREATE INDEX "budgets_team_id_idx" ON "budgets"("team_id");

-- CreateIndex
CREATE UNIQUE INDEX "budgets_scope_owner_id_key" ON "budgets"("scope", "owner_id");

-- CreateIndex
CREATE UNIQUE INDEX "reservations_id_key" ON "reservations"("id");

-- CreateIndex
CREATE INDEX "reservations_status_expires_at_idx" ON "reservations"("status", "expires_at");

-- CreateIndex
CREATE INDEX "reservations_team_id_idx" ON "reservations"("team_id");

-- CreateIndex
CREATE INDEX "usage_events_occurred_at_request_id_idx" ON "usage_events"("occurred_at", "request_id");

-- CreateIndex
CREATE INDEX "usage_events_team_id_occurred_at_idx" ON "usage_events"("team_id", "occurred_at");

-- CreateIndex
CREATE INDEX "usage_events_key_id_occurred_at_idx" ON "usage_events"("key_id", "occurred_at");

-- CreateIndex
CREATE INDEX "usage_daily_team_id_day_idx" ON "usage_daily"("team_id", "day");

-- CreateIndex
CREATE INDEX "request_logs_expires_at_idx" ON "request_logs"("expires_at");

-- CreateIndex
CREATE INDEX "request_logs_team_id_created_at_idx" ON "request_logs"("team_id", "created_at");

-- AddForeignKey
ALTER TABLE "users" ADD CONSTRAINT "users_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_user_id_team_id_fkey" FOREIGN KEY ("user_id", "team_id") REFERENCES "users"("id", "team_id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Budget windows (hand-written: Prisma schemas cannot express functions).
-- Start of the window of `period` that contains `at`: calendar days and months in UTC; NULL for
-- lifetime budgets, which never reset. Callers pass the database's now(), so every replica and
-- every query agrees on when a window rolls over.
CREATE FUNCTION "budget_period_start"("period" "budget_period", "at" TIMESTAMPTZ) RETURNS TIMESTAMPTZ
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE "period"
    WHEN 'daily' THEN date_trunc('day', "at" AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'
    WHEN 'monthly' THEN date_trunc('month', "at" AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'
  END
$$;
