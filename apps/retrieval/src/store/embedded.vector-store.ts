import { PGlite, type Transaction } from '@electric-sql/pglite';
import { vector as pgvector } from '@electric-sql/pglite-pgvector';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chunkPointId } from './chunk-point-id';
import { parseMetadataFilter } from './metadata-filter';
import { metadataFilterSql } from './metadata-filter.sql';
import type {
  ChunkMetadata,
  ChunkPoint,
  SearchHit,
  SearchOptions,
  VectorStore,
} from './vector-store';
import { VectorCollectionNotFoundError } from './vector-collection-not-found.error';
import { VectorStoreInputError } from './vector-store-input.error';
import {
  validateChunkIndex,
  validateCollectionName,
  validateDimension,
  validateId,
  validatePoints,
  validateSearchOptions,
  validateVector,
} from './vector-store.validation';

export interface EmbeddedVectorStoreOptions {
  /** PGlite data directory, created if missing; `memory://` keeps everything in memory. */
  dataDir?: string;
}

export const DEFAULT_EMBEDDED_DATA_DIR = '.data/retrieval';
// pgvector's HNSW indexes `vector` up to 2000 dimensions and `halfvec` up to 4000; larger
// collections are searched exactly (a sequential scan), which is fine at embedded scale.
const HNSW_VECTOR_MAX = 2000;
const HNSW_HALFVEC_MAX = 4000;
const UPSERT_BATCH = 500;
const EF_SEARCH_MIN = 40;
const EF_SEARCH_MAX = 1000;

interface HitRow {
  id: string;
  document_id: string;
  chunk_index: number;
  text: string;
  metadata: ChunkMetadata;
  score: number;
}

/**
 * The vector store for machines without Qdrant: PGlite (Postgres in WASM) with pgvector, one
 * table per collection (`vs_<name>`), an HNSW cosine index, and a btree on (tenant, document)
 * for deletes. One process owns the data directory: run a single retrieval replica with it.
 */
export class EmbeddedVectorStore implements VectorStore {
  readonly kind = 'embedded';
  // Dimensions of tables known to exist; this process is the only writer of the directory.
  private readonly dimensions = new Map<string, number>();
  private closing?: Promise<void>;

  private constructor(private readonly db: PGlite) {}

  static async open(options: EmbeddedVectorStoreOptions = {}): Promise<EmbeddedVectorStore> {
    const dataDir = options.dataDir ?? DEFAULT_EMBEDDED_DATA_DIR;
    let location = dataDir;
    if (!dataDir.startsWith('memory://')) {
      location = resolve(dataDir);
      mkdirSync(location, { recursive: true });
    }
    const db = await PGlite.create(location, { extensions: { vector: pgvector } });
    await db.exec('CREATE EXTENSION IF NOT EXISTS vector');
    return new EmbeddedVectorStore(db);
  }

  async ensureCollection(name: string, dimension: number): Promise<void> {
    validateCollectionName(name);
    validateDimension(dimension);
    const existing = await this.dimensionOf(name);
    if (existing === undefined) {
      const table = tableName(name);
      await this.db.transaction(async (tx) => {
        await tx.exec(`
          CREATE TABLE IF NOT EXISTS ${table} (
            id uuid PRIMARY KEY,
            tenant_id text NOT NULL,
            document_id text NOT NULL,
            chunk_index integer NOT NULL,
            text text NOT NULL,
            metadata jsonb NOT NULL DEFAULT '{}',
            embedding vector(${dimension}) NOT NULL
          );
          CREATE INDEX IF NOT EXISTS ${indexName(name, 'doc')} ON ${table} (tenant_id, document_id);
        `);
        const hnsw = hnswIndexKey(dimension);
        if (hnsw !== undefined) {
          await tx.exec(
            `CREATE INDEX IF NOT EXISTS ${indexName(name, 'hnsw')} ON ${table} USING hnsw (${hnsw})`,
          );
        }
      });
    }
    // Read back rather than trust: a concurrent call may have created it with another size.
    this.dimensions.delete(name);
    const actual = await this.dimensionOf(name);
    if (actual !== dimension) throw dimensionMismatch(name, actual ?? 0, dimension);
  }

  async dropCollection(name: string): Promise<void> {
    validateCollectionName(name);
    this.dimensions.delete(name);
    await this.db.exec(`DROP TABLE IF EXISTS ${tableName(name)}`);
  }

  async upsert(collection: string, points: readonly ChunkPoint[]): Promise<void> {
    validateCollectionName(collection);
    const dimension = await this.requireDimension(collection);
    validatePoints(points, dimension);
    // One statement cannot update the same row twice; as in Qdrant, the last one wins.
    const rows = new Map<string, ChunkPoint>();
    for (const point of points) {
      rows.set(chunkPointId(point.tenantId, collection, point.documentId, point.chunkIndex), point);
    }
    if (rows.size === 0) return;
    const entries = [...rows];
    await this.db.transaction(async (tx) => {
      for (let i = 0; i < entries.length; i += UPSERT_BATCH) {
        await insertBatch(tx, collection, entries.slice(i, i + UPSERT_BATCH));
      }
    });
  }

  async deleteDocument(collection: string, tenantId: string, documentId: string): Promise<number> {
    validateCollectionName(collection);
    validateId(tenantId, 'tenantId');
    validateId(documentId, 'documentId');
    if ((await this.dimensionOf(collection)) === undefined) return 0;
    const result = await this.db.query(
      `DELETE FROM ${tableName(collection)} WHERE tenant_id = $1 AND document_id = $2`,
      [tenantId, documentId],
    );
    return result.affectedRows ?? 0;
  }

  async deleteChunksFrom(
    collection: string,
    tenantId: string,
    documentId: string,
    fromChunkIndex: number,
  ): Promise<void> {
    validateCollectionName(collection);
    validateId(tenantId, 'tenantId');
    validateId(documentId, 'documentId');
    validateChunkIndex(fromChunkIndex, 'fromChunkIndex');
    if ((await this.dimensionOf(collection)) === undefined) return;
    await this.db.query(
      `DELETE FROM ${tableName(collection)} WHERE tenant_id = $1 AND document_id = $2 AND chunk_index >= $3`,
      [tenantId, documentId, fromChunkIndex],
    );
  }

  async search(
    collection: string,
    tenantId: string,
    vector: readonly number[],
    options: SearchOptions,
  ): Promise<SearchHit[]> {
    validateCollectionName(collection);
    validateId(tenantId, 'tenantId');
    validateSearchOptions(options);
    const clauses = parseMetadataFilter(options.filter);
    const dimension = await this.requireDimension(collection);
    validateVector(vector, dimension, 'vector');

    const params: unknown[] = [vectorLiteral(vector), tenantId];
    const where = ['tenant_id = $2', ...metadataFilterSql(clauses, params)];
    params.push(options.topK);
    const limit = `$${params.length}`;
    // The HNSW scan orders by the indexed expression; the score is always full precision.
    const sql = `
      WITH nearest AS MATERIALIZED (
        SELECT id, document_id, chunk_index, text, metadata, embedding <=> $1::vector AS distance
        FROM ${tableName(collection)}
        WHERE ${where.join(' AND ')}
        ORDER BY ${rankExpression(dimension)}
        LIMIT ${limit}
      )
      SELECT id, document_id, chunk_index, text, metadata, 1 - distance AS score
      FROM nearest ORDER BY distance, id`;
    const { rows } = await this.db.transaction(async (tx) => {
      // HNSW walks the graph first and filters afterwards, so with a WHERE clause (the tenant,
      // metadata) a plain scan can return fewer than topK rows even when enough match.
      // pgvector ≥ 0.8 (PGlite ships 0.8.x) resumes the scan until enough rows pass the filter
      // (iterative scan, relaxed order: hence the re-sort above). ef_search ≥ topK lets one
      // scan produce topK candidates at all. Still bounded by hnsw.max_scan_tuples (20k).
      await tx.exec(
        `SET LOCAL hnsw.iterative_scan = relaxed_order; SET LOCAL hnsw.ef_search = ${efSearch(options.topK)}`,
      );
      return tx.query<HitRow>(sql, params);
    });
    const threshold = options.scoreThreshold;
    // Applied after LIMIT on purpose: hits come best first, so "top K, then above the
    // threshold" is the same set as "above the threshold, then top K", and the index stays usable.
    return rows
      .filter((row) => threshold === undefined || row.score >= threshold)
      .map((row) => ({
        id: row.id,
        documentId: row.document_id,
        chunkIndex: row.chunk_index,
        text: row.text,
        metadata: row.metadata,
        score: row.score,
      }));
  }

  /** Idempotent. */
  close(): Promise<void> {
    this.closing ??= this.db.close();
    return this.closing;
  }

  private async requireDimension(collection: string): Promise<number> {
    const dimension = await this.dimensionOf(collection);
    if (dimension === undefined) throw new VectorCollectionNotFoundError(collection);
    return dimension;
  }

  private async dimensionOf(collection: string): Promise<number | undefined> {
    const cached = this.dimensions.get(collection);
    if (cached !== undefined) return cached;
    // pgvector stores a vector column's dimension as its type modifier.
    const { rows } = await this.db.query<{ atttypmod: number }>(
      `SELECT atttypmod FROM pg_attribute
       WHERE attrelid = to_regclass($1) AND attname = 'embedding' AND NOT attisdropped`,
      [tableName(collection)],
    );
    const dimension = rows[0]?.atttypmod;
    if (dimension !== undefined) this.dimensions.set(collection, dimension);
    return dimension;
  }
}

async function insertBatch(
  tx: Transaction,
  collection: string,
  entries: readonly (readonly [string, ChunkPoint])[],
): Promise<void> {
  // Seven arrays and unnest: one statement per batch, every value a bound parameter.
  await tx.query(
    `INSERT INTO ${tableName(collection)} (id, tenant_id, document_id, chunk_index, text, metadata, embedding)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::int[], $5::text[], $6::text[]::jsonb[], $7::text[]::vector[])
     ON CONFLICT (id) DO UPDATE SET
       tenant_id = EXCLUDED.tenant_id, document_id = EXCLUDED.document_id,
       chunk_index = EXCLUDED.chunk_index, text = EXCLUDED.text,
       metadata = EXCLUDED.metadata, embedding = EXCLUDED.embedding`,
    [
      entries.map(([id]) => id),
      entries.map(([, p]) => p.tenantId),
      entries.map(([, p]) => p.documentId),
      entries.map(([, p]) => p.chunkIndex),
      entries.map(([, p]) => p.text),
      entries.map(([, p]) => JSON.stringify(p.metadata)),
      entries.map(([, p]) => vectorLiteral(p.vector)),
    ],
  );
}

// Names are validated (`[A-Za-z0-9_-]`), so quoting is all they need; the prefix keeps them
// clear of anything else in the database.
function tableName(collection: string): string {
  return `"vs_${collection}"`;
}

function indexName(collection: string, suffix: string): string {
  return `"vs_${collection}_${suffix}"`;
}

function hnswIndexKey(dimension: number): string | undefined {
  if (dimension <= HNSW_VECTOR_MAX) return 'embedding vector_cosine_ops';
  if (dimension <= HNSW_HALFVEC_MAX) return `(embedding::halfvec(${dimension})) halfvec_cosine_ops`;
  return undefined;
}

/** Must repeat the indexed expression exactly for the planner to use the HNSW index. */
function rankExpression(dimension: number): string {
  if (dimension > HNSW_VECTOR_MAX && dimension <= HNSW_HALFVEC_MAX) {
    return `embedding::halfvec(${dimension}) <=> $1::halfvec(${dimension})`;
  }
  return 'embedding <=> $1::vector';
}

function efSearch(topK: number): number {
  return Math.min(EF_SEARCH_MAX, Math.max(EF_SEARCH_MIN, topK));
}

function vectorLiteral(vector: readonly number[]): string {
  return `[${vector.join(',')}]`;
}

function dimensionMismatch(
  name: string,
  existing: number,
  requested: number,
): VectorStoreInputError {
  return new VectorStoreInputError(
    `Collection "${name}" exists with dimension ${existing}, not ${requested}`,
    { param: 'dimension', code: 'vector_dimension_mismatch' },
  );
}
