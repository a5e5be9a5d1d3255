import { apiClient, eventually, uniqueName, type ApiClient } from './support/api';
import { startSystem, type RunningSystem } from './support/system';

// Made-up values; never real accounts or credentials.
const EMAIL = 'ana.lopez@example.com';
const SECRET = 'sk-proj-Zx9Qw3Rt7Yu1Io5Pa8Sd2Fg6';
const PROMPT = `Forward the invoice to ${EMAIL}; the account key is ${SECRET}.`;

interface RequestLogRow {
  request_id: string;
  team_id: string | null;
  key_id: string | null;
  model: string;
  request: string;
  response: string | null;
  created_at: Date;
  expires_at: Date;
}

const DAY_MS = 86_400_000;

/**
 * The gateway publishes a redacted request log when the key's team keeps them; the ledger
 * stores it until `created_at + retention days`.
 */
describe('request logs (e2e)', () => {
  let system: RunningSystem;
  let admin: ApiClient;

  beforeAll(async () => {
    // Guardrails off: the prompt reaches local/echo untouched and comes back in the answer, so
    // anything kept out of the log was kept out by the request-log redaction itself.
    system = await startSystem({
      services: ['llm', 'ledger'],
      env: { GATEWAY_GUARDRAILS: 'disabled' },
    });
    admin = apiClient(system.baseUrl, system.adminKey);
  });

  afterAll(async () => {
    await system?.close();
  });

  const keyOfTeamKeeping = async (days: number) => {
    const team = await admin.createTeam({
      name: uniqueName('logs'),
      request_log_retention_days: days,
    });
    expect(team.request_log_retention_days).toBe(days);
    const key = await admin.createKey({ name: uniqueName('key'), team_id: team.id });
    return { team, key, client: apiClient(system.baseUrl, key.key) };
  };

  const logOf = async (requestId: string) =>
    (
      await eventually(
        () =>
          system.query<RequestLogRow>('SELECT * FROM request_logs WHERE request_id = $1', [
            requestId,
          ]),
        (rows) => rows.length > 0,
      )
    )[0];

  const expectRedacted = (stored: string | null) => {
    expect(stored).not.toBeNull();
    expect(stored).not.toContain(EMAIL);
    expect(stored).not.toContain(SECRET);
    expect(stored).toContain('<EMAIL>');
    expect(stored).toContain('<API_KEY>');
  };

  it('a completion is logged redacted, expiring after the team’s retention', async () => {
    const { team, key, client } = await keyOfTeamKeeping(7);
    const sentAt = Date.now();
    const response = await client.chat({
      model: 'local/echo',
      messages: [{ role: 'user', content: PROMPT }],
    });
    expect(response.status).toBe(200);
    // The caller gets the answer as is: redaction applies to the log only.
    expect(JSON.stringify(response.body)).toContain(SECRET);
    const requestId = response.headers.get('x-request-id')!;
    expect(requestId).toMatch(/^req_/);

    const log = await logOf(requestId);
    expect(log).toMatchObject({ team_id: team.id, key_id: key.id, model: 'local/echo' });
    expect(Math.abs(log.created_at.getTime() - sentAt)).toBeLessThan(60_000);
    expect(log.expires_at.getTime() - log.created_at.getTime()).toBe(7 * DAY_MS);
    expect(Math.abs(log.expires_at.getTime() - (sentAt + 7 * DAY_MS))).toBeLessThan(60_000);

    expectRedacted(log.request);
    expect(JSON.parse(log.request)).toMatchObject({
      model: 'local/echo',
      messages: [
        { role: 'user', content: 'Forward the invoice to <EMAIL>; the account key is <API_KEY>.' },
      ],
    });
    expectRedacted(log.response);
    expect(log.response).toBe('Forward the invoice to <EMAIL>; the account key is <API_KEY>.');
  });

  it('a streamed answer is logged whole, redacted', async () => {
    const { client } = await keyOfTeamKeeping(3);
    const response = await client.call('POST', '/v1/chat/completions', {
      model: 'local/echo',
      stream: true,
      messages: [{ role: 'user', content: PROMPT }],
    });
    expect(response.status).toBe(200);
    expect(response.text).toContain('[DONE]');
    const requestId = response.headers.get('x-request-id')!;

    const log = await logOf(requestId);
    expect(log.expires_at.getTime() - log.created_at.getTime()).toBe(3 * DAY_MS);
    expectRedacted(log.request);
    expect(log.response).toBe('Forward the invoice to <EMAIL>; the account key is <API_KEY>.');
  });

  it('a team with retention 0 keeps no request logs', async () => {
    const none = await keyOfTeamKeeping(0);
    const kept = await keyOfTeamKeeping(1);
    const body = { model: 'local/echo', messages: [{ role: 'user', content: PROMPT }] };
    const unlogged = await none.client.chat(body);
    expect(unlogged.status).toBe(200);
    const unloggedId = unlogged.headers.get('x-request-id')!;
    // Logged after the first, on the same stream: once it is stored, the first would be too.
    const logged = await kept.client.chat(body);
    await logOf(logged.headers.get('x-request-id')!);
    // The usage was recorded (the request was seen), but no log.
    const usage = await eventually(
      () => system.query('SELECT 1 FROM usage_events WHERE request_id = $1', [unloggedId]),
      (rows) => rows.length > 0,
    );
    expect(usage).toHaveLength(1);
    expect(
      await system.query('SELECT 1 FROM request_logs WHERE request_id = $1', [unloggedId]),
    ).toEqual([]);
  });
});
