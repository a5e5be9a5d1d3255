import { DomainError } from '@conduit/contracts';
import { tracer } from '@conduit/telemetry';
import { Inject, Injectable } from '@nestjs/common';
import {
  context,
  SpanKind,
  SpanStatusCode,
  trace,
  type Context,
  type Link,
} from '@opentelemetry/api';
import type { ServedEmbeddingModel } from '../catalog/embedding-catalog.service';
import type { EmbeddingConfig } from '../config/embedding-config.schema';
import { EMBEDDING_CONFIG } from '../config/embedding-config.token';
import type { VectorLength } from '../embed/vector-length';
import { recordProviderCall } from '../metrics/embedding-metrics';
import { MicroBatcher } from './micro-batcher';

/** A text on its way to the provider. `key` (model, length, text) makes equal texts share work. */
export interface TextToEmbed {
  key: string;
  text: string;
  tokens: number;
}

interface QueuedText {
  text: string;
  tokens: number;
  /** The trace of the request that queued it: the provider call's span joins it. */
  context: Context;
}

/**
 * One micro-batcher per (model, vector length): texts of concurrent requests for the same
 * model and length share provider calls of at most EMBEDDING_BATCH_SIZE texts (and the
 * provider's per-call token limit), sent when full or EMBEDDING_BATCH_WAIT_MS after the first.
 */
@Injectable()
export class EmbeddingBatchers {
  private readonly batchers = new Map<string, MicroBatcher<QueuedText, string>>();

  constructor(@Inject(EMBEDDING_CONFIG) private readonly config: EmbeddingConfig) {}

  /** Packed vectors for `texts`, in order. */
  embed(
    model: ServedEmbeddingModel,
    length: VectorLength,
    texts: readonly TextToEmbed[],
  ): Promise<string[]> {
    const active = context.active();
    return this.batcherFor(model, length).submit(
      texts.map(({ key, text, tokens }) => ({
        key,
        weight: tokens,
        value: { text, tokens, context: active },
      })),
    );
  }

  private batcherFor(
    model: ServedEmbeddingModel,
    length: VectorLength,
  ): MicroBatcher<QueuedText, string> {
    const key = `${model.id}\0${length.dimensions}`;
    let batcher = this.batchers.get(key);
    if (!batcher) {
      batcher = new MicroBatcher({
        maxItems: this.config.EMBEDDING_BATCH_SIZE,
        maxWaitMs: this.config.EMBEDDING_BATCH_WAIT_MS,
        maxWeight: model.maxTokensPerCall,
        run: (values) => this.call(model, length, values),
      });
      this.batchers.set(key, batcher);
    }
    return batcher;
  }

  /**
   * One provider call. Its span is a child of the first request in the batch and links the
   * others, so every request's trace shows the call that served it.
   */
  private async call(
    model: ServedEmbeddingModel,
    length: VectorLength,
    values: QueuedText[],
  ): Promise<string[]> {
    const parent = values[0].context;
    const span = tracer().startSpan(
      `embeddings ${model.upstreamModel}`,
      {
        kind: SpanKind.CLIENT,
        attributes: {
          'gen_ai.operation.name': 'embeddings',
          'gen_ai.system': model.provider,
          'gen_ai.request.model': model.upstreamModel,
          'gen_ai.usage.input_tokens': values.reduce((sum, value) => sum + value.tokens, 0),
          'conduit.model': model.id,
          'conduit.embedding.texts': values.length,
          'conduit.embedding.dimensions': length.dimensions,
        },
        links: linksToOthers(values, parent),
      },
      parent,
    );
    const startedAt = performance.now();
    try {
      const vectors = await context.with(trace.setSpan(parent, span), () =>
        model.embedder.embed({
          upstreamModel: model.upstreamModel,
          texts: values.map((value) => value.text),
          dimensions: length.requested,
          expectedDimensions: length.dimensions,
        }),
      );
      recordProviderCall(model.id, values.length, startedAt, 'ok');
      return vectors;
    } catch (error) {
      const type = error instanceof DomainError ? error.type : 'internal_error';
      span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error)?.message });
      span.setAttribute('error.type', type);
      recordProviderCall(model.id, values.length, startedAt, type);
      throw error;
    } finally {
      span.end();
    }
  }
}

function linksToOthers(values: readonly QueuedText[], parent: Context): Link[] {
  const parentSpan = trace.getSpanContext(parent);
  const seen = new Set<string>(parentSpan ? [parentSpan.spanId] : []);
  const links: Link[] = [];
  for (const value of values) {
    const spanContext = trace.getSpanContext(value.context);
    if (!spanContext || seen.has(spanContext.spanId)) continue;
    seen.add(spanContext.spanId);
    links.push({ context: spanContext });
  }
  return links;
}
