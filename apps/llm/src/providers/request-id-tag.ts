import type { ChatCompletionRequest } from '@conduit/contracts';

/**
 * Our request id, carried on the request itself to the provider adapter that forwards it
 * upstream. A symbol key: `{ ...request }` copies it (the router's `fitRequest` does), JSON
 * never sees it, so it cannot reach a provider's body. A context value would not do: without
 * an exporter no async context is kept (see `startTelemetry`), yet the id must still go out.
 */
const REQUEST_ID = Symbol('conduit.request_id');

type Tagged = ChatCompletionRequest & { [REQUEST_ID]?: string };

export function tagRequestId(request: ChatCompletionRequest, requestId: string): void {
  (request as Tagged)[REQUEST_ID] = requestId;
}

export function requestIdOf(request: ChatCompletionRequest): string | undefined {
  return (request as Tagged)[REQUEST_ID];
}
