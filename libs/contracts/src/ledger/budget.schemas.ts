import { z } from 'zod';
import { MicroUsdSchema } from '../billing/charge.schema';
import { KeyIdSchema } from './ids.schema';

/** Calendar periods start at 00:00 UTC by the database's clock; `lifetime` never resets. */
export const BUDGET_PERIODS = ['daily', 'monthly', 'lifetime'] as const;
export type BudgetPeriod = (typeof BUDGET_PERIODS)[number];

export const BUDGET_SCOPES = ['key', 'user', 'team'] as const;
export type BudgetScope = (typeof BUDGET_SCOPES)[number];

/** A budget as an admin gives it (REST body and NATS payload alike). */
export const BudgetInputSchema = z.strictObject({
  amount_usd: z
    .number()
    .nonnegative('must not be negative')
    .max(1_000_000_000, 'must be at most 1,000,000,000')
    .refine((usd) => Number.isInteger(Math.round(usd * 1e6)), 'must be a USD amount'),
  period: z.enum(BUDGET_PERIODS),
});
export type BudgetInput = z.infer<typeof BudgetInputSchema>;

/** A budget as the API shows it: exact USD strings next to the micro-USD integers. */
export const BudgetViewSchema = z.object({
  period: z.enum(BUDGET_PERIODS),
  amount_usd: z.string(),
  spent_usd: z.string(),
  reserved_usd: z.string(),
  remaining_usd: z.string(),
  amount_micro_usd: MicroUsdSchema,
  spent_micro_usd: MicroUsdSchema,
  reserved_micro_usd: MicroUsdSchema,
  /** Start of the current period (ISO 8601), null for lifetime budgets. */
  period_start: z.string().nullable(),
});
export type BudgetView = z.infer<typeof BudgetViewSchema>;

/**
 * `ledger.v1.budget.reserve`: hold the worst-case cost of one request against every budget
 * that applies to the key (its own, its user's, its team's), all or nothing. Idempotent by
 * requestId. Settled (or released, at cost 0) by the request's usage event; expires if abandoned.
 */
export const BudgetReserveRequestSchema = z.object({
  requestId: z.string().min(1),
  keyId: KeyIdSchema,
  amountMicroUsd: MicroUsdSchema,
  /** How long an unsettled hold lives before the ledger releases it. */
  ttlSeconds: z.int().min(1).max(86_400).optional(),
});
export type BudgetReserveRequest = z.infer<typeof BudgetReserveRequestSchema>;

export const BudgetReservationSchema = z.object({
  requestId: z.string(),
  reservedMicroUsd: MicroUsdSchema,
  /** How many budgets the hold was placed on (0 when none applies). */
  budgets: z.int().nonnegative(),
  expiresAt: z.string(),
});
export type BudgetReservation = z.infer<typeof BudgetReservationSchema>;

/**
 * `details` of the budget_exceeded error, so a client can tell which budget stopped it and
 * what is left.
 */
export interface BudgetExceededDetails {
  scope: BudgetScope;
  owner_id: string;
  period: BudgetPeriod;
  limit_usd: string;
  remaining_usd: string;
  requested_usd: string;
}

/** `ledger.v1.budget.set`: give (or with `budget: null`, take away) a key's, user's or team's budget. */
export const BudgetSetRequestSchema = z.object({
  scope: z.enum(BUDGET_SCOPES),
  owner_id: z.string().min(1),
  budget: BudgetInputSchema.nullable(),
});
export type BudgetSetRequest = z.infer<typeof BudgetSetRequestSchema>;

export const BudgetSetResponseSchema = z.object({ budget: BudgetViewSchema.nullable() });
