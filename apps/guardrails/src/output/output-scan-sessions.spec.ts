import { loadConfig } from '@conduit/config';
import { NotFoundError, type OutputScanRequest } from '@conduit/contracts';
import { GuardrailsConfigSchema } from '../config/guardrails-config.schema';
import { PolicyResolver } from '../policy/policy-resolver';
import { OutputScanService } from './output-scan.service';
import { OutputScanSessions } from './output-scan-sessions';

function sessions(env: Record<string, string> = {}) {
  const config = loadConfig(GuardrailsConfigSchema, { NATS_URL: 'nats://127.0.0.1:4222', ...env });
  return new OutputScanSessions(new OutputScanService(new PolicyResolver(config), config), config);
}

const window = (requestId: string, text: string, extra: Partial<OutputScanRequest> = {}) => ({
  requestId,
  policy: null,
  text,
  final: false,
  systemPrompt: 'Be brief.',
  canary: null,
  placeholders: [],
  responseFormat: null,
  answer: null,
  openSession: true,
  choice: 0,
  ...extra,
});

describe('OutputScanSessions', () => {
  let open: OutputScanSessions | undefined;
  afterEach(() => {
    open?.onModuleDestroy();
    jest.useRealTimers();
  });

  it('keeps a session per choice until the final window, then forgets it', () => {
    open = sessions();
    expect(open.scan(window('r', 'hello there, '), 'me').session).toBe('me');
    expect(open.scan(window('r', 'other choice ', { choice: 1 }), 'me').session).toBe('me');
    expect(open.size).toBe(2);
    const last = open.scanInSession({ requestId: 'r', choice: 0, text: 'bye', final: true }, 'me');
    expect(last.release.endsWith('bye')).toBe(true);
    expect(open.size).toBe(1);
    expect(() =>
      open?.scanInSession({ requestId: 'r', choice: 0, text: 'more', final: false }, 'me'),
    ).toThrow(NotFoundError);
  });

  it('releases everything a stream sent, exactly once, across windows', () => {
    open = sessions();
    const parts = ['The total is ', 'forty two euros, ', 'paid by card ', 'on Monday.'];
    let shown = open.scan(window('r2', parts[0] ?? ''), 'me').release;
    for (const [i, part] of parts.slice(1).entries()) {
      const final = i === parts.length - 2;
      shown += open.scanInSession({ requestId: 'r2', choice: 0, text: part, final }, 'me').release;
    }
    expect(shown).toBe(parts.join(''));
  });

  it('opens no session for a final window, or past GUARDRAILS_MAX_SESSIONS', () => {
    open = sessions({ GUARDRAILS_MAX_SESSIONS: '1' });
    expect(open.scan(window('a', 'whole answer', { final: true }), 'me').session).toBeUndefined();
    expect(open.scan(window('b', 'first window '), 'me').session).toBe('me');
    expect(open.scan(window('c', 'no room left '), 'me').session).toBeUndefined();
  });

  it('drops a session left idle', () => {
    jest.useFakeTimers();
    open = sessions({ GUARDRAILS_SESSION_IDLE_MS: '1000' });
    open.scan(window('idle', 'started and abandoned '), 'me');
    expect(open.size).toBe(1);
    jest.advanceTimersByTime(2_500);
    expect(open.size).toBe(0);
  });

  it('reports a JSON answer that is not JSON on its final window, however long it was', () => {
    open = sessions();
    const json = { responseFormat: { type: 'json_object' as const } };
    const parts = ['{"items": ["first item", ', '"second item", "third item", ', '"no closing'];
    open.scan(window('j', parts[0] ?? '', json), 'me');
    open.scanInSession({ requestId: 'j', choice: 0, text: parts[1] ?? '', final: false }, 'me');
    const last = open.scanInSession(
      { requestId: 'j', choice: 0, text: parts[2] ?? '', final: true },
      'me',
    );
    expect(last.findings).toEqual([
      expect.objectContaining({ scanner: 'json_schema', kind: 'invalid_json', action: 'flagged' }),
    ]);
  });
});

describe('OutputScanSessions (JSON text across windows)', () => {
  let open: OutputScanSessions | undefined;
  afterEach(() => open?.onModuleDestroy());

  it('keeps a tool call its own session, and knows a later window begins inside a string', () => {
    open = sessions();
    const args = `{"note": "${'a long note that goes on '.repeat(4)}", "to": "jane.doe@example.org"}`;
    const cut = args.indexOf('goes on') + 3;
    const first = open.scan(window('t', args.slice(0, cut), { toolCall: 1 }), 'me');
    expect(first.session).toBe('me');
    // The content of the same choice is another text, with a session of its own.
    open.scan(window('t', 'Sending it now. '), 'me');
    expect(open.size).toBe(2);
    const last = open.scanInSession(
      { requestId: 't', choice: 0, toolCall: 1, text: args.slice(cut), final: true },
      'me',
    );
    expect(JSON.parse(first.release + last.release)).toEqual({
      note: 'a long note that goes on '.repeat(4),
      to: '[REDACTED_EMAIL]',
    });
    expect(open.size).toBe(1);
  });

  it('redacts inside a string that began in an earlier window', () => {
    open = sessions();
    const answer = `{"items": ["${'x '.repeat(60)}mail jane.doe@example.org", "y"]}`;
    const json = { responseFormat: { type: 'json_object' as const } };
    const cut = answer.indexOf('mail');
    const first = open.scan(window('s', answer.slice(0, cut), json), 'me');
    const last = open.scanInSession(
      { requestId: 's', choice: 0, text: answer.slice(cut), final: true },
      'me',
    );
    expect(JSON.parse(first.release + last.release)).toEqual({
      items: [`${'x '.repeat(60)}mail [REDACTED_EMAIL]`, 'y'],
    });
  });
});

describe('OutputScanSessions (schema literals in a stream)', () => {
  let open: OutputScanSessions | undefined;
  afterEach(() => open?.onModuleDestroy());

  it('holds a short string still arriving, so an enum value is judged whole, not redacted', () => {
    open = sessions();
    const value = `billing@example.com handles ${'every invoice question, '.repeat(5)}and more`;
    const responseFormat = {
      type: 'json_schema' as const,
      json_schema: {
        name: 'route',
        schema: { type: 'object', properties: { queue: { enum: [value] } } },
      },
    };
    const answer = JSON.stringify({ note: 'word '.repeat(30), queue: value });
    // The window ends 100 characters into the value: past the usual hold of 64.
    const cut = answer.indexOf('billing') + 100;
    const first = open.scan(window('e', answer.slice(0, cut), { responseFormat }), 'me');
    // Nothing of the value is released until it is whole.
    expect(first.release).not.toContain('billing');
    expect(first.release.length).toBeGreaterThan(100);
    const last = open.scanInSession(
      { requestId: 'e', choice: 0, text: answer.slice(cut), final: true },
      'me',
    );
    expect(JSON.parse(first.release + last.release)).toEqual(JSON.parse(answer));
  });
});
