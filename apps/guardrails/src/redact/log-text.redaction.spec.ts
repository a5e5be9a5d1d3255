import { loadConfig } from '@conduit/config';
import { GuardrailsConfigSchema } from '../config/guardrails-config.schema';
import { PolicyResolver } from '../policy/policy-resolver';
import { redactForStorage } from './log-text.redaction';
import { RedactHandler } from './redact.handler';

// Made-up values with valid checksums; never real accounts or credentials.
const PHONE = '+1 (415) 555-2671';
const IBAN = 'DE89370400440532013000';
const GITHUB_TOKEN = 'ghp_Zx9Qw3Rt7Yu1Io5Pa8Sd2Fg6Hj0Kl4Mn7Bv2';
const EMAIL = 'ana.lopez@example.com';
const CARD = '4111 1111 1111 1111';

describe('redactForStorage', () => {
  it.each([
    ['a US phone number with brackets', `call ${PHONE} today`, 'call [REDACTED_PHONE] today'],
    ['an unspaced IBAN', `pay to ${IBAN} now`, 'pay to [REDACTED_IBAN] now'],
    ['a GitHub token', `token ${GITHUB_TOKEN} leaked`, 'token [REDACTED_GITHUB_TOKEN] leaked'],
    ['an e-mail address', `mail ${EMAIL}.`, 'mail [REDACTED_EMAIL].'],
    ['a card number', `card ${CARD} exp 09/27`, 'card [REDACTED_CREDIT_CARD] exp 09/27'],
  ])('replaces %s', (_label, text, expected) => {
    expect(redactForStorage(text).text).toBe(expected);
  });

  it('names the kinds it replaced, never the values', () => {
    const redacted = redactForStorage(`${EMAIL} / ${GITHUB_TOKEN} / ${EMAIL}`);
    expect(redacted.kinds).toEqual(['email', 'github_token', 'email']);
    expect(JSON.stringify(redacted)).not.toContain('ana.lopez');
  });

  it('sees a value spelled with zero-width characters in between', () => {
    const hidden = 'ana.lo\u200Bpez@exam\u200Dple.com';
    expect(redactForStorage(`mail ${hidden}`).text).toBe('mail [REDACTED_EMAIL]');
  });

  it('leaves clean text as it is', () => {
    const text = 'Summarise the meeting notes from 12 March 2026 in 3 bullet points.';
    expect(redactForStorage(text)).toEqual({ text, kinds: [] });
  });

  it('stays linear on a large text', () => {
    const started = performance.now();
    redactForStorage(`${EMAIL} ${PHONE} filler words here `.repeat(5_000));
    expect(performance.now() - started).toBeLessThan(3_000);
  });
});

describe('RedactHandler', () => {
  const config = loadConfig(GuardrailsConfigSchema, { NATS_URL: 'nats://127.0.0.1:4222' });
  const handler = new RedactHandler(new PolicyResolver(config));

  it('redacts each text in order and lists each kind once', () => {
    const result = handler.redact({
      requestId: 'req_1',
      texts: [`from ${EMAIL}`, 'nothing here', `${IBAN} and ${EMAIL}`],
    });
    expect(result).toEqual({
      texts: ['from [REDACTED_EMAIL]', 'nothing here', '[REDACTED_IBAN] and [REDACTED_EMAIL]'],
      kinds: ['email', 'iban'],
    });
  });

  it('reads national numbers in the key’s phone regions, whatever its modes', () => {
    const text = 'ring 03-1234-5678 tonight';
    const byDefault = handler.redact({ requestId: 'req_2', policy: { pii: 'off' }, texts: [text] });
    expect(byDefault.texts).toEqual(['ring [REDACTED_PHONE] tonight']);
    // A key whose policy reads no national numbers: only international ones are phone numbers.
    const none = handler.redact({
      requestId: 'req_3',
      policy: { pii_phone_regions: [] },
      texts: [text, 'ring +1 (415) 555-2671'],
    });
    expect(none.texts).toEqual([text, 'ring [REDACTED_PHONE]']);
  });
});
