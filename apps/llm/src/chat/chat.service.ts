import type { LlmChatCompleteRequest, LlmChatResult } from '@conduit/contracts';
import { Injectable } from '@nestjs/common';
import { SpanStatusCode } from '@opentelemetry/api';
import { chargeFor } from '../pricing/charge';
import { tagRequestId } from '../providers/request-id-tag';
import { ChatRouter } from '../routing/chat-router.service';
import { recordCharge, recordUsage } from './provider-span';
import { estimateUsage, generatedText } from './usage-estimate';

/** Non-streaming chat: route to a model (retries, fallbacks), answer in OpenAI's shape, priced. */
@Injectable()
export class ChatService {
  constructor(private readonly router: ChatRouter) {}

  async complete(payload: LlmChatCompleteRequest): Promise<LlmChatResult> {
    const { request } = payload;
    // Forwarded upstream by the provider adapter, and on its span.
    tagRequestId(request, payload.requestId);
    const served = await this.router.complete(request, { allowedModels: payload.allowedModels });
    const { entry, result: completion, span } = served;
    try {
      const usageEstimated = !completion.usage;
      const usage =
        completion.usage ??
        (await estimateUsage(
          request,
          completion.choices.map((choice) => generatedText(choice.message)),
        ));
      // Charged at the price of the model that served, which a fallback may have been.
      const charge = chargeFor(entry, usage, served.startedAt);
      recordUsage(span, usage, usageEstimated);
      recordCharge(span, charge);
      // Clients see the catalog id that served, not the provider's dated snapshot name.
      return { completion: { ...completion, model: entry.id, usage }, charge, usageEstimated };
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
      throw error;
    } finally {
      served.attempt.dispose();
      span.end();
    }
  }
}
