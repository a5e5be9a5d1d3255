import {
  DomainError,
  type Charge,
  type ChatCompletionRequest,
  type Usage,
} from '@conduit/contracts';
import { tracer } from '@conduit/telemetry';
import {
  SpanKind,
  type Attributes,
  type AttributeValue,
  type Exception,
  type Link,
  type Span,
  type SpanContext,
  type SpanStatus,
  type TimeInput,
} from '@opentelemetry/api';
import type { CatalogEntry } from '../catalog/catalog-entry';

/**
 * The provider call's span (one per attempt), with OpenTelemetry's GenAI attributes
 * (semantic-conventions-genai, `gen_ai.client.inference`, development status). Only
 * parameters, ids, usage and cost are recorded, never prompt or answer content.
 */
export function startProviderSpan(entry: CatalogEntry, streaming: boolean): Span {
  const span = tracer().startSpan(`chat ${entry.upstreamModel}`, {
    kind: SpanKind.CLIENT,
    attributes: {
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': entry.provider.genAiProviderName ?? entry.provider.name,
      'gen_ai.request.model': entry.upstreamModel,
      // Set only when streaming: unset means a non-streaming request.
      ...(streaming && { 'gen_ai.request.stream': true }),
      'conduit.model': entry.id,
      'conduit.provider.deployment': entry.provider.name,
      'conduit.streaming': streaming,
    },
  });
  // Without an exporter the span records nothing: no wrapper either.
  return span.isRecording() ? new ProviderSpan(span, entry) : span;
}

/**
 * The provider span as the router and the chat services hold it: the SDK's span, plus the
 * catalog entry being tried (so the adapter can tell a fallback), and `error.type` taken from
 * the error whoever ends the attempt records (the router on a failed attempt).
 */
export class ProviderSpan implements Span {
  constructor(
    private readonly inner: Span,
    readonly entry: CatalogEntry,
  ) {}

  /**
   * The model the caller asked for and whether this attempt serves another one (a fallback).
   * Called by the provider adapter, which is handed the request.
   */
  describeRequest(request: ChatCompletionRequest): void {
    const asked = request.model;
    this.inner.setAttributes({
      'conduit.requested_model': asked,
      'conduit.fallback': asked !== this.entry.id && !this.entry.aliases.includes(asked),
    });
  }

  recordException(exception: Exception, time?: TimeInput): void {
    recordFailure(this.inner, exception);
    this.inner.recordException(exception, time);
  }

  spanContext(): SpanContext {
    return this.inner.spanContext();
  }
  setAttribute(key: string, value: AttributeValue): this {
    this.inner.setAttribute(key, value);
    return this;
  }
  setAttributes(attributes: Attributes): this {
    this.inner.setAttributes(attributes);
    return this;
  }
  addEvent(name: string, attributesOrTime?: Attributes | TimeInput, time?: TimeInput): this {
    this.inner.addEvent(name, attributesOrTime, time);
    return this;
  }
  addLink(link: Link): this {
    this.inner.addLink(link);
    return this;
  }
  addLinks(links: Link[]): this {
    this.inner.addLinks(links);
    return this;
  }
  setStatus(status: SpanStatus): this {
    this.inner.setStatus(status);
    return this;
  }
  updateName(name: string): this {
    this.inner.updateName(name);
    return this;
  }
  end(endTime?: TimeInput): void {
    this.inner.end(endTime);
  }
  isRecording(): boolean {
    return this.inner.isRecording();
  }
}

/**
 * `error.type`: the error's type in Conduit's taxonomy (`rate_limit_exceeded`, `timeout`, …),
 * the same value as the gateway's `error_type` metric label; `conduit.error.code` the finer code
 * (`circuit_open`, `stream_interrupted`, …). Anything else: its class name.
 */
export function recordFailure(span: Span, error: unknown): void {
  if (error instanceof DomainError) {
    span.setAttributes({
      'error.type': error.type,
      ...(error.code && { 'conduit.error.code': error.code }),
    });
    return;
  }
  span.setAttribute('error.type', error instanceof Error ? error.name : '_OTHER');
}

export function recordUsage(span: Span, usage: Usage, estimated: boolean): void {
  // Detail counts are subsets of the totals, set only when reported and non-zero.
  const cacheRead = usage.prompt_tokens_details?.cached_tokens;
  const cacheWrite = (usage.prompt_tokens_details as { cache_creation_tokens?: unknown } | null)
    ?.cache_creation_tokens;
  const reasoning = (usage.completion_tokens_details as { reasoning_tokens?: unknown } | null)
    ?.reasoning_tokens;
  span.setAttributes({
    'gen_ai.usage.input_tokens': usage.prompt_tokens,
    'gen_ai.usage.output_tokens': usage.completion_tokens,
    ...(positive(cacheRead) && { 'gen_ai.usage.cache_read.input_tokens': cacheRead }),
    ...(positive(cacheWrite) && { 'gen_ai.usage.cache_write.input_tokens': cacheWrite }),
    ...(positive(reasoning) && { 'gen_ai.usage.reasoning.output_tokens': reasoning }),
    'conduit.usage.estimated': estimated,
  });
}

export function recordCharge(span: Span, charge: Charge): void {
  span.setAttributes({
    'conduit.cost_micro_usd': charge.costMicroUsd,
    'conduit.price_version': charge.priceVersion,
  });
}

function positive(value: unknown): value is number {
  return typeof value === 'number' && value > 0;
}
