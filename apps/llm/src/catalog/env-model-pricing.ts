import { usdToMicro } from '@conduit/contracts';
import type { ModelPriceOverride } from '../config/model-prices.schema';
import type { ModelPrice } from '@conduit/catalog';
import type { ModelPricing } from '@conduit/catalog';
import { KNOWN_OPENAI_MODELS } from './known-prices';

/**
 * The effective date of a price configured without one: it has always applied. Give prices a
 * date when they change, so usage rows charged at the old and new price stay distinguishable.
 */
export const UNDATED_PRICE_FROM = '1970-01-01';

// Limits of an OpenAI-compatible model neither the table nor the config describes: a common
// window, and an output cap that keeps worst-case budget holds modest.
const DEFAULT_CONTEXT_WINDOW = 128_000;
const DEFAULT_MAX_OUTPUT_TOKENS = 4_096;

// `local/echo` repeats the last user message, so its output is bounded by its input anyway.
const LOCAL_ECHO_CONTEXT_WINDOW = 128_000;
const LOCAL_ECHO_MAX_OUTPUT_TOKENS = 4_096;

export interface LocalPriceSettings {
  inputUsdPerMTok: number;
  outputUsdPerMTok: number;
  effectiveFrom?: string;
}

/** The demo price of the keyless `local/*` models: non-zero by default, so budgets bite. */
export function localModelPricing(settings: LocalPriceSettings): ModelPricing {
  return {
    prices: [
      {
        effectiveFrom: settings.effectiveFrom ?? UNDATED_PRICE_FROM,
        inputMicroUsdPerMTok: usdToMicro(settings.inputUsdPerMTok),
        outputMicroUsdPerMTok: usdToMicro(settings.outputUsdPerMTok),
      },
    ],
    contextWindow: LOCAL_ECHO_CONTEXT_WINDOW,
    maxOutputTokens: LOCAL_ECHO_MAX_OUTPUT_TOKENS,
  };
}

function ownEntry<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/**
 * Pricing of an OpenAI-compatible model: the built-in table, overridden or extended by
 * `OPENAI_MODEL_PRICES`. Undefined when neither knows the model — which must stop the boot,
 * because an unknown price must never become a free model.
 */
export function openaiModelPricing(
  model: string,
  overrides: Readonly<Record<string, ModelPriceOverride>>,
): ModelPricing | undefined {
  const known = ownEntry(KNOWN_OPENAI_MODELS, model);
  const override = ownEntry(overrides, model);
  if (!override) return known;
  const configured: ModelPrice = {
    effectiveFrom: override.effective_from ?? UNDATED_PRICE_FROM,
    inputMicroUsdPerMTok: usdToMicro(override.input_usd_per_mtok),
    outputMicroUsdPerMTok: usdToMicro(override.output_usd_per_mtok),
    ...(override.cached_input_usd_per_mtok === undefined
      ? {}
      : { cachedInputMicroUsdPerMTok: usdToMicro(override.cached_input_usd_per_mtok) }),
  };
  const prices =
    override.effective_from && known
      ? [
          ...known.prices.filter((price) => price.effectiveFrom !== configured.effectiveFrom),
          configured,
        ]
      : [configured];
  return {
    prices,
    contextWindow: override.context_window ?? known?.contextWindow ?? DEFAULT_CONTEXT_WINDOW,
    maxOutputTokens:
      override.max_output_tokens ?? known?.maxOutputTokens ?? DEFAULT_MAX_OUTPUT_TOKENS,
  };
}
