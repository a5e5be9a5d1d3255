/**
 * Waits for a stream's first item, then hands back a stream that yields it and the rest. Until
 * the first item is in, nothing has reached the client and the attempt can still be retried;
 * an upstream that ends without any item gives an empty stream.
 */
export async function withFirstChunk<T>(source: AsyncIterable<T>): Promise<AsyncIterable<T>> {
  const iterator = source[Symbol.asyncIterator]();
  const first = await iterator.next();
  return (async function* rest() {
    try {
      if (first.done) return;
      yield first.value;
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        yield next.value;
      }
    } finally {
      // A consumer that stops early (cancel) must release the upstream connection.
      await iterator.return?.();
    }
  })();
}
