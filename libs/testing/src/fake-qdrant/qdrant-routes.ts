import { FakeQdrantCollection } from './fake-qdrant.collection';
import type { FakeQdrantPoint, QdrantDistance } from './fake-qdrant.types';
import { okReply, QdrantHttpError, type QdrantReply } from './qdrant-reply';

/** What the routes read and write; owned by `FakeQdrantServer`. */
export interface FakeQdrantState {
  readonly collections: Map<string, FakeQdrantCollection>;
  readonly version: string;
}

export interface QdrantRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  startedAt: number;
}

type Json = Record<string, unknown>;
const DISTANCES: readonly QdrantDistance[] = ['Cosine', 'Euclid', 'Dot', 'Manhattan'];
const COLLECTION_ROUTE = /^\/collections\/([^/]+)(\/.*)?$/;

/** Answers one request; `undefined` when no route matches (actix answers a bare 404). */
export function routeQdrantRequest(
  state: FakeQdrantState,
  request: QdrantRequest,
): QdrantReply | undefined {
  const { method, path } = request;
  if (method === 'GET' && path === '/') {
    // The root answer is the only one without the result envelope.
    return {
      status: 200,
      body: { title: 'qdrant - vector search engine', version: state.version, commit: 'fake' },
    };
  }
  if (method === 'GET' && path === '/collections') {
    const collections = [...state.collections.keys()].map((name) => ({ name }));
    return okReply({ collections }, request.startedAt);
  }
  const match = COLLECTION_ROUTE.exec(path);
  if (match === null) return undefined;
  const name = decodeURIComponent(match[1]);
  const route = `${method} ${match[2] ?? ''}`;
  switch (route) {
    case 'GET ':
      return okReply(collectionInfo(requireCollection(state, name)), request.startedAt);
    case 'GET /exists':
      return okReply({ exists: state.collections.has(name) }, request.startedAt);
    case 'PUT ':
      return createCollection(state, name, request);
    case 'DELETE ':
      return okReply(state.collections.delete(name), request.startedAt);
    case 'PUT /index':
      return createIndex(requireCollection(state, name), request);
    case 'PUT /points':
      return upsertPoints(requireCollection(state, name), request);
    case 'POST /points/delete':
      return deletePoints(requireCollection(state, name), request);
    case 'POST /points/count': {
      const body = objectBody(request.body);
      return okReply(
        { count: requireCollection(state, name).count(body.filter) },
        request.startedAt,
      );
    }
    case 'POST /points/query':
      return queryPoints(requireCollection(state, name), request, 'query');
    case 'POST /points/search':
      return queryPoints(requireCollection(state, name), request, 'search');
    default:
      return undefined;
  }
}

function createCollection(
  state: FakeQdrantState,
  name: string,
  request: QdrantRequest,
): QdrantReply {
  const body = objectBody(request.body);
  const vectors = body.vectors;
  if (
    vectors === null ||
    typeof vectors !== 'object' ||
    Array.isArray(vectors) ||
    !('size' in vectors)
  ) {
    throw QdrantHttpError.wrongInput(
      'the fake supports only a single unnamed dense vector ({ size, distance })',
    );
  }
  const { size, distance } = vectors as Json;
  if (typeof size !== 'number' || !Number.isInteger(size) || size < 1 || size > 65536) {
    throw QdrantHttpError.format('vectors.size: expected an integer from 1 to 65536');
  }
  if (!DISTANCES.includes(distance as QdrantDistance)) {
    throw QdrantHttpError.format(
      `unknown variant \`${String(distance)}\`, expected one of \`Cosine\`, \`Euclid\`, \`Dot\`, \`Manhattan\``,
    );
  }
  if (state.collections.has(name)) {
    throw new QdrantHttpError(409, `Wrong input: Collection \`${name}\` already exists!`);
  }
  state.collections.set(name, new FakeQdrantCollection(name, size, distance as QdrantDistance));
  return okReply(true, request.startedAt);
}

function createIndex(collection: FakeQdrantCollection, request: QdrantRequest): QdrantReply {
  const body = objectBody(request.body);
  if (typeof body.field_name !== 'string' || body.field_name === '') {
    throw QdrantHttpError.format('missing field `field_name`');
  }
  const schema = body.field_schema;
  if (typeof schema === 'string') {
    collection.payloadIndexes.set(body.field_name, { dataType: schema });
  } else if (
    schema !== null &&
    typeof schema === 'object' &&
    typeof (schema as Json).type === 'string'
  ) {
    const params = schema as Json;
    collection.payloadIndexes.set(body.field_name, { dataType: params.type as string, params });
  } else {
    throw QdrantHttpError.format('field_schema: expected a type name or { type, ... }');
  }
  return updateReply(collection.nextOperation(), request);
}

function upsertPoints(collection: FakeQdrantCollection, request: QdrantRequest): QdrantReply {
  const body = objectBody(request.body);
  let entries: { id: unknown; vector: unknown; payload: unknown }[];
  if (Array.isArray(body.points)) {
    entries = body.points.map((point: unknown) => {
      const p = point !== null && typeof point === 'object' ? (point as Json) : {};
      return { id: p.id, vector: p.vector, payload: p.payload };
    });
  } else if (body.batch !== null && typeof body.batch === 'object') {
    const { ids, vectors, payloads } = body.batch as Json;
    if (!Array.isArray(ids) || !Array.isArray(vectors) || ids.length !== vectors.length) {
      throw QdrantHttpError.wrongInput('batch ids and vectors must be lists of the same length');
    }
    const list = Array.isArray(payloads) ? (payloads as unknown[]) : [];
    const vectorList = vectors as unknown[];
    entries = ids.map((id: unknown, i) => ({ id, vector: vectorList[i], payload: list[i] }));
  } else {
    throw QdrantHttpError.format(
      'data did not match any variant of untagged enum PointInsertOperations',
    );
  }
  return updateReply(collection.upsert(entries), request);
}

function deletePoints(collection: FakeQdrantCollection, request: QdrantRequest): QdrantReply {
  const body = objectBody(request.body);
  if (Array.isArray(body.points)) return updateReply(collection.deleteIds(body.points), request);
  if (body.filter !== undefined)
    return updateReply(collection.deleteMatching(body.filter), request);
  throw QdrantHttpError.format('data did not match any variant of untagged enum PointsSelector');
}

function queryPoints(
  collection: FakeQdrantCollection,
  request: QdrantRequest,
  endpoint: 'query' | 'search',
): QdrantReply {
  const body = objectBody(request.body);
  if (body.prefetch !== undefined && body.prefetch !== null) {
    throw QdrantHttpError.wrongInput('prefetch is not supported by the fake');
  }
  const using = endpoint === 'query' ? body.using : undefined;
  if (using !== undefined && using !== null && using !== '') {
    throw QdrantHttpError.wrongInput(`Not existing vector name error: ${JSON.stringify(using)}`);
  }
  const vector = endpoint === 'search' ? body.vector : nearestVector(body.query);
  const hits = collection.nearest({
    vector: vector as number[],
    filter: body.filter,
    limit: positiveInteger(body.limit, 'limit', endpoint === 'query' ? 10 : undefined),
    offset: positiveInteger(body.offset, 'offset', 0),
    scoreThreshold: typeof body.score_threshold === 'number' ? body.score_threshold : undefined,
  });
  const points = hits.map(({ point, score }) => scoredPoint(point, score, body));
  return okReply(endpoint === 'query' ? { points } : points, request.startedAt);
}

function nearestVector(query: unknown): unknown {
  if (Array.isArray(query)) return query;
  if (query !== null && typeof query === 'object' && 'nearest' in query) return query.nearest;
  throw QdrantHttpError.wrongInput('the fake supports only nearest-vector queries');
}

function scoredPoint(point: FakeQdrantPoint, score: number, body: Json): Json {
  const scored: Json = { id: point.id, version: point.version, score };
  const payload = selectPayload(point.payload, body.with_payload);
  if (payload !== undefined) scored.payload = payload;
  if (body.with_vector === true) scored.vector = [...point.vector];
  return scored;
}

function selectPayload(payload: Json, selector: unknown): Json | undefined {
  if (selector === undefined || selector === null || selector === false) return undefined;
  if (selector === true) return structuredClone(payload);
  const pick = (keys: unknown[], keep: boolean) =>
    Object.fromEntries(Object.entries(payload).filter(([key]) => keys.includes(key) === keep));
  if (Array.isArray(selector)) return pick(selector, true);
  if (typeof selector === 'object' && 'include' in selector && Array.isArray(selector.include)) {
    return pick(selector.include, true);
  }
  if (typeof selector === 'object' && 'exclude' in selector && Array.isArray(selector.exclude)) {
    return pick(selector.exclude, false);
  }
  throw QdrantHttpError.format(
    'with_payload: expected a bool, a list of keys or { include | exclude }',
  );
}

function collectionInfo(collection: FakeQdrantCollection): Json {
  const payloadSchema: Json = {};
  for (const [field, index] of collection.payloadIndexes) {
    payloadSchema[field] = {
      data_type: index.dataType,
      ...(index.params ? { params: index.params } : {}),
      points: collection.pointsWithField(field),
    };
  }
  return {
    status: 'green',
    optimizer_status: 'ok',
    indexed_vectors_count: 0,
    points_count: collection.points.size,
    segments_count: 1,
    config: {
      params: {
        vectors: { size: collection.size, distance: collection.distance },
        shard_number: 1,
        replication_factor: 1,
        write_consistency_factor: 1,
        on_disk_payload: true,
      },
      hnsw_config: {
        m: 16,
        ef_construct: 100,
        full_scan_threshold: 10000,
        max_indexing_threads: 0,
        on_disk: false,
      },
      optimizer_config: {
        deleted_threshold: 0.2,
        vacuum_min_vector_number: 1000,
        default_segment_number: 0,
        max_segment_size: null,
        memmap_threshold: null,
        indexing_threshold: 10000,
        flush_interval_sec: 5,
        max_optimization_threads: null,
      },
      wal_config: { wal_capacity_mb: 32, wal_segments_ahead: 0 },
      quantization_config: null,
      strict_mode_config: { enabled: false },
    },
    payload_schema: payloadSchema,
  };
}

function updateReply(operationId: number, request: QdrantRequest): QdrantReply {
  const status = request.query.wait === 'true' ? 'completed' : 'acknowledged';
  return okReply({ operation_id: operationId, status }, request.startedAt);
}

function requireCollection(state: FakeQdrantState, name: string): FakeQdrantCollection {
  const collection = state.collections.get(name);
  if (collection === undefined) throw QdrantHttpError.collectionNotFound(name);
  return collection;
}

function objectBody(body: unknown): Json {
  if (body === undefined) return {};
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw QdrantHttpError.format('invalid type: expected a JSON object');
  }
  return body as Json;
}

function positiveInteger(value: unknown, field: string, fallback: number | undefined): number {
  if (value === undefined || value === null) {
    if (fallback === undefined) throw QdrantHttpError.format(`missing field \`${field}\``);
    return fallback;
  }
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw QdrantHttpError.format(`${field}: expected a non-negative integer`);
  }
  return value;
}
