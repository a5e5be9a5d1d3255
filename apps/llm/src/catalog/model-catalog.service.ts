import { NotFoundError, type Model, type ModelList } from '@conduit/contracts';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { buildProvider } from '../providers/provider-factory';
import type { ProviderTransport } from '../providers/provider-transport';
import type { CatalogDefinition } from './catalog-definition';
import type { CatalogEntry } from './catalog-entry';
import { CATALOG_DEFINITION } from './catalog-definition.token';

// Catalog entries get a fixed creation time: the moment this release's catalog was written.
const CATALOG_CREATED = 1_763_856_000; // 2025-11-23T00:00:00Z

/** The models this llm service serves, built from the catalog definition at boot. */
@Injectable()
export class ModelCatalogService implements OnApplicationShutdown {
  private readonly entries = new Map<string, CatalogEntry>();
  /** Aliases (`fast`) and bare upstream ids that name exactly one entry (`gpt-4o-mini`). */
  private readonly otherNames = new Map<string, CatalogEntry | null>();
  private readonly transports: ProviderTransport[] = [];

  constructor(@Inject(CATALOG_DEFINITION) definition: CatalogDefinition) {
    const providers = new Map(
      definition.providers.map((provider) => {
        const built = buildProvider(provider);
        if (built.transport) this.transports.push(built.transport);
        return [provider.name, built.provider] as const;
      }),
    );
    for (const model of definition.models) {
      const provider = providers.get(model.provider);
      // The loader has refused models of unknown providers; this guards hand-built definitions.
      if (!provider) throw new Error(`${model.id}: no provider named '${model.provider}'`);
      this.entries.set(model.id, { ...model, provider, created: CATALOG_CREATED });
    }
    for (const entry of this.entries.values()) {
      for (const alias of entry.aliases) this.otherNames.set(alias, entry);
    }
    const aliases = new Set(this.otherNames.keys());
    for (const entry of this.entries.values()) {
      const bare = entry.upstreamModel;
      // Ids and aliases win over bare ids; a bare id two deployments share names neither.
      if (this.entries.has(bare) || aliases.has(bare)) continue;
      this.otherNames.set(bare, this.otherNames.has(bare) ? null : entry);
    }
  }

  /** The entry a model name (id, alias or unambiguous bare upstream id) stands for. */
  find(model: string): CatalogEntry | undefined {
    return this.entries.get(model) ?? this.otherNames.get(model) ?? undefined;
  }

  resolve(model: string): CatalogEntry {
    const entry = this.find(model);
    if (!entry) {
      throw new NotFoundError(
        `The model '${model}' does not exist or you do not have access to it.`,
        { code: 'model_not_found', param: 'model' },
      );
    }
    return entry;
  }

  /** The model itself, then its fallbacks, in the order they are tried. */
  chainOf(entry: CatalogEntry): CatalogEntry[] {
    return [entry, ...entry.fallbacks.flatMap((id) => this.entries.get(id) ?? [])];
  }

  /** Every deployment that serves a model, by name. */
  providerNames(): string[] {
    return [...new Set([...this.entries.values()].map((entry) => entry.provider.name))];
  }

  list(): ModelList {
    const data: Model[] = [];
    for (const entry of this.entries.values()) {
      data.push(model(entry.id, entry));
      // Aliases are listed too, so clients can discover `fast` and friends.
      for (const alias of entry.aliases) data.push(model(alias, entry));
    }
    return { object: 'list', data };
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled(this.transports.map((transport) => transport.close()));
  }
}

function model(id: string, entry: CatalogEntry): Model {
  return { id, object: 'model', created: entry.created, owned_by: entry.provider.name };
}
