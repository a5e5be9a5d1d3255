import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiClient, uniqueName } from '../support/api';
import { startSystem, type RunningSystem } from '../support/system';

/** One line of corpus/hostile-requests.jsonl (written by corpus/generate-corpus.mjs). */
interface HostileRequest {
  name: string;
  method: string;
  path: string;
  /** `admin`, `virtual`, `none`, or a literal Authorization header value. */
  auth: string;
  headers?: Record<string, string>;
  body?: string;
}

interface Outcome {
  name: string;
  problem: string;
}

const CORPUS: HostileRequest[] = readFileSync(
  join(__dirname, 'corpus/hostile-requests.jsonl'),
  'utf8',
)
  .split('\n')
  .filter((line) => line.trim().length > 0)
  .map((line) => JSON.parse(line) as HostileRequest);

/** Longest any single hostile request may take before it counts as a hang. */
const PER_REQUEST_MS = 30_000;
const CONCURRENCY = 4;

/** `«<count>×<text>»` stands for text repeated count times (megabyte payloads, kept small here). */
function expand(template: string): string {
  return template.replace(/«(\d+)×([^»]*)»/g, (_, count: string, text: string) =>
    text.repeat(Number(count)),
  );
}

/**
 * The hostile-input corpus (over 300 requests: megabyte adversarial strings, NUL and lone
 * surrogates everywhere text goes, wrong types, broken bodies, odd URLs, methods and
 * credentials) replayed against the whole running system. Any 5xx, error body not in the
 * OpenAI (or, on /v1/messages, Anthropic) shape with its request id, stream that ends in an
 * error, hang or crash fails the run.
 */
describe('hostile-input corpus replayed against the running system (e2e)', () => {
  let system: RunningSystem;
  let virtualKey: string;
  let collection: string;

  beforeAll(async () => {
    system = await startSystem();
    const admin = apiClient(system.baseUrl, system.adminKey);
    const team = await admin.createTeam({
      name: uniqueName('hostile'),
      budget: { amount_usd: 1000, period: 'monthly' },
    });
    virtualKey = (await admin.createKey({ name: uniqueName('key'), team_id: team.id })).key;
    collection = uniqueName('hostile');
    const created = await apiClient(system.baseUrl, virtualKey).call('POST', '/v1/collections', {
      name: collection,
    });
    expect(created.status).toBe(200);
  }, 120_000);

  afterAll(async () => {
    await system?.close();
  });

  it('has at least 300 requests', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(300);
  });

  it('answers every request without a 5xx, an unshaped error, an error in a stream or a hang', async () => {
    const problems: Outcome[] = [];
    let next = 0;
    const worker = async () => {
      while (next < CORPUS.length) {
        const entry = CORPUS[next++];
        const startedAt = Date.now();
        const problem = await replay(entry).catch((error: unknown) => `threw: ${String(error)}`);
        // HOSTILE_CORPUS_LOG=<file> traces each request's time, to find what is slow.
        if (process.env.HOSTILE_CORPUS_LOG) {
          appendFileSync(
            process.env.HOSTILE_CORPUS_LOG,
            `${Date.now() - startedAt} ms\t${entry.name}\t${problem ?? 'ok'}\n`,
          );
        }
        if (problem) problems.push({ name: entry.name, problem });
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    expect(problems).toEqual([]);

    // Still alive and still serving.
    expect((await fetch(`${system.baseUrl}/health/live`)).status).toBe(200);
    const hello = await apiClient(system.baseUrl, virtualKey).chat({
      model: 'local/echo',
      messages: [{ role: 'user', content: 'still there?' }],
    });
    expect(hello.status).toBe(200);
  }, 900_000);

  /** Sends one corpus request; returns what is wrong with the answer, or undefined. */
  async function replay(entry: HostileRequest): Promise<string | undefined> {
    const headers: Record<string, string> = { ...entry.headers };
    const authorization =
      entry.auth === 'admin'
        ? `Bearer ${system.adminKey}`
        : entry.auth === 'virtual'
          ? `Bearer ${virtualKey}`
          : entry.auth === 'none'
            ? undefined
            : entry.auth;
    if (authorization) headers['authorization'] = authorization;
    const body =
      entry.body === undefined
        ? undefined
        : expand(entry.body).replaceAll('{{collection}}', collection);
    if (
      body !== undefined &&
      !Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')
    ) {
      headers['content-type'] = 'application/json';
    }
    const path = entry.path.replaceAll('{{collection}}', collection);
    const response = await fetch(`${system.baseUrl}${path}`, {
      method: entry.method,
      headers,
      body,
      signal: AbortSignal.timeout(PER_REQUEST_MS),
    });
    const text = await response.text();
    const requestId = response.headers.get('x-request-id');
    if (response.status >= 500) return `status ${response.status}: ${text.slice(0, 300)}`;
    if (!requestId) return `status ${response.status} without x-request-id`;
    if (response.status >= 400) {
      if (entry.method === 'HEAD') return undefined;
      return shapeProblem(path, text, requestId, response.status);
    }
    if ((response.headers.get('content-type') ?? '').includes('text/event-stream')) {
      if (/^data: \{"error"/m.test(text) || /^event: error/m.test(text)) {
        return `stream ended in an error: ${text.slice(-300)}`;
      }
    }
    return undefined;
  }
});

function shapeProblem(
  path: string,
  text: string,
  requestId: string,
  status: number,
): string | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return `status ${status} with a body that is not JSON: ${text.slice(0, 200)}`;
  }
  const anthropic = path.startsWith('/v1/messages');
  const error = (body as { error?: Record<string, unknown> }).error;
  const id = anthropic
    ? (body as { request_id?: unknown }).request_id
    : (error as { request_id?: unknown } | undefined)?.request_id;
  const shaped = anthropic
    ? (body as { type?: unknown }).type === 'error' &&
      typeof error?.['type'] === 'string' &&
      typeof error?.['message'] === 'string'
    : typeof error?.['type'] === 'string' &&
      typeof error?.['message'] === 'string' &&
      'code' in error &&
      'param' in error;
  if (!shaped) return `status ${status} not in the expected error shape: ${text.slice(0, 200)}`;
  if (id !== requestId)
    return `status ${status}: body request id ${String(id)} ≠ header ${requestId}`;
  return undefined;
}
