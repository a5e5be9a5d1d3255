import { FakeQdrantServer } from '@conduit/testing';
import { randomBytes } from 'node:crypto';
import { EmbeddedVectorStore } from '../../src/store/embedded.vector-store';
import { QdrantVectorStore } from '../../src/store/qdrant.vector-store';
import type { VectorStore } from '../../src/store/vector-store';

/** A store under test, with whatever it needs torn down afterwards. */
export interface OpenedStore {
  store: VectorStore;
  /** The fake behind a Qdrant store, when there is one. */
  fake?: FakeQdrantServer;
  /** Physical Qdrant collection names start with this. */
  prefix?: string;
  close(): Promise<void>;
}

export interface StoreTarget {
  name: string;
  /** Why the target is skipped; undefined when it runs. */
  skipReason?: string;
  open(): Promise<OpenedStore>;
}

const realQdrantUrl = process.env.QDRANT_URL;

/** The embedded store, the Qdrant store against the fake, and against a real Qdrant if configured. */
export const STORE_TARGETS: StoreTarget[] = [
  {
    name: 'EmbeddedVectorStore (PGlite + pgvector, memory://)',
    open: async () => {
      const store = await EmbeddedVectorStore.open({ dataDir: 'memory://' });
      return { store, close: () => store.close() };
    },
  },
  {
    name: 'QdrantVectorStore against FakeQdrantServer',
    open: async () => {
      const fake = await FakeQdrantServer.start();
      const prefix = 'contract_';
      const store = new QdrantVectorStore({
        url: fake.url,
        timeoutMs: 2000,
        collectionPrefix: prefix,
      });
      return {
        store,
        fake,
        prefix,
        close: async () => {
          await store.close();
          await fake.stop();
        },
      };
    },
  },
  {
    name: realQdrantUrl
      ? `QdrantVectorStore against a real Qdrant at ${realQdrantUrl}`
      : 'QdrantVectorStore against a real Qdrant (skipped: set QDRANT_URL to run)',
    skipReason: realQdrantUrl ? undefined : 'QDRANT_URL is not set',
    open: () => {
      // A prefix of this run's own: collections left by a crashed run never collide.
      const prefix = `ct${randomBytes(4).toString('hex')}_`;
      const store = new QdrantVectorStore({
        url: realQdrantUrl!,
        apiKey: process.env.QDRANT_API_KEY,
        timeoutMs: 10_000,
        collectionPrefix: prefix,
      });
      return Promise.resolve({ store, prefix, close: () => store.close() });
    },
  },
];
