import { ConfigError } from '@conduit/config';
import { NotFoundError, type Model, type ModelList } from '@conduit/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { LocalEchoProvider } from '../providers/local/local-echo.provider';
import { OpenAIProvider } from '../providers/openai/openai.provider';
import { LLM_CONFIG } from '../config/llm-config.token';
import type { LlmConfig } from '../config/llm-config.schema';
import type { CatalogEntry } from './catalog-entry';
import { localModelPricing, openaiModelPricing } from './env-model-pricing';

// Catalog entries get a fixed creation time: the moment this release's catalog was written.
const CATALOG_CREATED = 1_763_856_000; // 2025-11-23T00:00:00Z

/** The models this llm service serves, built from config at boot. */
@Injectable()
export class ModelCatalogService {
  private readonly entries = new Map<string, CatalogEntry>();
  /** Bare upstream ids that name exactly one entry, so `gpt-4o-mini` works as well as `openai/gpt-4o-mini`. */
  private readonly bareIds = new Map<string, CatalogEntry | null>();

  constructor(@Inject(LLM_CONFIG) config: LlmConfig) {
    const local = new LocalEchoProvider(config.LOCAL_ECHO_TOKEN_DELAY_MS);
    this.add({
      id: 'local/echo',
      upstreamModel: 'echo',
      provider: local,
      created: CATALOG_CREATED,
      ...localModelPricing({
        inputUsdPerMTok: config.LOCAL_PRICE_INPUT_USD_PER_MTOK,
        outputUsdPerMTok: config.LOCAL_PRICE_OUTPUT_USD_PER_MTOK,
        effectiveFrom: config.LOCAL_PRICE_EFFECTIVE_FROM,
      }),
    });
    if (config.OPENAI_MODELS.length > 0) {
      const openai = new OpenAIProvider({
        name: config.OPENAI_PROVIDER_NAME,
        apiKey: config.OPENAI_API_KEY,
        baseURL: config.OPENAI_BASE_URL,
        timeoutMs: config.LLM_PROVIDER_TIMEOUT_MS,
      });
      for (const model of config.OPENAI_MODELS) {
        // The config schema already refuses this; a config built by hand must not slip past.
        const pricing = openaiModelPricing(model, config.OPENAI_MODEL_PRICES);
        if (!pricing) {
          throw new ConfigError([
            `OPENAI_MODELS: no price is known for the model '${model}': give it one in OPENAI_MODEL_PRICES`,
          ]);
        }
        this.add({
          id: `${openai.name}/${model}`,
          upstreamModel: model,
          provider: openai,
          created: CATALOG_CREATED,
          ...pricing,
        });
      }
    }
  }

  private add(entry: CatalogEntry): void {
    this.entries.set(entry.id, entry);
    this.bareIds.set(entry.upstreamModel, this.bareIds.has(entry.upstreamModel) ? null : entry);
  }

  resolve(model: string): CatalogEntry {
    const entry = this.entries.get(model) ?? this.bareIds.get(model);
    if (!entry) {
      throw new NotFoundError(
        `The model '${model}' does not exist or you do not have access to it.`,
        {
          code: 'model_not_found',
          param: 'model',
        },
      );
    }
    return entry;
  }

  list(): ModelList {
    const data: Model[] = [...this.entries.values()].map((entry) => ({
      id: entry.id,
      object: 'model',
      created: entry.created,
      owned_by: entry.provider.name,
    }));
    return { object: 'list', data };
  }
}
