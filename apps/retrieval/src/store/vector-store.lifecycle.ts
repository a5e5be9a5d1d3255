import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { VectorStore } from './vector-store';
import { VECTOR_STORE } from './vector-store.token';

/**
 * Closes the store on shutdown. Nest runs this after the handler registry has drained the
 * subscriptions and waited for requests in flight, so no handler writes to a closed store.
 */
@Injectable()
export class VectorStoreLifecycle implements OnApplicationShutdown {
  constructor(@Inject(VECTOR_STORE) private readonly store: VectorStore) {}

  onApplicationShutdown(): Promise<void> {
    return this.store.close();
  }
}
