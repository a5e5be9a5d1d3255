/**
 * A bounded map that forgets the least recently used entry first. A Map keeps insertion order,
 * so re-inserting on every hit makes its first key the coldest: O(1) per operation, no list.
 * A capacity of 0 stores nothing.
 */
export class LruCache<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 0) {
      throw new RangeError(`LruCache: capacity must be a non-negative integer, got ${capacity}`);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  set(key: K, value: V): void {
    if (this.capacity === 0) return;
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) {
      const coldest = this.entries.keys().next();
      if (!coldest.done) this.entries.delete(coldest.value);
    }
  }

  clear(): void {
    this.entries.clear();
  }
}
