import { catalogSnapshot, ModelDirectory } from '@conduit/catalog';
import type { CatalogSnapshot, Model, ModelList } from '@conduit/contracts';
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
  private readonly directory: ModelDirectory<CatalogEntry>;
  private readonly transports: ProviderTransport[] = [];
  /** What the gateway quotes from; the catalog is fixed for the life of the process. */
  readonly snapshot: CatalogSnapshot;

  constructor(@Inject(CATALOG_DEFINITION) definition: CatalogDefinition) {
    const providers = new Map(
      definition.providers.map((provider) => {
        const built = buildProvider(provider);
        if (built.transport) this.transports.push(built.transport);
        return [provider.name, built.provider] as const;
      }),
    );
    const entries = definition.models.map((model): CatalogEntry => {
      const provider = providers.get(model.provider);
      // The loader has refused models of unknown providers; this guards hand-built definitions.
      if (!provider) throw new Error(`${model.id}: no provider named '${model.provider}'`);
      return { ...model, provider, created: CATALOG_CREATED };
    });
    this.directory = new ModelDirectory(entries);
    this.snapshot = catalogSnapshot(entries);
  }

  /** The entry a model name (id, alias or unambiguous bare upstream id) stands for. */
  find(model: string): CatalogEntry | undefined {
    return this.directory.find(model);
  }

  resolve(model: string): CatalogEntry {
    return this.directory.resolve(model);
  }

  /** The model itself, then its fallbacks, in the order they are tried. */
  chainOf(entry: CatalogEntry): CatalogEntry[] {
    return this.directory.chainOf(entry);
  }

  /** The models a request may be served by: the one asked for, then its permitted fallbacks. */
  chainFor(model: string, allowedModels?: readonly string[] | null): CatalogEntry[] {
    return this.directory.chainFor(model, allowedModels);
  }

  /** Every deployment that serves a model, by name. */
  providerNames(): string[] {
    return [...new Set([...this.directory.models()].map((entry) => entry.provider.name))];
  }

  list(): ModelList {
    const data: Model[] = [];
    for (const entry of this.directory.models()) {
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
