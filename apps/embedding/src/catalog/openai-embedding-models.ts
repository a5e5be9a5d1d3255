import { usdToMicro } from '@conduit/contracts';
import type { EmbeddingModelOverride } from '../config/embedding-prices.schema';
import type { EmbeddingPrice } from './embedding-model';
import {
  KNOWN_OPENAI_EMBEDDING_MODELS,
  OPENAI_MAX_INPUT_TOKENS,
  type KnownEmbeddingModel,
} from './known-embedding-models';

/**
 * The effective date of a price configured without one: it has always applied. Give prices a
 * date when they change, so usage rows charged at the old and new price stay distinguishable.
 */
export const UNDATED_PRICE_FROM = '1970-01-01';

export type OpenAIEmbeddingModelLookup =
  { ok: true; model: KnownEmbeddingModel } | { ok: false; missing: 'price' | 'dimensions' };

function ownEntry<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/**
 * An OpenAI-compatible embedding model: the built-in table, overridden or extended by
 * `OPENAI_EMBEDDING_MODEL_PRICES`. Says what is missing when neither describes it fully —
 * which must stop the boot: an unknown price must never become a free model, and an unknown
 * vector size would size every caller's vector store wrong.
 */
export function openaiEmbeddingModel(
  name: string,
  overrides: Readonly<Record<string, EmbeddingModelOverride>>,
): OpenAIEmbeddingModelLookup {
  const known = ownEntry(KNOWN_OPENAI_EMBEDDING_MODELS, name);
  const override = ownEntry(overrides, name);
  if (!override) return known ? { ok: true, model: known } : { ok: false, missing: 'price' };
  const dimensions = override.dimensions ?? known?.dimensions;
  if (dimensions === undefined) return { ok: false, missing: 'dimensions' };
  const configured: EmbeddingPrice = {
    effectiveFrom: override.effective_from ?? UNDATED_PRICE_FROM,
    microUsdPerMTok: usdToMicro(override.input_usd_per_mtok),
  };
  const prices =
    override.effective_from && known
      ? [
          ...known.prices.filter((price) => price.effectiveFrom !== configured.effectiveFrom),
          configured,
        ]
      : [configured];
  const flexible = override.supports_dimensions ?? (known?.maxDimensions ?? null) !== null;
  return {
    ok: true,
    model: {
      dimensions,
      maxDimensions: flexible ? Math.max(dimensions, known?.maxDimensions ?? 0) : null,
      tokenizer: override.tokenizer ?? known?.tokenizer ?? 'cl100k_base',
      maxInputTokens: override.max_input_tokens ?? known?.maxInputTokens ?? OPENAI_MAX_INPUT_TOKENS,
      prices,
    },
  };
}
