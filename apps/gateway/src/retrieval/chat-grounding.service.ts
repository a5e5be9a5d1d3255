import {
  ServiceUnavailableError,
  ValidationError,
  type ChatCompletionRequest,
  type ContextSource,
} from '@conduit/contracts';
import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import { GuardrailsClient } from '../guardrails/guardrails.client';
import type { GuardrailFindings } from '../guardrails/guardrail-findings';
import type { ConduitFields } from '../chat/chat-surface';
import type { GatewayConfig } from '../config/gateway-config.schema';
import { GATEWAY_CONFIG } from '../config/gateway-config.token';
import { groundingMessage, lastUserText } from './grounding-prompt';
import { MeteredRetrieval } from './metered-retrieval.service';
import { RetrievalClient } from './retrieval.client';
import { screenSources } from './source-screen';
import { tenantOf } from './tenant';

const DEFAULT_TOP_K = 5;

/** A chat request with its sources in front, and what to tell the client about them. */
export interface Grounded {
  request: ChatCompletionRequest;
  /** `conduit.sources` and `conduit.grounding` of the answer. */
  fields: ConduitFields;
}

/**
 * `conduit.retrieval` on a chat request: retrieve for the last user message, put the numbered
 * sources in a system message ahead of the conversation, and return the sources for the
 * answer. Retrieval that fails fails the request (`service_unavailable`) — an answer without
 * its sources would look grounded and is not — unless the request says
 * `fallback: "no_context"`, in which case it is answered ungrounded and says so.
 */
@Injectable()
export class ChatGrounding {
  constructor(
    private readonly retrieval: RetrievalClient,
    private readonly metered: MeteredRetrieval,
    private readonly guardrails: GuardrailsClient,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  /** Null when the request asks for no retrieval: nothing changes then. */
  async ground(
    requestId: string,
    principal: Principal,
    request: ChatCompletionRequest,
    findings: GuardrailFindings,
  ): Promise<Grounded | null> {
    const options = request.conduit?.retrieval;
    if (!options) return null;
    const query = lastUserText(request.messages);
    if (query === null) {
      throw new ValidationError('conduit.retrieval needs a user message with text to search for', {
        param: 'messages',
      });
    }
    try {
      // Its own id: the chat's budget hold and usage event go by the request id.
      const retrievalId = `${requestId}:retrieval`;
      const context = await this.metered.run(
        { requestId: retrievalId, principal, endpoint: 'chat.retrieval', rateLimited: false },
        (budget) =>
          this.retrieval.request('retrieval.v1.context.build', {
            requestId: retrievalId,
            tenantId: tenantOf(principal),
            collection: options.collection,
            query,
            topK: options.top_k ?? DEFAULT_TOP_K,
            filter: options.filter ?? null,
            scoreThreshold: options.score_threshold ?? null,
            maxContextTokens:
              options.max_context_tokens ?? this.config.GATEWAY_RETRIEVAL_CONTEXT_TOKENS,
            budget,
            allowedModels: principal.kind === 'key' ? principal.key.models : null,
          }),
      );
      const screened = await screenSources(this.guardrails, requestId, principal, context.sources);
      findings.add(screened.findings);
      return {
        request: {
          ...request,
          messages: [groundingMessage(screened.kept), ...request.messages],
        },
        fields: {
          grounding: screened.kept.length > 0 ? 'sources' : 'no_sources_found',
          sources: screened.kept.map(sourceView),
          ...(screened.dropped > 0 ? { sources_withheld: screened.dropped } : {}),
        },
      };
    } catch (error) {
      if (options.fallback === 'no_context' && error instanceof ServiceUnavailableError) {
        return {
          request,
          fields: { grounding: 'retrieval_unavailable', sources: [], warning: error.message },
        };
      }
      throw error;
    }
  }
}

function sourceView(source: ContextSource) {
  return {
    index: source.index,
    document_id: source.document_id,
    chunk_index: source.chunk_index,
    score: source.score,
    text: source.text,
    metadata: source.metadata,
  };
}
