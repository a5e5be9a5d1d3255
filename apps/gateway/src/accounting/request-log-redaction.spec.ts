import { ServiceUnavailableError, TimeoutError, type RedactRequest } from '@conduit/contracts';
import { FALLBACK_MARK, RequestLogRedaction } from './request-log-redaction';

// Made-up values; never real accounts or credentials.
const EMAIL = 'ana.lopez@example.com';
const body = { model: 'local/echo', messages: [{ role: 'user', content: `mail ${EMAIL}` }] };
const config = {
  GATEWAY_GUARDRAILS: 'enabled' as const,
  GATEWAY_GUARDRAILS_TIMEOUT_MS: 2_000,
  GATEWAY_GUARDRAILS_TIMEOUT_PER_KB_MS: 5,
};

/** A guardrails service that redacts e-mails, or fails with `failure`. */
function messagingThat(failure?: Error) {
  const calls: Array<{ subject: string; payload: RedactRequest; timeoutMs?: number }> = [];
  const messaging = {
    request: jest.fn(
      (subject: string, payload: RedactRequest, options?: { timeoutMs?: number }) => {
        calls.push({ subject, payload, timeoutMs: options?.timeoutMs });
        if (failure) return Promise.reject(failure);
        return Promise.resolve({
          texts: payload.texts.map((text) => text.replaceAll(EMAIL, '[REDACTED_EMAIL]')),
          kinds: ['email'],
        });
      },
    ),
  };
  return { messaging: messaging as never, calls };
}

describe('RequestLogRedaction', () => {
  it('redacts the body’s texts and the answer through guardrails.v1.redact', async () => {
    const { messaging, calls } = messagingThat();
    const log = await new RequestLogRedaction(messaging, config).redact(
      'req_1',
      { pii_phone_regions: ['JP'] },
      body,
      `Sure, ${EMAIL}`,
    );
    expect(calls).toHaveLength(1);
    expect(calls[0].subject).toBe('guardrails.v1.redact');
    expect(calls[0].payload.texts.at(-1)).toBe(`Sure, ${EMAIL}`);
    expect(calls[0].payload.policy).toEqual({ pii_phone_regions: ['JP'] });
    expect(calls[0].timeoutMs).toBe(2_005);
    expect(log).toEqual({
      request: JSON.stringify({
        model: 'local/echo',
        messages: [{ role: 'user', content: 'mail [REDACTED_EMAIL]' }],
      }),
      response: 'Sure, [REDACTED_EMAIL]',
      redactedBy: 'guardrails',
    });
  });

  it.each([
    ['is unavailable', new ServiceUnavailableError('no responders')],
    ['times out', new TimeoutError('timed out')],
  ])(
    'falls back to the gateway patterns and marks the log when guardrails %s',
    async (_label, failure) => {
      const { messaging } = messagingThat(failure);
      const log = await new RequestLogRedaction(messaging, config).redact(
        'req_2',
        null,
        body,
        EMAIL,
      );
      expect(log.redactedBy).toBe('gateway_fallback');
      expect(log.request.startsWith(`{${FALLBACK_MARK},`)).toBe(true);
      expect(JSON.parse(log.request)).toEqual({
        conduit_redaction: 'gateway_fallback',
        model: 'local/echo',
        messages: [{ role: 'user', content: 'mail <EMAIL>' }],
      });
      expect(log.response).toBe('<EMAIL>');
    },
  );

  it('falls back when the reply does not match what was sent', async () => {
    const messaging = { request: () => Promise.resolve({ texts: [], kinds: [] }) } as never;
    const log = await new RequestLogRedaction(messaging, config).redact('req_3', null, body, null);
    expect(log.redactedBy).toBe('gateway_fallback');
    expect(log.response).toBeNull();
  });

  it('uses the gateway patterns, unmarked and without a call, when guardrails are disabled', async () => {
    const { messaging, calls } = messagingThat();
    const log = await new RequestLogRedaction(messaging, {
      ...config,
      GATEWAY_GUARDRAILS: 'disabled',
    }).redact('req_4', null, body, null);
    expect(calls).toHaveLength(0);
    expect(log).toEqual({
      request: JSON.stringify({
        model: 'local/echo',
        messages: [{ role: 'user', content: 'mail <EMAIL>' }],
      }),
      response: null,
      redactedBy: 'gateway',
    });
  });
});
