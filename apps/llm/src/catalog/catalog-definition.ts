import type { ModelPricing } from '@conduit/catalog';
import type { CircuitBreakerSettings, ModelPolicy } from './model-policy';

export type ProviderType = 'openai' | 'openai-compatible' | 'anthropic' | 'local';

/** One provider deployment: where calls go, with which key; one circuit breaker each. */
export interface ProviderDefinition {
  name: string;
  type: ProviderType;
  baseUrl?: string;
  apiKey?: string;
  connectTimeoutMs: number;
  circuitBreaker: CircuitBreakerSettings;
  /** `local` only. */
  tokenDelayMs: number;
}

/** One served model, before its provider is instantiated. */
export interface ModelDefinition extends ModelPricing {
  id: string;
  /** Name of its ProviderDefinition. */
  provider: string;
  upstreamModel: string;
  aliases: string[];
  /** Catalog ids, resolved from ids or aliases, in the order they are tried. */
  fallbacks: string[];
  policy: ModelPolicy;
}

/** What the llm service serves, from the catalog file or from the environment. */
export interface CatalogDefinition {
  providers: ProviderDefinition[];
  models: ModelDefinition[];
}
