import type { CatalogSnapshot, CatalogSnapshotModel } from '@conduit/contracts';
import { createHash } from 'node:crypto';
import type { QuotableModel } from './chat-quote';
import type { DirectoryModel } from './model-directory';

/** A model as both ends of the snapshot know it: enough to resolve a name and price a request. */
export type SnapshotSource = DirectoryModel & QuotableModel;

/**
 * The llm service's catalog as `llm.v1.catalog.snapshot` carries it. Its version is a hash of
 * the content, so any change of a name, chain, price or limit gives a new version.
 */
export function catalogSnapshot(models: Iterable<SnapshotSource>): CatalogSnapshot {
  const snapshotModels: CatalogSnapshotModel[] = [];
  for (const model of models) {
    snapshotModels.push({
      id: model.id,
      provider: model.provider.name,
      upstreamModel: model.upstreamModel,
      aliases: [...model.aliases],
      fallbacks: [...model.fallbacks],
      prices: model.prices.map((price) => ({ ...price })),
      contextWindow: model.contextWindow,
      maxOutputTokens: model.maxOutputTokens,
      maxTokensPolicy: model.policy.maxTokensPolicy,
    });
  }
  const version = createHash('sha256')
    .update(JSON.stringify(snapshotModels))
    .digest('hex')
    .slice(0, 16);
  return { version, models: snapshotModels };
}

/** The snapshot's models in the shape the directory and the quote take. */
export function snapshotModels(snapshot: CatalogSnapshot): SnapshotSource[] {
  return snapshot.models.map((model) => ({
    ...model,
    provider: { name: model.provider },
    policy: { maxTokensPolicy: model.maxTokensPolicy },
  }));
}
