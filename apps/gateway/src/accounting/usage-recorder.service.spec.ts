import type { UsageEvent, VerifiedKey } from '@conduit/contracts';
import { NOTHING_ADMITTED } from './chat-admission.service';
import { RequestLogRedaction } from './request-log-redaction';
import { UsageRecorder, type FinishedRequest } from './usage-recorder.service';

// Made-up values; never real accounts or credentials.
const EMAIL = 'ana.lopez@example.com';
const config = {
  GATEWAY_GUARDRAILS: 'enabled',
  GATEWAY_GUARDRAILS_TIMEOUT_MS: 2_000,
  GATEWAY_GUARDRAILS_TIMEOUT_PER_KB_MS: 5,
} as never;

const keyKeepingLogs = (days: number): VerifiedKey => ({
  keyId: `key_${'a'.repeat(32)}`,
  name: 'k',
  teamId: `team_${'b'.repeat(32)}`,
  userId: null,
  models: null,
  rpm: null,
  tpm: null,
  expiresAt: null,
  budgeted: false,
  requestLogRetentionDays: days,
  guardrails: null,
  cache: null,
});

const finished = (days: number): FinishedRequest => ({
  requestId: 'req_1',
  principal: { kind: 'key', key: keyKeepingLogs(days) },
  endpoint: 'chat.completions',
  request: { model: 'local/echo', messages: [{ role: 'user', content: `mail ${EMAIL}` }] },
  startedAt: performance.now(),
  admission: NOTHING_ADMITTED,
  outcome: {
    status: 'success',
    errorType: null,
    usage: null,
    charge: null,
    usageEstimated: false,
    timeToFirstTokenMs: null,
    responseText: `ok ${EMAIL}`,
  },
  guardrails: [],
});

function recorder() {
  const published: UsageEvent[] = [];
  const durable = {
    ensureLedgerStream: () => Promise.resolve(),
    publishDurable: jest.fn((_subject: string, event: UsageEvent) => {
      published.push(event);
      return Promise.resolve();
    }),
  };
  const messaging = {
    request: jest.fn((_subject: string, payload: { texts: string[] }) =>
      Promise.resolve({
        texts: payload.texts.map((text) => text.replaceAll(EMAIL, '[REDACTED_EMAIL]')),
        kinds: ['email'],
      }),
    ),
  };
  const usage = new UsageRecorder(durable as never, messaging as never, config);
  return { usage, published, messaging };
}

describe('UsageRecorder and request logs', () => {
  afterEach(() => jest.restoreAllMocks());

  it('asks for no redaction when the team keeps no logs', async () => {
    const { usage, published, messaging } = recorder();
    await usage.record(finished(0));
    expect(messaging.request).not.toHaveBeenCalled();
    expect(published).toHaveLength(1);
    expect(published[0].requestLog).toBeUndefined();
  });

  it('publishes one event carrying the log the guardrails redacted', async () => {
    const { usage, published, messaging } = recorder();
    await usage.record(finished(7));
    expect(messaging.request).toHaveBeenCalledTimes(1);
    expect(published).toHaveLength(1);
    expect(published[0].requestLog).toEqual({
      retentionDays: 7,
      model: 'local/echo',
      request: JSON.stringify({
        model: 'local/echo',
        messages: [{ role: 'user', content: 'mail [REDACTED_EMAIL]' }],
      }),
      response: 'ok [REDACTED_EMAIL]',
    });
  });

  it('starts redacting only on a later turn of the event loop, after the caller moved on', async () => {
    const { usage, messaging } = recorder();
    const recording = usage.record(finished(7));
    await Promise.resolve();
    expect(messaging.request).not.toHaveBeenCalled();
    await recording;
    expect(messaging.request).toHaveBeenCalledTimes(1);
  });

  it('still publishes exactly one event, without a log, when making the log fails', async () => {
    jest.spyOn(RequestLogRedaction.prototype, 'redact').mockRejectedValue(new Error('boom'));
    const { usage, published } = recorder();
    await usage.record(finished(7));
    expect(published).toHaveLength(1);
    expect(published[0].requestLog).toBeUndefined();
    expect(JSON.stringify(published)).not.toContain(EMAIL);
  });
});

describe('UsageRecorder at shutdown', () => {
  it('waits for an event whose log is still being redacted', async () => {
    const { usage, published, messaging } = recorder();
    let answer: (value: { texts: string[]; kinds: string[] }) => void = () => undefined;
    messaging.request.mockImplementationOnce(
      () => new Promise((resolve) => (answer = resolve)) as never,
    );
    void usage.record(finished(7));
    const shutdown = usage.beforeApplicationShutdown();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(published).toHaveLength(0);
    answer({ texts: ['local/echo', 'user', 'mail x', 'ok x'], kinds: [] });
    await shutdown;
    expect(published).toHaveLength(1);
  });
});
