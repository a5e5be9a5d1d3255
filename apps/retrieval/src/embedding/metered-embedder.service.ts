import {
  InternalError,
  unpackVector,
  type BudgetHold,
  type EmbeddingUsage,
  type EmbedQuote,
  type EmbedResult,
} from '@conduit/contracts';
import { Injectable } from '@nestjs/common';
import { BudgetHolder } from '../metering/budget-hold.service';
import { planEmbedMessages } from './embed-messages';
import { EmbeddingClient } from './embedding.client';
import { sumEmbeddingUsage } from './embedding-usage';
import { mapConcurrently } from './map-concurrently';

/** Embed messages in flight per request: enough to overlap, few enough to share the service. */
export const EMBED_CONCURRENCY = 4;

export interface EmbeddingJob {
  /** The request's id: the quote's and the budget hold's. */
  requestId: string;
  model: string;
  allowedModels?: string[] | null;
  budget: BudgetHold;
  texts: readonly string[];
  /** Tokens of `texts` already counted (the chunker's), for the quote when nothing is held. */
  inputTokens?: number;
}

export interface EmbeddedTexts {
  /** One per text, in order. */
  vectors: number[][];
  /** The vectors' dimension; undefined when there was nothing to embed. */
  dimensions: number | undefined;
  usage: EmbeddingUsage;
}

/**
 * Embedding as metered work: price it (`embedding.v1.quote`, which also enforces the key's
 * model allow-list), hold the cost on the key's budgets, then embed. Nothing is embedded
 * unless the hold succeeded.
 */
@Injectable()
export class MeteredEmbedder {
  constructor(
    private readonly embedding: EmbeddingClient,
    private readonly budgets: BudgetHolder,
  ) {}

  async embed(job: EmbeddingJob): Promise<EmbeddedTexts> {
    const messages = planEmbedMessages(job.texts);
    const quote =
      job.budget === null || messages.length === 0
        ? await this.validate(job)
        : await this.quoteEachMessage(job, messages);
    await this.budgets.hold(job.requestId, job.budget, quote.worstCaseMicroUsd);

    const results = await mapConcurrently(messages, EMBED_CONCURRENCY, async ({ start, end }) => {
      const result = await this.embedding.embed({
        requestId: job.requestId,
        model: job.model,
        texts: job.texts.slice(start, end),
        allowedModels: job.allowedModels ?? null,
      });
      if (result.vectors.length !== end - start) {
        throw new InternalError(
          `The embedding service returned ${result.vectors.length} vectors for ${end - start} texts`,
        );
      }
      return result;
    });
    return {
      vectors: results.flatMap((result) => result.vectors.map(unpackVector)),
      dimensions: consistentDimensions(results),
      usage: sumEmbeddingUsage(quote, results),
    };
  }

  /** Model and allow-list checks only: nothing will be held. */
  private validate(job: EmbeddingJob): Promise<EmbedQuote> {
    return this.embedding.quote({
      requestId: job.requestId,
      model: job.model,
      allowedModels: job.allowedModels ?? null,
      inputTokens: job.inputTokens ?? 0,
    });
  }

  /**
   * The exact cost, as the embed messages will be charged: each message's texts counted by
   * the model's own tokenizer (not the chunker's o200k, which differs for OpenAI's models)
   * and rounded up on its own, so the hold covers the charge to the micro-USD.
   */
  private async quoteEachMessage(
    job: EmbeddingJob,
    messages: ReturnType<typeof planEmbedMessages>,
  ): Promise<EmbedQuote> {
    const quotes = await mapConcurrently(messages, EMBED_CONCURRENCY, ({ start, end }) =>
      this.embedding.quote({
        requestId: job.requestId,
        model: job.model,
        allowedModels: job.allowedModels ?? null,
        texts: job.texts.slice(start, end),
      }),
    );
    return {
      ...quotes[0],
      inputTokens: quotes.reduce((sum, quote) => sum + quote.inputTokens, 0),
      worstCaseMicroUsd: quotes.reduce((sum, quote) => sum + quote.worstCaseMicroUsd, 0),
    };
  }
}

function consistentDimensions(results: readonly EmbedResult[]): number | undefined {
  const dimensions = results[0]?.dimensions;
  if (results.some((result) => result.dimensions !== dimensions)) {
    throw new InternalError('The embedding service returned vectors of different dimensions');
  }
  return dimensions;
}
