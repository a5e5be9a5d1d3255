import type { FakeQdrantPoint, QdrantDistance } from './fake-qdrant.types';
import { matchesFilter, validateFilter } from './qdrant-filter';
import { parsePointId } from './qdrant-point-id';
import { QdrantHttpError } from './qdrant-reply';

export interface PayloadIndex {
  dataType: string;
  params?: Record<string, unknown>;
}

export interface ScoredFakePoint {
  point: FakeQdrantPoint;
  score: number;
}

export interface NearestQuery {
  vector: number[];
  filter?: unknown;
  limit: number;
  offset: number;
  scoreThreshold?: number;
}

/** One collection: a single unnamed dense vector per point, searched by brute force. */
export class FakeQdrantCollection {
  readonly points = new Map<number | string, FakeQdrantPoint>();
  readonly payloadIndexes = new Map<string, PayloadIndex>();
  private operationId = 0;

  constructor(
    readonly name: string,
    readonly size: number,
    readonly distance: QdrantDistance,
  ) {}

  /** The id the next write gets; Qdrant numbers every update operation. */
  nextOperation(): number {
    return this.operationId++;
  }

  upsert(entries: readonly { id: unknown; vector: unknown; payload: unknown }[]): number {
    // Validate everything first: Qdrant rejects the whole batch, it never applies half of it.
    const parsed = entries.map(({ id, vector, payload }) => ({
      id: parsePointId(id),
      vector: this.checkVector(vector),
      payload: this.checkPayload(payload),
    }));
    const version = this.nextOperation();
    for (const { id, vector, payload } of parsed) {
      const stored = this.distance === 'Cosine' ? normalise(vector) : vector;
      this.points.set(id, { id, vector: stored, payload, version });
    }
    return version;
  }

  deleteIds(ids: readonly unknown[]): number {
    const parsed = ids.map(parsePointId);
    for (const id of parsed) this.points.delete(id);
    return this.nextOperation();
  }

  deleteMatching(filter: unknown): number {
    validateFilter(filter);
    for (const [id, point] of this.points) if (matchesFilter(filter, point)) this.points.delete(id);
    return this.nextOperation();
  }

  count(filter: unknown): number {
    validateFilter(filter);
    let count = 0;
    for (const point of this.points.values()) if (matchesFilter(filter, point)) count++;
    return count;
  }

  nearest(query: NearestQuery): ScoredFakePoint[] {
    validateFilter(query.filter);
    const probe = this.checkVector(query.vector);
    const vector = this.distance === 'Cosine' ? normalise(probe) : probe;
    const higherIsBetter = this.distance === 'Cosine' || this.distance === 'Dot';
    const scored: ScoredFakePoint[] = [];
    for (const point of this.points.values()) {
      if (!matchesFilter(query.filter, point)) continue;
      const score = this.score(vector, point.vector);
      const threshold = query.scoreThreshold;
      if (threshold !== undefined && (higherIsBetter ? score < threshold : score > threshold))
        continue;
      scored.push({ point, score });
    }
    scored.sort((a, b) => (higherIsBetter ? b.score - a.score : a.score - b.score));
    return scored.slice(query.offset, query.offset + query.limit);
  }

  /** Points carrying a value at `field`, as `payload_schema[field].points` reports. */
  pointsWithField(field: string): number {
    let count = 0;
    for (const point of this.points.values()) {
      if (hasField(point.payload, field)) count++;
    }
    return count;
  }

  private score(a: number[], b: number[]): number {
    let total = 0;
    for (let i = 0; i < a.length; i++) {
      switch (this.distance) {
        case 'Cosine':
        case 'Dot':
          total += a[i] * b[i];
          break;
        case 'Euclid':
          total += (a[i] - b[i]) ** 2;
          break;
        case 'Manhattan':
          total += Math.abs(a[i] - b[i]);
          break;
      }
    }
    return this.distance === 'Euclid' ? Math.sqrt(total) : total;
  }

  private checkVector(vector: unknown): number[] {
    if (
      !Array.isArray(vector) ||
      !vector.every((v) => typeof v === 'number' && Number.isFinite(v))
    ) {
      throw QdrantHttpError.format('vector must be a list of numbers');
    }
    if (vector.length !== this.size) {
      throw QdrantHttpError.wrongInput(
        `Vector dimension error: expected dim: ${this.size}, got ${vector.length}`,
      );
    }
    return vector as number[];
  }

  private checkPayload(payload: unknown): Record<string, unknown> {
    if (payload === undefined || payload === null) return {};
    if (typeof payload !== 'object' || Array.isArray(payload)) {
      throw QdrantHttpError.format('invalid type: payload must be a map');
    }
    // A deep copy: later changes to the caller's object must not reach the "database".
    return JSON.parse(JSON.stringify(payload)) as Record<string, unknown>;
  }
}

function normalise(vector: number[]): number[] {
  const norm = Math.sqrt(vector.reduce((sum, v) => sum + v * v, 0));
  return norm === 0 ? [...vector] : vector.map((v) => v / norm);
}

function hasField(payload: Record<string, unknown>, field: string): boolean {
  let current: unknown = payload;
  for (const segment of field.split('.')) {
    if (current === null || typeof current !== 'object' || !(segment in current)) return false;
    current = (current as Record<string, unknown>)[segment];
  }
  return current !== undefined && current !== null;
}
