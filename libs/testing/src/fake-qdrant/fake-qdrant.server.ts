import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { FakeQdrantCollection } from './fake-qdrant.collection';
import type {
  FakeQdrantPoint,
  FakeQdrantServerOptions,
  QdrantDistance,
  RecordedQdrantRequest,
} from './fake-qdrant.types';
import { errorReply, QdrantHttpError, type QdrantReply } from './qdrant-reply';
import { routeQdrantRequest, type FakeQdrantState } from './qdrant-routes';
import { listenOnLoopback } from '../listen-on-loopback';

export type {
  FakeQdrantPoint,
  FakeQdrantServerOptions,
  QdrantDistance,
  RecordedQdrantRequest,
} from './fake-qdrant.types';

type Fault =
  | { kind: 'status'; status: number; message: string; headers: Record<string, string> }
  | { kind: 'hang' };

/** Which requests a targeted fault applies to: every given field must match. */
export interface FakeQdrantRequestMatch {
  method?: string;
  /** The path without the query string: exactly this, or matching this pattern. */
  path?: string | RegExp;
}

export interface FakeQdrantFailure {
  /** The `status.error` text; defaults to a "Service internal error" naming the status. */
  message?: string;
  /** Extra response headers, e.g. `retry-after` on a 429. */
  headers?: Record<string, string>;
}

/** A collection as the test sees it. */
export interface FakeQdrantCollectionView {
  size: number;
  distance: QdrantDistance;
  points: FakeQdrantPoint[];
  payloadIndexes: Record<string, string>;
}

const DEFAULT_VERSION = '1.15.0';
const BEARER = /^bearer\s+(\S+)\s*$/i;

/**
 * A wire-faithful stand-in for Qdrant's REST API on 127.0.0.1, in memory, with brute-force
 * search: the collection, payload-index and point endpoints Conduit uses (create, get,
 * exists, delete; index; upsert, delete, count, query, search), Qdrant's envelopes
 * (`{"result","status":"ok","time"}` / `{"status":{"error"},"time"}`), status codes (404
 * missing collection, 409 existing one, 400 bad input) and filter semantics. Faults are
 * scripted per request: `failNext`, `hangNext`, `delayMs`, and `stop()` for "down".
 */
export class FakeQdrantServer {
  /** Requests in arrival order. `reset()` empties this same array. */
  readonly requests: RecordedQdrantRequest[] = [];
  /** Every response waits this long first; a client timeout shorter than it fires. */
  delayMs = 0;
  private readonly faults: Fault[] = [];
  private readonly targeted: { match: FakeQdrantRequestMatch; fault: Fault }[] = [];
  private readonly state: FakeQdrantState;
  private readonly server: Server;
  private readonly apiKey: string | undefined;
  private listeningPort = 0;
  private stopped: Promise<void> | undefined;

  private constructor(options: FakeQdrantServerOptions) {
    this.apiKey = options.apiKey;
    this.state = { collections: new Map(), version: options.version ?? DEFAULT_VERSION };
    this.server = createServer((req, res) => this.handle(req, res));
  }

  /** Listens on 127.0.0.1 on a random free port. */
  static async start(options: FakeQdrantServerOptions = {}): Promise<FakeQdrantServer> {
    const fake = new FakeQdrantServer(options);
    fake.listeningPort = await listenOnLoopback(fake.server);
    return fake;
  }

  get port(): number {
    return this.listeningPort;
  }

  /** `http://127.0.0.1:<port>`, ready for `QdrantClient({ url })`. */
  get url(): string {
    return `http://127.0.0.1:${this.listeningPort}`;
  }

  /** The next `times` requests (any route) get `status` with Qdrant's error body. */
  failNext(status: number, times = 1, failure: FakeQdrantFailure = {}): void {
    const message = failure.message ?? `Service internal error: injected fault ${status}`;
    const headers = failure.headers ?? {};
    for (let i = 0; i < times; i++) this.faults.push({ kind: 'status', status, message, headers });
  }

  /**
   * The next `times` requests that match (method and/or path) get `status`; other requests
   * pass untouched. For a failure in the middle of a sequence, e.g. the first point delete.
   */
  failMatching(
    status: number,
    match: FakeQdrantRequestMatch,
    times = 1,
    failure: FakeQdrantFailure = {},
  ): void {
    const message = failure.message ?? `Service internal error: injected fault ${status}`;
    const headers = failure.headers ?? {};
    for (let i = 0; i < times; i++) {
      this.targeted.push({ match, fault: { kind: 'status', status, message, headers } });
    }
  }

  /** The next `times` requests are read and never answered (until the client gives up or `stop()`). */
  hangNext(times = 1): void {
    for (let i = 0; i < times; i++) this.faults.push({ kind: 'hang' });
  }

  /** A snapshot of one collection's contents, or undefined when it does not exist. */
  collection(name: string): FakeQdrantCollectionView | undefined {
    const collection: FakeQdrantCollection | undefined = this.state.collections.get(name);
    if (collection === undefined) return undefined;
    return {
      size: collection.size,
      distance: collection.distance,
      points: [...collection.points.values()].map((point) => structuredClone(point)),
      payloadIndexes: Object.fromEntries(
        [...collection.payloadIndexes].map(([field, index]) => [field, index.dataType]),
      ),
    };
  }

  /** Forgets collections, recorded requests, pending faults and the delay. */
  reset(): void {
    this.state.collections.clear();
    this.requests.length = 0;
    this.faults.length = 0;
    this.targeted.length = 0;
    this.delayMs = 0;
  }

  /** Closes the listener and every open socket, hung ones included: the server is down. Idempotent. */
  stop(): Promise<void> {
    this.stopped ??= new Promise((resolve, reject) => {
      this.server.close((error) => (error ? reject(error) : resolve()));
      this.server.closeAllConnections();
    });
    return this.stopped;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const startedAt = performance.now();
    // Taken on arrival, so faults map to requests in arrival order.
    const fault = this.takeTargetedFault(req) ?? this.faults.shift();
    readBody(req)
      .then(async (raw) => {
        const url = new URL(req.url ?? '/', 'http://fake-qdrant');
        const parsed = parseJson(raw);
        const request = {
          method: req.method ?? 'GET',
          path: url.pathname,
          query: Object.fromEntries(url.searchParams),
          body: parsed.value,
        };
        this.requests.push({ ...request });
        if (fault?.kind === 'hang') return;
        if (this.delayMs > 0 && !(await sleepUnlessClosed(res, this.delayMs))) return;
        if (fault?.kind === 'status') {
          return send(res, errorReply(fault.status, fault.message, startedAt), fault.headers);
        }
        if (!this.authorised(req)) {
          return send(
            res,
            errorReply(401, 'Must provide an API key or an Authorization bearer token', startedAt),
          );
        }
        if (!parsed.valid) {
          return send(
            res,
            errorReply(400, `Format error in JSON body: ${parsed.error}`, startedAt),
          );
        }
        send(
          res,
          routeQdrantRequest(this.state, { ...request, startedAt }) ?? {
            status: 404,
            body: undefined,
          },
        );
      })
      .catch((error: unknown) => {
        if (error instanceof QdrantHttpError)
          return send(res, errorReply(error.status, error.message, startedAt));
        const message = error instanceof Error ? error.message : String(error);
        send(res, errorReply(500, `Service internal error: ${message}`, startedAt));
      });
  }

  private takeTargetedFault(req: IncomingMessage): Fault | undefined {
    const method = req.method ?? 'GET';
    const path = new URL(req.url ?? '/', 'http://fake-qdrant').pathname;
    const index = this.targeted.findIndex(
      ({ match }) =>
        (match.method === undefined || match.method === method) &&
        (match.path === undefined ||
          (typeof match.path === 'string' ? match.path === path : match.path.test(path))),
    );
    return index < 0 ? undefined : this.targeted.splice(index, 1)[0].fault;
  }

  private authorised(req: IncomingMessage): boolean {
    if (this.apiKey === undefined) return true;
    const header = req.headers['api-key'];
    const bearer = BEARER.exec(req.headers.authorization ?? '')?.[1];
    return header === this.apiKey || bearer === this.apiKey;
  }
}

function send(res: ServerResponse, reply: QdrantReply, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  if (reply.body === undefined) {
    res.writeHead(reply.status, { 'content-length': '0' });
    res.end();
    return;
  }
  const text = JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    ...headers,
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
  });
  res.end(text);
}

/** Resolves true after `ms`, or false as soon as the client goes away. */
function sleepUnlessClosed(res: ServerResponse, ms: number): Promise<boolean> {
  if (res.destroyed) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onClose = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      res.off('close', onClose);
      resolve(!res.destroyed);
    }, ms);
    res.once('close', onClose);
  });
}

function parseJson(raw: string): { valid: boolean; value: unknown; error?: string } {
  if (raw.length === 0) return { valid: true, value: undefined };
  try {
    return { valid: true, value: JSON.parse(raw) };
  } catch (error) {
    return {
      valid: false,
      value: raw,
      error: error instanceof Error ? error.message : String(error),
    };
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
