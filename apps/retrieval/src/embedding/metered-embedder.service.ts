import {
  InternalError,
  unpackVector,
  type BudgetHold,
  type EmbeddingUsage,
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
  /** Tokens of `texts` already counted (the chunker's): the quote then needs no texts. */
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
 * model allow-list), hold the worst case on the key's budgets, then embed. The hold is the
 * quote's worst case plus 1 micro-USD per message, because each message's charge is rounded
 * up on its own. Nothing is embedded unless the hold succeeded.
 */
@Injectable()
export class MeteredEmbedder {
  constructor(
    private readonly embedding: EmbeddingClient,
    private readonly budgets: BudgetHolder,
  ) {}

  async embed(job: EmbeddingJob): Promise<EmbeddedTexts> {
    const quote = await this.embedding.quote({
      requestId: job.requestId,
      model: job.model,
      allowedModels: job.allowedModels ?? null,
      ...(job.inputTokens === undefined
        ? { texts: [...job.texts] }
        : { inputTokens: job.inputTokens }),
    });
    const messages = planEmbedMessages(job.texts);
    await this.budgets.hold(job.requestId, job.budget, quote.worstCaseMicroUsd + messages.length);

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
}

function consistentDimensions(results: readonly EmbedResult[]): number | undefined {
  const dimensions = results[0]?.dimensions;
  if (results.some((result) => result.dimensions !== dimensions)) {
    throw new InternalError('The embedding service returned vectors of different dimensions');
  }
  return dimensions;
}
