import { usdToMicro } from '@conduit/contracts';
import { MAX_LOCAL_DIMENSIONS } from '../local/local-embedder';
import type { EmbeddingConfig } from '../config/embedding-config.schema';
import type { EmbeddingModel } from './embedding-model';
import { OPENAI_MAX_TOKENS_PER_REQUEST } from './known-embedding-models';
import { openaiEmbeddingModel, UNDATED_PRICE_FROM } from './openai-embedding-models';

export const LOCAL_PROVIDER = 'local';
export const LOCAL_EMBED_MODEL_ID = 'local/embed';

/** The keyless model: always served, priced at the configured demo price. */
export function localEmbeddingModel(
  config: Pick<
    EmbeddingConfig,
    'LOCAL_EMBED_DIMENSIONS' | 'LOCAL_EMBED_PRICE_PER_MTOK' | 'LOCAL_EMBED_PRICE_EFFECTIVE_FROM'
  >,
): EmbeddingModel {
  return {
    id: LOCAL_EMBED_MODEL_ID,
    provider: LOCAL_PROVIDER,
    upstreamModel: 'embed',
    dimensions: config.LOCAL_EMBED_DIMENSIONS,
    maxDimensions: MAX_LOCAL_DIMENSIONS,
    // The tokenizer of the gpt-4o family, which retrieval's chunker counts with too.
    tokenizer: 'o200k_base',
    // Feature hashing has no window: any text length embeds (at linear cost).
    maxInputTokens: null,
    maxTokensPerCall: null,
    prices: [
      {
        effectiveFrom: config.LOCAL_EMBED_PRICE_EFFECTIVE_FROM ?? UNDATED_PRICE_FROM,
        microUsdPerMTok: usdToMicro(config.LOCAL_EMBED_PRICE_PER_MTOK),
      },
    ],
  };
}

/** Every model the configuration serves: `local/embed` first, then the OpenAI-compatible ones. */
export function embeddingModelsFromConfig(config: EmbeddingConfig): EmbeddingModel[] {
  const models = [localEmbeddingModel(config)];
  for (const name of config.OPENAI_EMBEDDING_MODELS) {
    const lookup = openaiEmbeddingModel(name, config.OPENAI_EMBEDDING_MODEL_PRICES);
    // The config schema has refused incomplete models; this guards hand-built configs.
    if (!lookup.ok) throw new Error(`the embedding model '${name}' has no ${lookup.missing}`);
    models.push({
      ...lookup.model,
      id: `${config.OPENAI_PROVIDER_NAME}/${name}`,
      provider: config.OPENAI_PROVIDER_NAME,
      upstreamModel: name,
      maxTokensPerCall: OPENAI_MAX_TOKENS_PER_REQUEST,
    });
  }
  return models;
}
