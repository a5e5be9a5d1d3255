import { DomainError, type ErrorType } from '@conduit/contracts';
import { PermanentEventError } from './permanent-event.error';

/**
 * What a handler's failure means for its event:
 * - `permanent`: retrying cannot help → dead-letter now;
 * - `unavailable`: a dependency is down for everyone → retry with backoff, without bound
 *   (dead-lettering would empty the stream into the dead-letter stream during an outage);
 * - `transient`: may pass on a retry → retry with backoff, dead-letter after a bounded number
 *   of deliveries so it cannot circle forever.
 */
export type EventFailureKind = 'permanent' | 'unavailable' | 'transient';

/** Types that describe the event itself, not the moment it was handled. */
const PERMANENT_TYPES: ReadonlySet<ErrorType> = new Set<ErrorType>([
  'validation_error',
  'authentication_error',
  'permission_denied',
  'not_found',
  'budget_exceeded',
  'context_length_exceeded',
  'content_filtered',
]);

export function classifyEventFailure(error: unknown): EventFailureKind {
  if (error instanceof PermanentEventError) return 'permanent';
  if (error instanceof DomainError) {
    if (error.type === 'service_unavailable') return 'unavailable';
    if (PERMANENT_TYPES.has(error.type)) return 'permanent';
  }
  // Anything unrecognised (timeouts, internal errors, a bug) gets the bounded retries.
  return 'transient';
}
