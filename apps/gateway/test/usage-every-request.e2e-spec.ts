import Anthropic from '@anthropic-ai/sdk';
import { eventually } from './support/api';
import { startSystem, type RunningSystem } from './support/system';

interface UsageRow {
  endpoint: string;
  requested_model: string;
  status: string;
  error_type: string | null;
  cost: string;
}

// README: every authenticated request is one usage row — also one the gateway refused as
// invalid before any model was involved, and each under the API it came through.
describe('one usage row per authenticated request, under its endpoint (e2e)', () => {
  let system: RunningSystem;

  beforeAll(async () => {
    system = await startSystem({ services: ['llm', 'embedding', 'guardrails', 'ledger'] });
  });

  afterAll(() => system?.close());

  const rowOf = (requestId: string) =>
    eventually(
      () =>
        system.query<UsageRow>(
          'SELECT endpoint, requested_model, status, error_type, cost::text AS cost FROM usage_events WHERE request_id = $1',
          [requestId],
        ),
      (rows) => rows.length === 1,
    );

  const post = (path: string, body: unknown) =>
    fetch(`${system.baseUrl}${path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${system.adminKey}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify(body),
    });

  it.each([
    ['/v1/chat/completions', 'chat.completions', { model: 'local/echo', messages: 'not a list' }],
    ['/v1/messages', 'messages', { model: 'local/echo', max_tokens: 'many', messages: [] }],
    ['/v1/embeddings', 'embeddings', { model: 'local/echo', input: [1, 2, 3] }],
  ])('books a body %s refused as invalid, at cost 0', async (path, endpoint, body) => {
    const response = await post(path, body);
    expect(response.status).toBe(400);
    const requestId = response.headers.get('x-request-id') ?? response.headers.get('request-id');
    expect(requestId).toMatch(/^req_/);
    const rows = await rowOf(requestId!);
    expect(rows).toEqual([
      {
        endpoint,
        requested_model: 'local/echo',
        status: 'error',
        error_type: 'validation_error',
        cost: '0',
      },
    ]);
  });

  it('records /v1/messages as messages, not chat.completions', async () => {
    const anthropic = new Anthropic({
      apiKey: system.adminKey,
      baseURL: system.baseUrl,
      maxRetries: 0,
    });
    const message = await anthropic.messages
      .create({ model: 'local/echo', max_tokens: 32, messages: [{ role: 'user', content: 'Hi.' }] })
      .withResponse();
    const rows = await rowOf(message.request_id!);
    expect(rows[0]).toMatchObject({ endpoint: 'messages', status: 'success' });
  });
});
