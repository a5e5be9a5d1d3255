import type { LlmConfig } from '../config/llm-config.schema';
import type { CatalogDefinition, ModelDefinition, ProviderDefinition } from './catalog-definition';
import { localModelPricing, openaiModelPricing } from './env-model-pricing';
import {
  DEFAULT_CIRCUIT_BREAKER,
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_FIRST_TOKEN_TIMEOUT_MS,
  DEFAULT_RETRY_POLICY,
  type ModelPolicy,
} from './model-policy';

/**
 * The catalog when no catalog file is given: the keyless `local/echo` plus the OpenAI-compatible
 * models listed in OPENAI_MODELS, with default retry, timeout and breaker settings. The config
 * schema has already refused unpriced models.
 */
export function catalogFromEnv(config: LlmConfig): {
  catalog: CatalogDefinition;
  problems: string[];
} {
  const problems: string[] = [];
  const policy: ModelPolicy = {
    timeouts: {
      firstTokenMs: DEFAULT_FIRST_TOKEN_TIMEOUT_MS,
      totalMs: config.LLM_PROVIDER_TIMEOUT_MS,
    },
    retry: DEFAULT_RETRY_POLICY,
    maxTokensPolicy: 'reject',
  };
  const deployment = {
    connectTimeoutMs: DEFAULT_CONNECT_TIMEOUT_MS,
    circuitBreaker: DEFAULT_CIRCUIT_BREAKER,
    tokenDelayMs: 0,
  };
  const providers: ProviderDefinition[] = [
    { name: 'local', type: 'local', ...deployment, tokenDelayMs: config.LOCAL_ECHO_TOKEN_DELAY_MS },
  ];
  const models: ModelDefinition[] = [
    {
      id: 'local/echo',
      provider: 'local',
      upstreamModel: 'echo',
      aliases: [],
      fallbacks: [],
      policy,
      ...localModelPricing({
        inputUsdPerMTok: config.LOCAL_PRICE_INPUT_USD_PER_MTOK,
        outputUsdPerMTok: config.LOCAL_PRICE_OUTPUT_USD_PER_MTOK,
        effectiveFrom: config.LOCAL_PRICE_EFFECTIVE_FROM,
      }),
    },
  ];
  if (config.OPENAI_MODELS.length > 0) {
    const name = config.OPENAI_PROVIDER_NAME;
    providers.push({
      name,
      type: 'openai',
      baseUrl: config.OPENAI_BASE_URL,
      apiKey: config.OPENAI_API_KEY,
      ...deployment,
    });
    for (const model of config.OPENAI_MODELS) {
      const pricing = openaiModelPricing(model, config.OPENAI_MODEL_PRICES);
      if (!pricing) {
        problems.push(
          `OPENAI_MODELS: no price is known for the model '${model}': give it one in OPENAI_MODEL_PRICES`,
        );
        continue;
      }
      models.push({
        id: `${name}/${model}`,
        provider: name,
        upstreamModel: model,
        aliases: [],
        fallbacks: [],
        policy,
        ...pricing,
      });
    }
  }
  return { catalog: { providers, models }, problems };
}
