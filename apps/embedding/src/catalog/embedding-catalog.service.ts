import { NotFoundError, PermissionDeniedError } from '@conduit/contracts';
import { Inject, Injectable } from '@nestjs/common';
import type { EmbeddingConfig } from '../config/embedding-config.schema';
import { EMBEDDING_CONFIG } from '../config/embedding-config.token';
import type { EmbeddingProvider } from '../providers/embedding-provider';
import { LocalEmbeddingProvider } from '../providers/local/local-embedding.provider';
import { OpenAIEmbeddingProvider } from '../providers/openai/openai-embedding.provider';
import type { EmbeddingModel } from './embedding-model';
import { embeddingModelsFromConfig, LOCAL_PROVIDER } from './embedding-models-from-config';

/** A catalog model with the deployment that serves it. */
export interface ServedEmbeddingModel extends EmbeddingModel {
  embedder: EmbeddingProvider;
}

/** The embedding models this service serves, built from the configuration at boot. */
@Injectable()
export class EmbeddingCatalog {
  private readonly byId = new Map<string, ServedEmbeddingModel>();
  /** Bare upstream names (`text-embedding-3-small`, `embed`) that name exactly one model. */
  private readonly byBareName = new Map<string, ServedEmbeddingModel | null>();

  constructor(@Inject(EMBEDDING_CONFIG) config: EmbeddingConfig) {
    const local = new LocalEmbeddingProvider();
    // Built once and shared: the SDK client keeps a keep-alive pool per instance.
    let openai: OpenAIEmbeddingProvider | undefined;
    for (const model of embeddingModelsFromConfig(config)) {
      const embedder =
        model.provider === LOCAL_PROVIDER
          ? local
          : (openai ??= new OpenAIEmbeddingProvider({
              name: config.OPENAI_PROVIDER_NAME,
              apiKey: config.OPENAI_API_KEY,
              baseURL: config.OPENAI_BASE_URL,
              timeoutMs: config.EMBEDDING_PROVIDER_TIMEOUT_MS,
              encoding: config.OPENAI_EMBEDDING_ENCODING,
            }));
      this.byId.set(model.id, { ...model, embedder });
    }
    for (const model of this.byId.values()) {
      const bare = model.upstreamModel;
      // Ids win over bare names; a bare name two providers share names neither.
      if (this.byId.has(bare)) continue;
      this.byBareName.set(bare, this.byBareName.has(bare) ? null : model);
    }
  }

  /** The model a name (catalog id or unambiguous bare upstream name) stands for. */
  find(name: string): ServedEmbeddingModel | undefined {
    return this.byId.get(name) ?? this.byBareName.get(name) ?? undefined;
  }

  resolve(name: string): ServedEmbeddingModel {
    const model = this.find(name);
    if (!model) {
      throw new NotFoundError(
        `The embedding model '${name}' does not exist or you do not have access to it.`,
        { code: 'model_not_found', param: 'model' },
      );
    }
    return model;
  }

  /**
   * Refuses a model the caller's allow-list does not name. Any name of the model counts (its
   * id, its bare name, the name asked for), so `text-embedding-3-small` on a key allows
   * `openai/text-embedding-3-small` and the reverse.
   */
  assertAllowed(
    model: ServedEmbeddingModel,
    requested: string,
    allowedModels: readonly string[] | null | undefined,
  ): void {
    if (allowedModels === null || allowedModels === undefined) return;
    const allowed = allowedModels.some(
      (name) => name === requested || name === model.id || this.find(name)?.id === model.id,
    );
    if (allowed) return;
    throw new PermissionDeniedError(
      `This key may not use the model '${requested}'. Allowed: ${allowedModels.join(', ') || 'none'}.`,
      { code: 'model_not_allowed', param: 'model' },
    );
  }

  list(): ServedEmbeddingModel[] {
    return [...this.byId.values()];
  }
}
