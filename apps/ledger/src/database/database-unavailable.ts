import { ServiceUnavailableError } from '@conduit/contracts';
import { databaseFailureKind } from './database-failure';

/**
 * A request handler failed because Postgres cannot be reached (refused, down, pool exhausted):
 * a retryable 503 `database_unavailable` for the caller, not a 500 that says nothing. Anything
 * else stays unclassified (the handler registry makes it an internal_error and logs it).
 */
export function classifyLedgerHandlerError(error: unknown): ServiceUnavailableError | undefined {
  return databaseFailureKind(error) === 'unavailable' ? databaseUnavailable(error) : undefined;
}

/** The retryable error for "Postgres cannot be reached", for handlers and the event consumer. */
export function databaseUnavailable(cause: unknown): ServiceUnavailableError {
  return new ServiceUnavailableError(
    'The ledger database is unavailable, so the request was not completed. Please retry shortly.',
    { code: 'database_unavailable', cause },
  );
}
