import type { ChatCompletion, ChatCompletionRequest } from '@conduit/contracts';
import { Injectable } from '@nestjs/common';
import { context, SpanStatusCode, trace } from '@opentelemetry/api';
import { ModelCatalogService } from '../catalog/model-catalog.service';
import { recordUsage, startProviderSpan } from './provider-span';
import { estimateUsage } from './usage-estimate';

/** Non-streaming chat: resolve the model, call its provider, answer in OpenAI's shape. */
@Injectable()
export class ChatService {
  constructor(private readonly catalog: ModelCatalogService) {}

  async complete(request: ChatCompletionRequest): Promise<ChatCompletion> {
    const entry = this.catalog.resolve(request.model);
    const span = startProviderSpan(entry, false);
    try {
      const completion = await context.with(trace.setSpan(context.active(), span), () =>
        entry.provider.complete({
          request,
          upstreamModel: entry.upstreamModel,
        }),
      );
      const usage =
        completion.usage ??
        estimateUsage(
          request,
          completion.choices.map((choice) => choice.message.content ?? ''),
        );
      recordUsage(span, usage, !completion.usage);
      // Clients see the catalog id they asked for, not the provider's dated snapshot name.
      return { ...completion, model: entry.id, usage };
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
      throw error;
    } finally {
      span.end();
    }
  }
}
