-- CreateEnum
CREATE TYPE "audit_outcome" AS ENUM ('succeeded', 'failed');

-- CreateTable
CREATE TABLE "audit_events" (
    "seq" BIGSERIAL NOT NULL,
    "id" TEXT NOT NULL,
    "request_id" TEXT NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "actor_type" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "route" TEXT NOT NULL,
    "team_id" TEXT,
    "user_id" TEXT,
    "key_id" TEXT,
    "summary" JSONB NOT NULL,
    "outcome" "audit_outcome" NOT NULL,
    "status" INTEGER NOT NULL,
    "error_type" TEXT,
    "error_code" TEXT,

    CONSTRAINT "audit_events_pkey" PRIMARY KEY ("seq")
);

-- CreateIndex
CREATE UNIQUE INDEX "audit_events_id_key" ON "audit_events"("id");

-- CreateIndex
CREATE UNIQUE INDEX "audit_events_request_id_key" ON "audit_events"("request_id");

-- CreateIndex
CREATE INDEX "audit_events_occurred_at_idx" ON "audit_events"("occurred_at");

-- CreateIndex
CREATE INDEX "audit_events_action_seq_idx" ON "audit_events"("action", "seq");

-- CreateIndex
CREATE INDEX "audit_events_actor_seq_idx" ON "audit_events"("actor", "seq");

-- CreateIndex
CREATE INDEX "audit_events_team_id_seq_idx" ON "audit_events"("team_id", "seq");

-- CreateIndex
CREATE INDEX "audit_events_key_id_seq_idx" ON "audit_events"("key_id", "seq");

-- CreateIndex
CREATE INDEX "audit_events_user_id_seq_idx" ON "audit_events"("user_id", "seq");

-- Append-only, whoever connects: an entry is never changed, and the table is never emptied
-- wholesale. Rows leave one by one, by retention (DELETE stays allowed for it).
CREATE FUNCTION "audit_events_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only (% refused)', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER "audit_events_no_update" BEFORE UPDATE ON "audit_events"
  FOR EACH ROW EXECUTE FUNCTION "audit_events_append_only"();

CREATE TRIGGER "audit_events_no_truncate" BEFORE TRUNCATE ON "audit_events"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_events_append_only"();
