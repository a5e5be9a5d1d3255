import {
  DomainError,
  EMBED_TEXTS_PER_MESSAGE,
  embeddingInputs,
  formatMicroUsd,
  Subjects,
  unpackVector,
  type ChatQuote,
  type EmbedResult,
  type EmbeddingsRequest,
  type VerifiedKey,
} from '@conduit/contracts';
import { MessagingClient } from '@conduit/messaging';
import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ChatAdmission, type Admission } from '../accounting/chat-admission.service';
import { UsageRecorder } from '../accounting/usage-recorder.service';
import { principalOf } from '../auth/principal';
import type { GatewayConfig } from '../config/gateway-config.schema';
import { GATEWAY_CONFIG } from '../config/gateway-config.token';
import { sumEmbeddingWork, type EmbeddingWork } from './embedding-work';
import { settleInParallel } from './settle-in-parallel';

/** Embed messages in flight per request: enough to keep a provider batch full, no more. */
const MESSAGES_IN_FLIGHT = 4;

/**
 * `POST /v1/embeddings`: admit (allow-list, rate limits, budget hold on the exact input
 * cost), embed through the embedding service in messages of EMBED_TEXTS_PER_MESSAGE texts,
 * answer in OpenAI's shape, and book one usage event whatever happened.
 */
@Injectable()
export class EmbeddingsExchange {
  constructor(
    private readonly messaging: MessagingClient,
    private readonly admission: ChatAdmission,
    private readonly usage: UsageRecorder,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async serve(body: EmbeddingsRequest, request: FastifyRequest, reply: FastifyReply) {
    const startedAt = performance.now();
    const principal = principalOf(request);
    const key = principal.kind === 'key' ? principal.key : null;
    const parts = split(embeddingInputs(body), EMBED_TEXTS_PER_MESSAGE);
    const admitted: Admission = { quote: null, rateLimit: null, reserved: false };
    let work: EmbeddingWork = { inputTokens: 0, cachedTexts: 0, charge: null };
    let failure: unknown = null;
    try {
      if (key) await this.admit(request.id, key, body, parts, admitted);
      const settled = await settleInParallel(parts, MESSAGES_IN_FLIGHT, (texts) =>
        this.messaging.request(
          Subjects.embeddingEmbed,
          {
            requestId: request.id,
            model: body.model,
            texts,
            dimensions: body.dimensions ?? null,
            allowedModels: key?.models ?? null,
          },
          { timeoutMs: this.config.GATEWAY_EMBEDDING_TIMEOUT_MS },
        ),
      );
      const done = settled.flatMap((result) =>
        result.status === 'fulfilled' ? [result.value] : [],
      );
      work = sumEmbeddingWork(done);
      const rejected = settled.find((result) => result.status === 'rejected');
      if (rejected) throw rejected.reason;
      reply.header('x-conduit-cost-usd', formatMicroUsd(work.charge?.costMicroUsd ?? 0));
      return openAIEmbeddings(done, body.encoding_format ?? 'float', work.inputTokens);
    } catch (error) {
      failure = error;
      throw error;
    } finally {
      void this.usage.recordWork({
        requestId: request.id,
        principal,
        endpoint: 'embeddings',
        requestedModel: body.model,
        startedAt,
        rateLimit: admitted.rateLimit,
        status: failure === null ? 'success' : 'error',
        errorType: failure === null ? null : errorTypeOf(failure),
        inputTokens: work.inputTokens,
        charge: work.charge,
        cacheHit: failure === null && work.cachedTexts === embeddingInputs(body).length,
      });
    }
  }

  /** Prices the request exactly (input tokens only) when the key needs a quote, then admits. */
  private async admit(
    requestId: string,
    key: VerifiedKey,
    body: EmbeddingsRequest,
    parts: string[][],
    admitted: Admission,
  ): Promise<void> {
    const allowListNeedsCanonicalId = key.models !== null && !key.models.includes(body.model);
    if (key.budgeted || key.tpm !== null || allowListNeedsCanonicalId) {
      // Quoted per message, as each message is charged (and rounded up) on its own.
      const quotes = await Promise.all(
        parts.map((texts) =>
          this.messaging.request(Subjects.embeddingQuote, {
            requestId,
            model: body.model,
            texts,
            allowedModels: key.models,
          }),
        ),
      );
      const quote: ChatQuote = {
        model: quotes[0].model,
        provider: quotes[0].provider,
        inputTokens: quotes.reduce((sum, part) => sum + part.inputTokens, 0),
        maxOutputTokens: 0,
        worstCaseMicroUsd: quotes.reduce((sum, part) => sum + part.worstCaseMicroUsd, 0),
        priceVersion: quotes[0].priceVersion,
      };
      admitted.quote = quote;
    }
    await this.admission.admitQuoted(requestId, key, body.model, admitted);
  }
}

function split<T>(items: readonly T[], size: number): T[][] {
  const parts: T[][] = [];
  for (let i = 0; i < items.length; i += size) parts.push(items.slice(i, i + size));
  return parts;
}

/** OpenAI's embeddings response; base64 is passed through (it is the same float32 bytes). */
function openAIEmbeddings(
  results: readonly EmbedResult[],
  encoding: 'float' | 'base64',
  inputTokens: number,
) {
  const vectors = results.flatMap((result) => result.vectors);
  return {
    object: 'list' as const,
    data: vectors.map((packed, index) => ({
      object: 'embedding' as const,
      index,
      embedding: encoding === 'base64' ? packed : unpackVector(packed),
    })),
    model: results[0]?.model ?? '',
    usage: { prompt_tokens: inputTokens, total_tokens: inputTokens },
  };
}

function errorTypeOf(error: unknown) {
  return error instanceof DomainError ? error.type : 'internal_error';
}
