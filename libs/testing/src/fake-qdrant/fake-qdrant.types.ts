export interface FakeQdrantServerOptions {
  /** When set, requests must carry it in `api-key` (or `Authorization: Bearer`), else 401. */
  apiKey?: string;
  /** Reported by `GET /`; the js client compares it with its own when asked to. */
  version?: string;
}

export interface RecordedQdrantRequest {
  method: string;
  /** Path without the query string, e.g. `/collections/docs/points/query`. */
  path: string;
  query: Record<string, string>;
  /** Parsed JSON body; the raw text when it is not JSON; `undefined` when there was none. */
  body: unknown;
}

/** A point as the fake stores it (and as `GET`-like inspection returns it). */
export interface FakeQdrantPoint {
  /** An unsigned integer, or a UUID in its canonical lower-case hyphenated form. */
  id: number | string;
  /** As stored: Qdrant normalises vectors of Cosine collections on write. */
  vector: number[];
  payload: Record<string, unknown>;
  /** Operation id of the last write, as Qdrant reports it. */
  version: number;
}

export type QdrantDistance = 'Cosine' | 'Euclid' | 'Dot' | 'Manhattan';
