import { ServiceUnavailableError } from '@conduit/contracts';
import { databaseFailureKind } from './database-failure';

/**
 * A request handler failed because Postgres cannot be reached (refused, down, pool exhausted):
 * a retryable 503 `database_unavailable` for the caller, not a 500 that says nothing. Anything
 * else stays unclassified (the handler registry makes it an internal_error and logs it).
 */
export function classifyLedgerHandlerError(error: unknown): ServiceUnavailableError | undefined {
  if (databaseFailureKind(error) !== 'unavailable') return undefined;
  return new ServiceUnavailableError(
    'The ledger database is unavailable, so the request was not completed. Please retry shortly.',
    { code: 'database_unavailable' },
  );
}
