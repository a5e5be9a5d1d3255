import { usdToMicro } from '@conduit/contracts';
import type { ModelPrice } from '@conduit/catalog';
import type { CatalogDefinition, ModelDefinition, ProviderDefinition } from './catalog-definition';
import type {
  CatalogFile,
  CatalogFileCircuitBreaker,
  CatalogFileModel,
  CatalogFilePrice,
  CatalogFileRetry,
  CatalogFileTimeouts,
} from './catalog-file.schema';
import { UNDATED_PRICE_FROM } from './env-model-pricing';
import { KNOWN_OPENAI_MODELS } from './known-prices';
import {
  DEFAULT_CIRCUIT_BREAKER,
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_FIRST_TOKEN_TIMEOUT_MS,
  DEFAULT_RETRY_POLICY,
  type CircuitBreakerSettings,
  type ModelPolicy,
  type RetryPolicy,
} from './model-policy';

// Limits of a model neither the file nor the built-in table describes.
const DEFAULT_CONTEXT_WINDOW = 128_000;
const DEFAULT_MAX_OUTPUT_TOKENS = 4_096;

/**
 * Turns a validated catalog file into the catalog, checking what a schema cannot: providers
 * exist and have their keys, ids and aliases are unique, fallbacks name served models, every
 * model has a price. Returns every problem at once, so one boot shows everything to fix.
 */
export function catalogFromFile(
  file: CatalogFile,
  env: Readonly<Record<string, string | undefined>>,
  totalTimeoutMs: number,
): { catalog: CatalogDefinition; problems: string[] } {
  const problems: string[] = [];
  const providers = Object.entries(file.providers).map(([name, provider]): ProviderDefinition => {
    const apiKey = provider.api_key_env ? env[provider.api_key_env] : undefined;
    if (provider.api_key_env && !apiKey) {
      problems.push(
        `providers.${name}: the environment variable ${provider.api_key_env} is not set`,
      );
    }
    if (provider.type === 'anthropic' && !provider.api_key_env) {
      problems.push(`providers.${name}: anthropic needs api_key_env (e.g. ANTHROPIC_API_KEY)`);
    }
    if (provider.type === 'openai-compatible' && !provider.base_url) {
      problems.push(
        `providers.${name}: openai-compatible needs base_url (e.g. http://vllm:8000/v1)`,
      );
    }
    return {
      name,
      type: provider.type,
      baseUrl: provider.base_url,
      apiKey,
      connectTimeoutMs:
        provider.connect_timeout_ms ??
        file.defaults.connect_timeout_ms ??
        DEFAULT_CONNECT_TIMEOUT_MS,
      circuitBreaker: circuitBreaker(
        provider.circuit_breaker ?? {},
        circuitBreaker(file.defaults.circuit_breaker ?? {}, DEFAULT_CIRCUIT_BREAKER),
      ),
      tokenDelayMs: provider.token_delay_ms ?? 0,
    };
  });

  const names = new Map<string, string>();
  const claim = (name: string, owner: string, where: string) => {
    const holder = names.get(name);
    if (holder !== undefined) {
      problems.push(`${where}: '${name}' is already the id or an alias of ${holder}`);
    } else names.set(name, owner);
  };
  const defaultRetry = retryPolicy(file.defaults.retry ?? {}, DEFAULT_RETRY_POLICY);
  const models = file.models.map((model, index): ModelDefinition => {
    const where = `models[${index}]`;
    const provider = file.providers[model.provider];
    if (!provider) problems.push(`${where}.provider: no provider named '${model.provider}'`);
    const id = model.id ?? `${model.provider}/${model.upstream_model}`;
    claim(id, id, `${where}.id`);
    for (const alias of model.aliases) claim(alias, id, `${where}.aliases`);
    const known =
      provider?.type === 'openai' && Object.hasOwn(KNOWN_OPENAI_MODELS, model.upstream_model)
        ? KNOWN_OPENAI_MODELS[model.upstream_model]
        : undefined;
    const prices = model.prices?.map(toModelPrice) ?? known?.prices;
    if (!prices) {
      problems.push(
        `${where}.prices: no price is known for '${id}': give it prices, e.g. [{input_usd_per_mtok: 1, output_usd_per_mtok: 2}]`,
      );
    }
    return {
      id,
      provider: model.provider,
      upstreamModel: model.upstream_model,
      aliases: model.aliases,
      fallbacks: model.fallbacks,
      prices: prices ?? [],
      contextWindow: model.context_window ?? known?.contextWindow ?? DEFAULT_CONTEXT_WINDOW,
      maxOutputTokens:
        model.max_output_tokens ?? known?.maxOutputTokens ?? DEFAULT_MAX_OUTPUT_TOKENS,
      policy: modelPolicy(model, file, defaultRetry, totalTimeoutMs),
    };
  });

  // Fallbacks may name a model by alias; the chain is kept as canonical ids.
  for (const [index, model] of models.entries()) {
    model.fallbacks = model.fallbacks.flatMap((name) => {
      const target = names.get(name);
      if (target === undefined) {
        problems.push(
          `models[${index}].fallbacks: '${name}' is not a model id or alias in this file`,
        );
        return [];
      }
      if (target === model.id) {
        problems.push(`models[${index}].fallbacks: '${name}' is the model itself`);
        return [];
      }
      return [target];
    });
  }
  return { catalog: { providers, models }, problems };
}

function toModelPrice(price: CatalogFilePrice): ModelPrice {
  return {
    effectiveFrom: price.effective_from ?? UNDATED_PRICE_FROM,
    inputMicroUsdPerMTok: usdToMicro(price.input_usd_per_mtok),
    outputMicroUsdPerMTok: usdToMicro(price.output_usd_per_mtok),
    ...(price.cached_input_usd_per_mtok === undefined
      ? {}
      : { cachedInputMicroUsdPerMTok: usdToMicro(price.cached_input_usd_per_mtok) }),
    ...(price.cache_write_usd_per_mtok === undefined
      ? {}
      : { cacheWriteInputMicroUsdPerMTok: usdToMicro(price.cache_write_usd_per_mtok) }),
  };
}

function modelPolicy(
  model: CatalogFileModel,
  file: CatalogFile,
  defaultRetry: RetryPolicy,
  totalTimeoutMs: number,
): ModelPolicy {
  const timeouts: CatalogFileTimeouts = { ...file.defaults.timeouts, ...model.timeouts };
  return {
    timeouts: {
      firstTokenMs: timeouts.first_token_ms ?? DEFAULT_FIRST_TOKEN_TIMEOUT_MS,
      totalMs: timeouts.total_ms ?? totalTimeoutMs,
    },
    retry: retryPolicy(model.retry ?? {}, defaultRetry),
    maxTokensPolicy: model.max_tokens_policy ?? file.defaults.max_tokens_policy ?? 'reject',
  };
}

function retryPolicy(retry: CatalogFileRetry, base: RetryPolicy): RetryPolicy {
  return {
    maxAttempts: retry.max_attempts ?? base.maxAttempts,
    initialDelayMs: retry.initial_delay_ms ?? base.initialDelayMs,
    maxDelayMs: retry.max_delay_ms ?? base.maxDelayMs,
    multiplier: retry.multiplier ?? base.multiplier,
    deadlineMs: retry.deadline_ms ?? base.deadlineMs,
  };
}

function circuitBreaker(
  settings: CatalogFileCircuitBreaker,
  base: CircuitBreakerSettings,
): CircuitBreakerSettings {
  return {
    failureRateThreshold: settings.failure_rate ?? base.failureRateThreshold,
    minimumRequests: settings.minimum_requests ?? base.minimumRequests,
    windowMs: settings.window_ms ?? base.windowMs,
    openDurationMs: settings.open_ms ?? base.openDurationMs,
    halfOpenMaxProbes: settings.half_open_probes ?? base.halfOpenMaxProbes,
  };
}
