import {
  QdrantClientResourceExhaustedError,
  QdrantClientTimeoutError,
  QdrantClientUnexpectedResponseError,
} from '@qdrant/js-client-rest';
import { VectorCollectionNotFoundError } from './vector-collection-not-found.error';
import { VectorStoreInputError } from './vector-store-input.error';
import { VectorStoreUnavailableError } from './vector-store-unavailable.error';

export interface QdrantCallContext {
  /** What was being done, for the message: "search", "upsert"… */
  operation: string;
  collection?: string;
  timeoutMs: number;
}

/** The HTTP status and error text of a non-2xx answer (the client's `ApiError`). */
export function qdrantErrorStatus(
  error: unknown,
): { status: number; message?: string } | undefined {
  if (!isObject(error) || typeof error.status !== 'number') return undefined;
  const envelope = isObject(error.data) ? error.data.status : undefined;
  const message =
    isObject(envelope) && typeof envelope.error === 'string' ? envelope.error : undefined;
  return { status: error.status, message };
}

/**
 * Maps whatever the Qdrant client threw to our taxonomy: the caller's fault (4xx) to
 * `VectorStoreInputError`, a missing collection to `VectorCollectionNotFoundError`, and
 * everything that means "Qdrant cannot serve this now" to `VectorStoreUnavailableError`.
 * Programming errors pass through untouched.
 */
export function toVectorStoreError(error: unknown, context: QdrantCallContext): unknown {
  if (
    error instanceof VectorStoreUnavailableError ||
    error instanceof VectorStoreInputError ||
    error instanceof VectorCollectionNotFoundError
  ) {
    return error;
  }
  const what = `Qdrant ${context.operation}${context.collection ? ` on "${context.collection}"` : ''}`;
  if (error instanceof QdrantClientTimeoutError || isAbort(error)) {
    return new VectorStoreUnavailableError(`${what} timed out after ${context.timeoutMs} ms`, {
      cause: error,
    });
  }
  // The client turns a 429 carrying Retry-After into its own error class, without the status.
  if (error instanceof QdrantClientResourceExhaustedError) {
    return new VectorStoreUnavailableError(`${what} was rate limited`, {
      cause: error,
      details: { status: 429, retryAfterSeconds: error.retry_after },
    });
  }
  const http = qdrantErrorStatus(error);
  if (http !== undefined) {
    const detail = http.message ?? `HTTP ${http.status}`;
    if (http.status === 404 && context.collection !== undefined) {
      return new VectorCollectionNotFoundError(context.collection);
    }
    if (http.status === 400 || http.status === 409 || http.status === 422) {
      return new VectorStoreInputError(`${what} rejected the request: ${detail}`, { cause: error });
    }
    // 401/403 (a wrong API key) is our configuration, not the caller's request: unavailable too.
    return new VectorStoreUnavailableError(`${what} failed: ${detail}`, {
      cause: error,
      details: { status: http.status },
    });
  }
  if (error instanceof QdrantClientUnexpectedResponseError || isNetworkError(error)) {
    return new VectorStoreUnavailableError(`${what} failed: ${networkReason(error)}`, {
      cause: error,
    });
  }
  return error;
}

// Errors raised by fetch come from Node's own realm: under jest (a VM context) they are not
// `instanceof` this realm's Error, TypeError or DOMException, so they are recognised by shape.
// The client then fails to wrap its own timeout, hence the AbortError check here too.

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isAbort(error: unknown): boolean {
  return isObject(error) && (error.name === 'AbortError' || error.name === 'TimeoutError');
}

// undici reports refused, reset and dropped connections as `TypeError: fetch failed` with the
// socket error as its cause.
function isNetworkError(error: unknown): error is Record<string, unknown> {
  return isObject(error) && error.name === 'TypeError' && error.message === 'fetch failed';
}

function networkReason(error: unknown): string {
  if (!isObject(error)) return String(error);
  const cause = error.cause;
  if (isObject(cause) && typeof cause.message === 'string') {
    const code = typeof cause.code === 'string' ? `${cause.code}: ` : '';
    return `${code}${cause.message}`;
  }
  return typeof error.message === 'string' ? error.message : 'unknown error';
}
