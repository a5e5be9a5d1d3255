import type { ChatCompletionChunk, DomainError } from '@conduit/contracts';
import { createLogger } from '@conduit/telemetry';
import { context, propagation, trace, type Attributes, type Span } from '@opentelemetry/api';
import { ProviderSpan } from '../chat/provider-span';
import type { ProviderCall, ProviderCompletion } from './chat-provider';
import { requestIdOf } from './request-id-tag';

const logger = createLogger('llm');

/** What the HTTP layer of an adapter needs from the trace: headers out, the provider's id back. */
export interface UpstreamExchange {
  /** W3C trace context of the provider span and our request id, for the upstream request. */
  readonly headers: Readonly<Record<string, string>>;
  /** The provider's own id of this HTTP request (`x-request-id`, `request-id`), when it sent one. */
  providerRequestId(id: string | null | undefined): void;
}

/** `server.address` / `server.port` of a deployment's base URL. */
export function serverAttributes(baseURL: string): Attributes {
  try {
    const url = new URL(baseURL);
    const port = url.port ? Number(url.port) : url.protocol === 'http:' ? 80 : 443;
    return { 'server.address': url.hostname, 'server.port': port };
  } catch {
    return {};
  }
}

// What may go out as a header value: printable ASCII, at most 512 characters (OpenAI's limit
// for `X-Client-Request-Id`). Anything else would make undici refuse the request.
const HEADER_VALUE = /^[\x21-\x7e]{1,512}$/;

/**
 * One upstream call as the trace sees it: the provider span that was active when the adapter
 * was called (the router makes it active for the attempt), the headers that carry it and our
 * request id upstream, and what the provider answered (its request id, the completion id and
 * model, the finish reasons). Never any content. Without tracing there is no span and only the
 * request id header goes out.
 */
export class UpstreamTrace implements UpstreamExchange {
  readonly headers: Record<string, string>;
  readonly requestId: string | undefined;
  private readonly span: Span | undefined;
  private providerRequest: string | undefined;
  private responded = false;
  private finishReasons: string[] | undefined;

  /**
   * @param requestIdHeaders where our request id goes: `x-request-id` everywhere, plus any the
   *   provider documents for it (OpenAI's `X-Client-Request-Id`).
   */
  constructor(
    private readonly provider: string,
    call: ProviderCall,
    attributes: Attributes,
    requestIdHeaders: readonly string[] = ['x-request-id'],
  ) {
    const active = trace.getActiveSpan();
    this.span = active?.isRecording() ? active : undefined;
    const requestId = requestIdOf(call.request);
    this.requestId = requestId;
    const headers: Record<string, string> = {};
    if (requestId !== undefined && HEADER_VALUE.test(requestId)) {
      for (const name of requestIdHeaders) headers[name] = requestId;
    }
    if (this.span) {
      // Only the trace context: baggage is ours and stays inside.
      const carrier: Record<string, string> = {};
      propagation.inject(context.active(), carrier);
      if (carrier.traceparent) headers.traceparent = carrier.traceparent;
      if (carrier.tracestate) headers.tracestate = carrier.tracestate;
      this.span.setAttributes({
        ...attributes,
        ...(requestId !== undefined && { 'conduit.request_id': requestId }),
      });
      if (this.span instanceof ProviderSpan) this.span.describeRequest(call.request);
    }
    this.headers = headers;
  }

  providerRequestId(id: string | null | undefined): void {
    if (!id || this.providerRequest !== undefined) return;
    this.providerRequest = id;
    this.span?.setAttribute('conduit.provider.request_id', id);
  }

  /** The provider's completion id and the model that answered. */
  response(id: string | undefined, model: string | undefined): void {
    if (!this.span || this.responded) return;
    this.responded = true;
    this.span.setAttributes({
      ...(id && { 'gen_ai.response.id': id }),
      ...(model && { 'gen_ai.response.model': model }),
    });
  }

  completion(completion: ProviderCompletion): void {
    if (!this.span) return;
    this.response(completion.id, completion.model);
    this.span.setAttribute(
      'gen_ai.response.finish_reasons',
      completion.choices.map((choice) => choice.finish_reason ?? 'error'),
    );
  }

  /** Each chunk relayed from a stream: the finish reason of each choice as it arrives. */
  chunk(chunk: ChatCompletionChunk, providerIds = true): void {
    if (!this.span) return;
    if (providerIds && !this.responded) this.response(chunk.id, chunk.model);
    for (const choice of chunk.choices) {
      const reasons = (this.finishReasons ??= []);
      while (reasons.length <= choice.index) reasons.push('error');
      if (choice.finish_reason) reasons[choice.index] = choice.finish_reason;
    }
  }

  /**
   * A stream's end, completed or not: choices that never got a finish reason are `error`, as
   * the conventions ask.
   */
  streamEnded(): void {
    if (this.span && this.finishReasons) {
      this.span.setAttribute('gen_ai.response.finish_reasons', this.finishReasons);
    }
  }

  /**
   * An upstream failure: the provider's request id (the SDKs' errors carry it) goes on the
   * span and, when the provider answered at all, in a log line with ours, for its support.
   */
  failed(error: unknown, mapped: DomainError): void {
    const upstream = error as { requestID?: unknown; status?: unknown } | null;
    if (typeof upstream?.requestID === 'string') this.providerRequestId(upstream.requestID);
    const status = typeof upstream?.status === 'number' ? upstream.status : undefined;
    if (status === undefined && this.providerRequest === undefined) return;
    logger.warn(
      {
        provider: this.provider,
        request_id: this.requestId,
        provider_request_id: this.providerRequest,
        status,
        error_type: mapped.type,
        error_code: mapped.code,
      },
      'provider call failed',
    );
  }
}
