import { Agent, fetch as undiciFetch, type Dispatcher } from 'undici';

/**
 * One provider deployment's HTTP stack: an undici dispatcher (keep-alive pool) that bounds the
 * TCP + TLS handshake, which an SDK's own `timeout` (the whole request) cannot express. The
 * OpenAI adapter calls it directly (`OpenAIHttpClient`); the Anthropic SDK gets it as `fetch`
 * and `fetchOptions`, undici's own fetch rather than Node's global one so the dispatcher and
 * fetch come from the same undici.
 */
export interface ProviderTransport {
  /** The connection pool itself, for calls made without an SDK (`OpenAIHttpClient`). */
  dispatcher: Dispatcher;
  fetch: typeof globalThis.fetch;
  /** `{ dispatcher }`; each SDK casts it to its own `fetchOptions` type. */
  fetchOptions: object;
  close(): Promise<void>;
}

export function providerTransport(connectTimeoutMs: number): ProviderTransport {
  const dispatcher = new Agent({
    connect: { timeout: connectTimeoutMs },
    // Time to first byte and body idle time are enforced per model by the router, which knows
    // whether a call streams; undici's 300 s defaults would cut long generations instead.
    headersTimeout: 0,
    bodyTimeout: 0,
  });
  return {
    dispatcher,
    // The SDKs type these with the DOM's fetch types; undici's own are the same at run time
    // but nominally different (Node's bundled undici-types vs the undici package's).
    fetch: undiciFetch as unknown as typeof globalThis.fetch,
    fetchOptions: { dispatcher },
    // On shutdown in-flight calls are being aborted anyway; waiting on keep-alive sockets would
    // only hold the process open.
    close: () => dispatcher.destroy(),
  };
}
