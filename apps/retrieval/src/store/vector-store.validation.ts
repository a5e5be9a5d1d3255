import type { ChunkMetadata, ChunkPoint, SearchOptions } from './vector-store';
import { VectorStoreInputError } from './vector-store-input.error';

/** pgvector's limit for `vector` columns; Qdrant allows more, but both stores must agree. */
export const MAX_DIMENSION = 16_000;
export const MAX_TOP_K = 1000;
// Short enough that a table name plus its index suffixes stays within Postgres' 63 bytes.
const COLLECTION_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,47}$/;
// No dots: a Qdrant filter key is a path, and `metadata.a.b` would look inside an object.
export const METADATA_KEY = /^[A-Za-z0-9_-]{1,64}$/;
const MAX_ID_LENGTH = 512;

export function validateCollectionName(name: string): void {
  if (typeof name !== 'string' || !COLLECTION_NAME.test(name)) {
    throw new VectorStoreInputError(
      `Invalid collection name ${JSON.stringify(name)}: 1-48 letters, digits, "_" or "-", starting with a letter or digit`,
      { param: 'collection' },
    );
  }
}

export function validateDimension(dimension: number): void {
  if (!Number.isInteger(dimension) || dimension < 1 || dimension > MAX_DIMENSION) {
    throw new VectorStoreInputError(
      `Invalid dimension ${dimension}: an integer from 1 to ${MAX_DIMENSION}`,
      { param: 'dimension' },
    );
  }
}

export function validateId(value: string, param: 'tenantId' | 'documentId'): void {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_ID_LENGTH) {
    throw new VectorStoreInputError(
      `${param} must be a non-empty string of at most ${MAX_ID_LENGTH} characters`,
      {
        param,
      },
    );
  }
}

export function validateChunkIndex(value: number, param: string): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new VectorStoreInputError(`${param} must be an integer ≥ 0`, { param });
  }
}

/** Right length, finite numbers, and not all zeros (cosine similarity is undefined for 0). */
export function validateVector(vector: readonly number[], dimension: number, param: string): void {
  if (!Array.isArray(vector) || vector.length !== dimension) {
    const got = Array.isArray(vector) ? vector.length : typeof vector;
    throw new VectorStoreInputError(
      `Vector dimension mismatch in ${param}: the collection holds ${dimension}-dimensional vectors, got ${got}`,
      { param, code: 'vector_dimension_mismatch' },
    );
  }
  let nonZero = false;
  for (const value of vector) {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new VectorStoreInputError(`${param} holds a value that is not a finite number`, {
        param,
      });
    }
    if (value !== 0) nonZero = true;
  }
  if (!nonZero) {
    throw new VectorStoreInputError(`${param} is the zero vector, which has no cosine similarity`, {
      param,
    });
  }
}

export function validatePoints(points: readonly ChunkPoint[], dimension: number): void {
  // Through a separate binding: Array.isArray would narrow `points` itself to any[].
  const list: unknown = points;
  if (!Array.isArray(list)) throw new VectorStoreInputError('points must be an array');
  points.forEach((point, i) => {
    validateId(point.tenantId, 'tenantId');
    validateId(point.documentId, 'documentId');
    validateChunkIndex(point.chunkIndex, `points[${i}].chunkIndex`);
    if (typeof point.text !== 'string') {
      throw new VectorStoreInputError(`points[${i}].text must be a string`, {
        param: `points[${i}].text`,
      });
    }
    validateMetadata(point.metadata, `points[${i}].metadata`);
    validateVector(point.vector, dimension, `points[${i}].vector`);
  });
}

function validateMetadata(metadata: ChunkMetadata, param: string): void {
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) {
    throw new VectorStoreInputError(`${param} must be an object`, { param });
  }
  for (const [key, value] of Object.entries(metadata)) {
    if (!METADATA_KEY.test(key)) {
      throw new VectorStoreInputError(
        `${param} key ${JSON.stringify(key)} must match ${METADATA_KEY}`,
        {
          param,
        },
      );
    }
    const valid =
      typeof value === 'string' ||
      typeof value === 'boolean' ||
      (typeof value === 'number' && Number.isFinite(value));
    if (!valid) {
      throw new VectorStoreInputError(
        `${param}.${key} must be a string, finite number or boolean`,
        {
          param,
        },
      );
    }
  }
}

export function validateSearchOptions(options: SearchOptions): void {
  if (!Number.isInteger(options.topK) || options.topK < 1 || options.topK > MAX_TOP_K) {
    throw new VectorStoreInputError(`topK must be an integer from 1 to ${MAX_TOP_K}`, {
      param: 'topK',
    });
  }
  const threshold = options.scoreThreshold;
  if (threshold !== undefined && (!Number.isFinite(threshold) || threshold < -1 || threshold > 1)) {
    throw new VectorStoreInputError('scoreThreshold must be a number from -1 to 1', {
      param: 'scoreThreshold',
    });
  }
}
