/**
 * What a failed database call says about a retry, from the error Prisma throws (its driver
 * adapter keeps the Postgres SQLSTATE, or names the socket failure) or the raw driver error:
 * - `data`: this statement's values are refused (SQLSTATE class 22 — e.g. `22021`, a NUL in
 *   text — or an integrity violation of class 23): retrying the same event cannot succeed;
 * - `unavailable`: the database cannot be reached or is not accepting work, for every
 *   statement alike (connection, resources, shutdown);
 * - `other`: anything else (deadlocks, serialization failures, bugs).
 */
export type DatabaseFailureKind = 'data' | 'unavailable' | 'other';

interface AdapterCause {
  kind?: string;
  originalCode?: string;
  code?: string;
}

/** Adapter kinds that mean "no database right now", whatever the statement. */
const UNAVAILABLE_KINDS = new Set([
  'DatabaseNotReachable',
  'ConnectionClosed',
  'SocketTimeout',
  'TooManyConnections',
  'TlsConnectionError',
  'DatabaseDoesNotExist',
  'DatabaseAccessDenied',
  'AuthenticationFailed',
]);
/** Prisma's own codes for the same (can't reach, timed out, closed, pool exhausted). */
const UNAVAILABLE_PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
/** Node's socket errors, as pg reports them when a prepared statement goes to the pool directly. */
const UNAVAILABLE_SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EPIPE',
]);
/** pg-pool's and pg's words for a pool or connection that gave up (no SQLSTATE). */
const UNAVAILABLE_MESSAGE = /timeout exceeded when trying to connect|connection terminated/i;

export function databaseFailureKind(error: unknown): DatabaseFailureKind {
  const cause = adapterCause(error);
  const sqlState = cause?.originalCode ?? cause?.code ?? driverSqlState(error);
  if (sqlState) {
    // A racing duplicate of an idempotent insert: the retry finds the row and does nothing.
    if (sqlState === '23505') return 'other';
    if (sqlState.startsWith('22') || sqlState.startsWith('23')) return 'data';
    // Connection exceptions, insufficient resources, operator intervention (shutdown).
    if (/^(08|53|57P)/.test(sqlState)) return 'unavailable';
  }
  if (cause?.kind && UNAVAILABLE_KINDS.has(cause.kind)) return 'unavailable';
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && UNAVAILABLE_PRISMA_CODES.has(code)) return 'unavailable';
  if (typeof code === 'string' && UNAVAILABLE_SOCKET_CODES.has(code)) return 'unavailable';
  if (error instanceof Error && UNAVAILABLE_MESSAGE.test(error.message)) return 'unavailable';
  return 'other';
}

function adapterCause(error: unknown): AdapterCause | undefined {
  const failed = error as {
    name?: unknown;
    cause?: unknown;
    meta?: { driverAdapterError?: { cause?: AdapterCause } };
  } | null;
  if (failed?.meta?.driverAdapterError?.cause) return failed.meta.driverAdapterError.cause;
  // The adapter's own error, when it reaches us without Prisma's wrapper.
  return failed?.name === 'DriverAdapterError' ? (failed.cause as AdapterCause) : undefined;
}

/** A pg `DatabaseError` reaching us unwrapped carries the SQLSTATE as a five-character code. */
function driverSqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown; severity?: unknown } | null)?.code;
  const severity = (error as { severity?: unknown } | null)?.severity;
  return typeof code === 'string' && typeof severity === 'string' && /^[0-9A-Z]{5}$/.test(code)
    ? code
    : undefined;
}
