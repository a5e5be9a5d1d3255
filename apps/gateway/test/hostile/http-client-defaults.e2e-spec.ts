import { execFile } from 'node:child_process';
import { connect } from 'node:net';
import { promisify } from 'node:util';
import { apiClient, uniqueName, type ApiClient } from '../support/api';
import { startSystem, type RunningSystem } from '../support/system';

/** The gateway's default body limit (GATEWAY_MAX_BODY_BYTES), which this suite keeps. */
const BODY_LIMIT = 4 * 1024 * 1024;
/** How long the gateway reads a refused body's rest before it closes (app.factory.ts). */
const LINGER_MS = 5_000;

interface OpenAIErrorBody {
  error: {
    message: string;
    type: string;
    code: string | null;
    param: string | null;
    request_id: string;
  };
}

/** An error in OpenAI's shape whose request id is the one in `x-request-id`. */
function expectOpenAIError(
  response: { headers: Headers; body: unknown },
  expected: Partial<OpenAIErrorBody['error']>,
): OpenAIErrorBody['error'] {
  const { error } = response.body as OpenAIErrorBody;
  expect(error).toMatchObject(expected);
  expect(typeof error.message).toBe('string');
  expect(error.request_id).toMatch(/^req_[0-9a-f]{32}$/);
  expect(response.headers.get('x-request-id')).toBe(error.request_id);
  return error;
}

/** What a raw HTTP/1.1 client saw: the bytes it wrote, the answer, and how the socket ended. */
interface RawUpload {
  written: number;
  response: string;
  /** The first socket error (EPIPE, ECONNRESET: the server closed with the body still coming). */
  socketError: string | null;
  /** The server ended its side of the connection (its FIN) after answering. */
  serverEnded: boolean;
  /** Milliseconds from the first byte of the answer to the connection failing, if it failed. */
  failedAfterAnswerMs: number | null;
}

/**
 * Sends `head` and then body bytes as fast as the socket takes them, until `bodyBytes` were
 * written, the connection failed, or `waitMs` passed; closes once the whole body is written and
 * the server has ended its side. Past `stallAfter` bytes it only sends one byte every 200 ms (a
 * client that stalls; a write is the only way to learn that the server closed). Half-open, as a
 * real client is: the server's FIN after its answer does not stop the upload. Loopback only.
 */
function rawUpload(
  baseUrl: string,
  head: string,
  bodyBytes: number,
  { chunked = false, stallAfter = Infinity, waitMs = 20_000 } = {},
): Promise<RawUpload> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve) => {
    const socket = connect({ port: Number(port), host: hostname, allowHalfOpen: true });
    const result: RawUpload = {
      written: 0,
      response: '',
      socketError: null,
      serverEnded: false,
      failedAfterAnswerMs: null,
    };
    let answeredAt = 0;
    let drip: NodeJS.Timeout | undefined;
    const finish = () => {
      clearTimeout(timer);
      clearInterval(drip);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(finish, waitMs);
    const piece = Buffer.alloc(64 * 1024, 'x');
    const send = (data: Buffer) => {
      result.written += data.length;
      return socket.write(
        chunked
          ? Buffer.concat([
              Buffer.from(`${data.length.toString(16)}\r\n`),
              data,
              Buffer.from('\r\n'),
            ])
          : data,
      );
    };
    const finishedSending = () => {
      if (result.written < bodyBytes) return false;
      if (chunked) socket.write('0\r\n\r\n');
      return true;
    };
    const pump = () => {
      while (result.written < Math.min(bodyBytes, stallAfter)) {
        if (socket.destroyed) return;
        if (!send(piece.subarray(0, Math.min(piece.length, bodyBytes - result.written)))) {
          return void socket.once('drain', pump);
        }
      }
      if (finishedSending()) {
        if (result.serverEnded) finish();
        return;
      }
      drip = setInterval(() => {
        if (!socket.destroyed) send(piece.subarray(0, 1));
        if (finishedSending()) clearInterval(drip);
      }, 200);
    };
    socket.on('connect', () => {
      socket.write(head);
      pump();
    });
    socket.on('data', (chunk) => {
      if (!answeredAt) answeredAt = Date.now();
      result.response += chunk.toString('utf8');
    });
    socket.on('end', () => {
      result.serverEnded = true;
      if (result.written >= bodyBytes) finish();
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      result.socketError = error.code ?? error.message;
      if (answeredAt) result.failedAfterAnswerMs = Date.now() - answeredAt;
      finish();
    });
    socket.on('close', finish);
  });
}

function statusOf(raw: string): number {
  return Number(/^HTTP\/1\.1 (\d{3})/.exec(raw)?.[1] ?? 0);
}

/** The raw answer as a fetch-like response, for expectOpenAIError. */
function parsedRaw(raw: string): { headers: Headers; body: unknown } {
  const [head = '', body = ''] = raw.split('\r\n\r\n');
  const headers = new Headers();
  for (const line of head.split('\r\n').slice(1)) {
    const colon = line.indexOf(':');
    headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  return { headers, body: JSON.parse(body) };
}

/**
 * Node's fetch in a process of its own: in this process it would share an event loop with the
 * gateway, which orders reads and writes so that a reset never overtakes the answer.
 */
async function fetchOversizedBodies(url: string, key: string, attempts: number): Promise<string[]> {
  const script = `
    const [url, key, attempts] = process.argv.slice(1);
    const outcomes = [];
    for (let i = 0; i < Number(attempts); i++) {
      outcomes.push(await fetch(url, {
        method: 'POST',
        headers: { authorization: 'Bearer ' + key, 'content-type': 'application/json' },
        body: Buffer.alloc(5 * 1024 * 1024, 'x'),
      }).then(
        async (response) => JSON.stringify({ status: response.status, requestId: response.headers.get('x-request-id'), body: await response.json() }),
        (error) => 'failed: ' + error.message + ' ' + (error.cause?.code ?? error.cause?.message ?? ''),
      ));
    }
    console.log(JSON.stringify(outcomes));
  `;
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--input-type=module', '-e', script, url, key, String(attempts)],
    { timeout: 60_000 },
  );
  return JSON.parse(stdout) as string[];
}

/**
 * What ordinary HTTP clients do by default, through the real gateway: a JSON content type on
 * bodiless requests, a bad value in the URL path, a body over the limit sent in full anyway.
 */
describe('client defaults at the HTTP edge (e2e)', () => {
  let system: RunningSystem;
  let admin: ApiClient;

  beforeAll(async () => {
    system = await startSystem({ services: ['ledger', 'retrieval', 'embedding'] });
    admin = apiClient(system.baseUrl, system.adminKey);
  }, 120_000);

  afterAll(async () => {
    await system?.close();
  });

  /** A request with `Content-Type: application/json` on every call, as many clients send. */
  async function jsonTyped(method: string, path: string, body?: string) {
    const response = await fetch(`${system.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${system.adminKey}`, 'content-type': 'application/json' },
      body,
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: JSON.parse(text) as unknown,
    };
  }

  describe('a JSON content type with no body', () => {
    it('serves DELETEs that take no body', async () => {
      const name = uniqueName('bodiless');
      expect((await admin.call('POST', '/v1/collections', { name })).status).toBe(200);
      const deleted = await jsonTyped('DELETE', `/v1/collections/${name}`);
      expect(deleted.status).toBe(200);

      const team = await admin.createTeam({ name: uniqueName('team') });
      const key = await admin.createKey({ name: uniqueName('key'), team_id: team.id });
      const revoked = await jsonTyped('DELETE', `/v1/admin/keys/${key.id}`);
      expect(revoked.status).toBe(200);
      expect(revoked.body).toMatchObject({ id: key.id });
    });

    it('serves a DELETE with an explicit Content-Length: 0', async () => {
      const team = await admin.createTeam({ name: uniqueName('team') });
      const key = await admin.createKey({ name: uniqueName('key'), team_id: team.id });
      const { response, socketError } = await rawUpload(
        system.baseUrl,
        `DELETE /v1/admin/keys/${key.id} HTTP/1.1\r\nHost: x\r\nconnection: close\r\n` +
          `authorization: Bearer ${system.adminKey}\r\ncontent-type: application/json\r\ncontent-length: 0\r\n\r\n`,
        0,
      );
      expect(socketError).toBeNull();
      expect(statusOf(response)).toBe(200);
    });

    it('tells a route that needs a body that it is missing, not that the JSON is invalid', async () => {
      const response = await jsonTyped('POST', '/v1/chat/completions');
      expect(response.status).toBe(400);
      const error = expectOpenAIError(response, {
        type: 'validation_error',
        code: 'missing_required_parameter',
      });
      expect(error.message).toMatch(/request body/);
    });

    it('still refuses a non-empty body that is not JSON with 400 invalid_json', async () => {
      for (const body of ['{"model":', ' ', 'null,']) {
        const response = await jsonTyped('POST', '/v1/chat/completions', body);
        expect(response.status).toBe(400);
        expectOpenAIError(response, { type: 'validation_error', code: 'invalid_json' });
      }
      const bodilessRoute = await jsonTyped('DELETE', `/v1/collections/${uniqueName('x')}`, '{');
      expect(bodilessRoute.status).toBe(400);
      expectOpenAIError(bodilessRoute, { type: 'validation_error', code: 'invalid_json' });
    });
  });

  describe('a bad value in the URL path', () => {
    it('names the path parameter and says it is in the path', async () => {
      const cases = [
        ['DELETE', '/v1/collections/bad%20name!', 'name'],
        ['GET', '/v1/collections/-starts-with-a-dash', 'name'],
        ['DELETE', '/v1/collections/fine/documents/doc%20one', 'id'],
        ['DELETE', '/v1/admin/keys/not-a-key-id', 'id'],
        ['PUT', '/v1/admin/teams/team_x/budget', 'id'],
      ] as const;
      for (const [method, path, param] of cases) {
        const response = await admin.call(
          method,
          path,
          method === 'PUT' ? { amount_usd: 1, period: 'monthly' } : undefined,
        );
        expect({ path, status: response.status }).toEqual({ path, status: 400 });
        const error = expectOpenAIError(response, { type: 'validation_error', param });
        expect(error.message).toContain(`'${param}' in the request path`);
        expect(error.message).not.toMatch(/request body/);
      }
    });

    it('keeps a body that is a bare JSON string a body error', async () => {
      const response = await jsonTyped('POST', '/v1/chat/completions', '"hello"');
      expect(response.status).toBe(400);
      const error = expectOpenAIError(response, { type: 'validation_error', param: null });
      expect(error.message).not.toMatch(/path/);
    });
  });

  describe('a body over the limit', () => {
    const head = (length: number | 'chunked') =>
      `POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nauthorization: Bearer ${system.adminKey}\r\n` +
      'content-type: application/json\r\n' +
      (length === 'chunked'
        ? 'transfer-encoding: chunked\r\n\r\n'
        : `content-length: ${length}\r\n\r\n`);

    it('lets a raw client send its whole 5 MB body, then answers 413 and closes cleanly', async () => {
      const size = 5 * 1024 * 1024;
      const upload = await rawUpload(system.baseUrl, head(size), size);
      expect(upload.socketError).toBeNull();
      expect(upload.written).toBe(size);
      expect(statusOf(upload.response)).toBe(413);
      expect(upload.response.toLowerCase()).toContain('connection: close');
      expectOpenAIError(parsedRaw(upload.response), {
        type: 'validation_error',
        code: 'request_too_large',
      });
      expect(upload.serverEnded).toBe(true);
    });

    it('shows the 413 to Node fetch every time', async () => {
      const outcomes = await fetchOversizedBodies(
        `${system.baseUrl}/v1/chat/completions`,
        system.adminKey,
        10,
      );
      for (const outcome of outcomes) {
        expect(outcome).not.toMatch(/^failed/);
        const { status, requestId, body } = JSON.parse(outcome) as {
          status: number;
          requestId: string;
          body: OpenAIErrorBody;
        };
        expect(status).toBe(413);
        expect(body.error).toMatchObject({ type: 'validation_error', code: 'request_too_large' });
        expect(body.error.request_id).toBe(requestId);
        expect(requestId).toMatch(/^req_[0-9a-f]{32}$/);
      }
    }, 90_000);

    it('stops reading a chunked body after twice the limit and closes', async () => {
      const cap = 32 * BODY_LIMIT;
      const upload = await rawUpload(system.baseUrl, head('chunked'), cap, { chunked: true });
      expect(statusOf(upload.response)).toBe(413);
      expectOpenAIError(parsedRaw(upload.response), { code: 'request_too_large' });
      expect(upload.socketError).toMatch(/EPIPE|ECONNRESET/);
      // Read: the limit, then twice the limit discarded (12 MiB). Written also counts what the
      // kernels' socket buffers took meanwhile (up to 4 MiB sent, 32 MiB received on Linux).
      // Never closing would let all 128 MiB through.
      expect(upload.written).toBeLessThan(16 * BODY_LIMIT);
    });

    it('closes a client that stops sending the rest within the linger time', async () => {
      const announced = 6 * 1024 * 1024;
      const upload = await rawUpload(system.baseUrl, head(announced), announced, {
        stallAfter: 5 * 1024 * 1024,
        waitMs: LINGER_MS + 10_000,
      });
      expect(statusOf(upload.response)).toBe(413);
      expect(upload.socketError).toMatch(/EPIPE|ECONNRESET/);
      // Lingered (a client sending its rest slowly is still read) but not past the bound.
      expect(upload.failedAfterAnswerMs).toBeGreaterThan(LINGER_MS - 1_000);
      expect(upload.failedAfterAnswerMs).toBeLessThan(LINGER_MS + 2_000);
    }, 30_000);
  });
});
