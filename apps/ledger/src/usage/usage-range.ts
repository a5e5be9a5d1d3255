import type { UsageFilter } from '@conduit/contracts';

/** A usage filter's time range, resolved to instants (`from` inclusive, `to` exclusive). */
export interface UsageRange {
  from?: Date;
  to?: Date;
  /** Both ends (when given) fall on UTC midnights, so daily rollups answer exactly. */
  wholeDays: boolean;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

function toInstant(value: string): Date {
  // A bare date is that day's UTC midnight, never the server's local one.
  return new Date(DATE_ONLY.test(value) ? `${value}T00:00:00Z` : value);
}

function isUtcMidnight(date: Date): boolean {
  return date.getTime() % 86_400_000 === 0;
}

export function resolveUsageRange(filter: Pick<UsageFilter, 'from' | 'to'>): UsageRange {
  const from = filter.from === undefined ? undefined : toInstant(filter.from);
  const to = filter.to === undefined ? undefined : toInstant(filter.to);
  return {
    from,
    to,
    wholeDays: (!from || isUtcMidnight(from)) && (!to || isUtcMidnight(to)),
  };
}

/** `2026-11-01` for a UTC midnight. */
export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
