import type { ChatCompletionRequest, LlmChatResult } from '@conduit/contracts';
import { Injectable } from '@nestjs/common';
import { context, SpanStatusCode, trace } from '@opentelemetry/api';
import { ModelCatalogService } from '../catalog/model-catalog.service';
import { chargeFor } from '../pricing/charge';
import { recordCharge, recordUsage, startProviderSpan } from './provider-span';
import { estimateUsage, generatedText } from './usage-estimate';

/** Non-streaming chat: resolve the model, call its provider, answer in OpenAI's shape, priced. */
@Injectable()
export class ChatService {
  constructor(private readonly catalog: ModelCatalogService) {}

  async complete(request: ChatCompletionRequest): Promise<LlmChatResult> {
    const entry = this.catalog.resolve(request.model);
    const startedAt = new Date();
    const span = startProviderSpan(entry, false);
    try {
      const completion = await context.with(trace.setSpan(context.active(), span), () =>
        entry.provider.complete({
          request,
          upstreamModel: entry.upstreamModel,
        }),
      );
      const usageEstimated = !completion.usage;
      const usage =
        completion.usage ??
        estimateUsage(
          request,
          completion.choices.map((choice) => generatedText(choice.message)),
        );
      const charge = chargeFor(entry, usage, startedAt);
      recordUsage(span, usage, usageEstimated);
      recordCharge(span, charge);
      // Clients see the catalog id they asked for, not the provider's dated snapshot name.
      return { completion: { ...completion, model: entry.id, usage }, charge, usageEstimated };
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
      throw error;
    } finally {
      span.end();
    }
  }
}
