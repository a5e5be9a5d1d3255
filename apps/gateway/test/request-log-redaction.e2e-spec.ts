import { apiClient, eventually, uniqueName, type ApiClient } from './support/api';
import { startSystem, type RunningSystem } from './support/system';

// Made-up values with valid checksums; never real accounts or credentials. The gateway's own
// patterns miss the first three (`redactForLog`); the guardrails' detectors find all four.
const PHONE = '+1 (415) 555-2671';
const IBAN = 'DE89370400440532013000';
const GITHUB_TOKEN = 'ghp_Zx9Qw3Rt7Yu1Io5Pa8Sd2Fg6Hj0Kl4Mn7Bv2';
const EMAIL = 'ana.lopez@example.com';
const PROMPT = `Call me on ${PHONE}, pay ${IBAN}, my token is ${GITHUB_TOKEN}, mail ${EMAIL}.`;
const VALUES = [PHONE, IBAN, GITHUB_TOKEN, EMAIL];
const REDACTED = `Call me on [REDACTED_PHONE], pay [REDACTED_IBAN], my token is [REDACTED_GITHUB_TOKEN], mail [REDACTED_EMAIL].`;

// The key lets everything through to the model and back, so local/echo answers with the values
// and anything kept out of the stored log was kept out by the log's redaction.
const LET_THROUGH = { pii: 'off', secrets: 'off', output_pii: 'off', output_secrets: 'off' };

/** The answer text of an SSE response: its chunks' content deltas, joined. */
function streamedText(sse: string): string {
  return sse
    .split('\n')
    .filter((line) => line.startsWith('data: {'))
    .map((line) => {
      const chunk = JSON.parse(line.slice(6)) as {
        choices?: Array<{ delta?: { content?: string | null } }>;
      };
      return chunk.choices?.[0]?.delta?.content ?? '';
    })
    .join('');
}

interface RequestLogRow {
  request: string;
  response: string | null;
}

/** Request logs redacted by the guardrails service (`guardrails.v1.redact`), gateway to ledger. */
describe('request-log redaction through the guardrails (e2e)', () => {
  let system: RunningSystem;
  let admin: ApiClient;

  beforeAll(async () => {
    // Open: with the guardrails stopped, prompts still reach the model (the fallback case).
    system = await startSystem({
      services: ['llm', 'guardrails', 'ledger'],
      env: { GATEWAY_GUARDRAILS_FAILURE_MODE: 'open' },
    });
    admin = apiClient(system.baseUrl, system.adminKey);
  });

  afterAll(() => system?.close());

  const clientOfTeamKeepingLogs = async () => {
    const team = await admin.createTeam({
      name: uniqueName('logs'),
      request_log_retention_days: 7,
    });
    const key = await admin.createKey({
      name: uniqueName('key'),
      team_id: team.id,
      guardrails: LET_THROUGH,
    });
    return apiClient(system.baseUrl, key.key);
  };

  const storedFor = async (requestId: string) => {
    const [log] = await eventually(
      () =>
        system.query<RequestLogRow>(
          'SELECT request, response FROM request_logs WHERE request_id = $1',
          [requestId],
        ),
      (rows) => rows.length > 0,
    );
    const events = await system.query('SELECT 1 FROM usage_events WHERE request_id = $1', [
      requestId,
    ]);
    return { log, events: events.length };
  };

  it.each([
    ['a completion', false],
    ['a stream', true],
  ])('stores %s with every value redacted, prompt and answer', async (_label, stream) => {
    const client = await clientOfTeamKeepingLogs();
    const response = await client.chat({
      model: 'local/echo',
      stream,
      messages: [{ role: 'user', content: PROMPT }],
    });
    expect(response.status).toBe(200);
    // The caller's answer is untouched (the key lets values through); only the log is redacted.
    expect(stream ? streamedText(response.text) : response.text).toContain(GITHUB_TOKEN);
    const requestId = response.headers.get('x-request-id')!;

    const { log, events } = await storedFor(requestId);
    expect(events).toBe(1);
    for (const value of VALUES) {
      expect(log.request).not.toContain(value);
      expect(log.response).not.toContain(value);
    }
    expect(JSON.parse(log.request)).toMatchObject({
      model: 'local/echo',
      messages: [{ role: 'user', content: REDACTED }],
    });
    expect(log.request).not.toContain('conduit_redaction');
    expect(log.response).toBe(REDACTED);
  });

  it('falls back to the gateway’s patterns when the guardrails are down, marks the log, books one event', async () => {
    const client = await clientOfTeamKeepingLogs();
    await system.stop('guardrails');
    try {
      const response = await client.chat({
        model: 'local/echo',
        messages: [{ role: 'user', content: PROMPT }],
      });
      expect(response.status).toBe(200);
      const { log, events } = await storedFor(response.headers.get('x-request-id')!);
      expect(events).toBe(1);
      expect(log.request.startsWith('{"conduit_redaction":"gateway_fallback",')).toBe(true);
      expect(JSON.parse(log.request)).toMatchObject({ conduit_redaction: 'gateway_fallback' });
      expect(log.request).not.toContain(EMAIL);
      expect(log.response).toContain('<EMAIL>');
    } finally {
      await system.start('guardrails');
    }
  });
});
