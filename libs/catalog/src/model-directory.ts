import { NotFoundError } from '@conduit/contracts';

/** What name resolution needs of a model. */
export interface DirectoryModel {
  /** The id clients use, e.g. `openai/gpt-4o-mini`. */
  id: string;
  /** The provider's own name for it, e.g. `gpt-4o-mini`. */
  upstreamModel: string;
  aliases: readonly string[];
  /** Catalog ids tried in order when this model fails. */
  fallbacks: readonly string[];
}

/**
 * The names a catalog answers to and the fallback chains between its models: ids, aliases
 * (`fast`) and bare upstream ids that name exactly one model (`gpt-4o-mini`). The llm service
 * routes with it and the gateway quotes with it (from the llm's catalog snapshot), so both
 * resolve a name to the same model and chain.
 */
export class ModelDirectory<M extends DirectoryModel> {
  private readonly entries = new Map<string, M>();
  /** Aliases and unambiguous bare upstream ids; null marks a bare id two models share. */
  private readonly otherNames = new Map<string, M | null>();

  constructor(models: Iterable<M>) {
    for (const model of models) this.entries.set(model.id, model);
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

  /** The model a name (id, alias or unambiguous bare upstream id) stands for. */
  find(name: string): M | undefined {
    return this.entries.get(name) ?? this.otherNames.get(name) ?? undefined;
  }

  resolve(name: string): M {
    const entry = this.find(name);
    if (!entry) {
      throw new NotFoundError(
        `The model '${name}' does not exist or you do not have access to it.`,
        { code: 'model_not_found', param: 'model' },
      );
    }
    return entry;
  }

  /** The model itself, then its fallbacks, in the order they are tried. */
  chainOf(entry: M): M[] {
    return [entry, ...entry.fallbacks.flatMap((id) => this.entries.get(id) ?? [])];
  }

  /**
   * The models a request for `name` may be served by, in order: the one asked for, then the
   * fallbacks a key's allow-list permits (the model asked for is the gateway's to check).
   */
  chainFor(name: string, allowedModels?: readonly string[] | null): M[] {
    const [primary, ...fallbacks] = this.chainOf(this.resolve(name));
    if (!allowedModels) return [primary, ...fallbacks];
    const allowed = new Set(
      allowedModels.map((allowedName) => this.find(allowedName)?.id ?? allowedName),
    );
    return [primary, ...fallbacks.filter((entry) => allowed.has(entry.id))];
  }

  models(): IterableIterator<M> {
    return this.entries.values();
  }
}
