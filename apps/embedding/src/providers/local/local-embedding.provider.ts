import { packVector } from '@conduit/contracts';
import { LocalEmbedder } from '../../local/local-embedder';
import type { EmbeddingCall, EmbeddingProvider } from '../embedding-provider';

/** `local/embed`: the in-process feature-hashing embedder, any length from 1 to 4096. */
export class LocalEmbeddingProvider implements EmbeddingProvider {
  readonly name = 'local';
  // An embedder is a few numbers; one per length asked for keeps `embed` allocation-free.
  private readonly embedders = new Map<number, LocalEmbedder>();

  embed(call: EmbeddingCall): Promise<string[]> {
    // Deferred, so a failure is a rejection like any provider's rather than a synchronous throw.
    return Promise.resolve().then(() => this.embedNow(call));
  }

  private embedNow(call: EmbeddingCall): string[] {
    const dimensions = call.dimensions ?? call.expectedDimensions;
    let embedder = this.embedders.get(dimensions);
    if (!embedder) {
      embedder = new LocalEmbedder(dimensions);
      this.embedders.set(dimensions, embedder);
    }
    return embedder.embed(call.texts).map((vector) => packVector(vector));
  }
}
