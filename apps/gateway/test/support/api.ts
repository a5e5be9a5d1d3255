import type { ApiKey, CreatedApiKey, Team, UsageReport, User } from '@conduit/contracts';
import OpenAI from 'openai';

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  /** The raw body (an SSE stream or CSV, say). */
  text: string;
}

/** A plain HTTP caller for the admin and usage APIs (the OpenAI SDK has no such endpoints). */
export function apiClient(baseUrl: string, key: string) {
  const call = async <T = unknown>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<ApiResponse<T>> => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const contentType = response.headers.get('content-type') ?? '';
    return {
      status: response.status,
      headers: response.headers,
      body: (contentType.includes('json') ? JSON.parse(text) : text) as T,
      text,
    };
  };
  const ok = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await call<T>(method, path, body);
    if (response.status >= 300) {
      throw new Error(`${method} ${path} → ${response.status}: ${JSON.stringify(response.body)}`);
    }
    return response.body;
  };
  return {
    call,
    createTeam: (body: Record<string, unknown>) => ok<Team>('POST', '/v1/admin/teams', body),
    createUser: (body: Record<string, unknown>) => ok<User>('POST', '/v1/admin/users', body),
    createKey: (body: Record<string, unknown>) => ok<CreatedApiKey>('POST', '/v1/admin/keys', body),
    listKeys: (query = '') => ok<{ data: ApiKey[] }>('GET', `/v1/admin/keys${query}`),
    revokeKey: (id: string) => ok<ApiKey>('DELETE', `/v1/admin/keys/${id}`),
    usage: (query = '') => ok<UsageReport>('GET', `/v1/usage${query}`),
    chat: (body: Record<string, unknown>) =>
      call<Record<string, unknown>>('POST', '/v1/chat/completions', body),
  };
}

export type ApiClient = ReturnType<typeof apiClient>;

/** Polls until `check` passes: usage reaches the ledger asynchronously, through JetStream. */
export async function eventually<T>(
  probe: () => Promise<T>,
  check: (value: T) => boolean,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (check(value)) return value;
    if (Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A unique name per test, so reruns against one database never collide. */
export function uniqueName(base: string): string {
  return `${base}-${Math.random().toString(36).slice(2, 8)}`;
}

/** Parses the usage CSV export into one object per row. */
export function parseCsv(text: string): Array<Record<string, string>> {
  const [header, ...lines] = text.trim().split('\r\n');
  const columns = (header ?? '').split(',');
  return lines
    .filter((line) => line.length > 0)
    .map((line) => Object.fromEntries(line.split(',').map((cell, i) => [columns[i], cell])));
}

/** The OpenAI SDK error a call failed with; fails the test when it succeeded or threw else. */
export async function failureOf(
  promise: Promise<unknown>,
): Promise<InstanceType<typeof OpenAI.APIError>> {
  const failure = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(failure).toBeInstanceOf(OpenAI.APIError);
  return failure as InstanceType<typeof OpenAI.APIError>;
}
