import { adversarialStrings, doublingRatio, repeatTo, timeWithinBudget } from '@conduit/testing';
import { MAX_REDACTED_CHARS, redactForLog } from './request-log.redactor';

// Hostile input is normal input (issue 12): the redactor runs on the gateway's event loop, so
// a slow pattern freezes every request. Budgets are generous for a shared 2-core machine; the
// quadratic patterns this guards against took minutes on these inputs, not seconds.
const MEGABYTE_BUDGET_MS = 3_000;
const corpus = adversarialStrings();

describe('redactForLog on hostile input', () => {
  it.each(corpus.map((entry) => [entry.name, entry.text] as const))(
    'redacts 1 MB of %s within the budget, even with the length cap lifted',
    (_name, text) => {
      expect(timeWithinBudget(() => redactForLog(text, Infinity), MEGABYTE_BUDGET_MS)).toBeLessThan(
        MEGABYTE_BUDGET_MS,
      );
    },
  );

  it.each(['a.', 'a@', 'a.a@a.', 'sk-', '-eyJ', 'a', '1 ', '-----BEGIN PRIVATE KEY-----\n'])(
    'takes about twice as long for twice as much of %j',
    (unit) => {
      const ratio = doublingRatio(
        (text) => redactForLog(text, Infinity),
        (size) => repeatTo(unit, size),
        250_000,
      );
      expect(ratio).toBeLessThan(3);
    },
  );

  it('cuts the text before redacting it', () => {
    const text = `${'word '.repeat(MAX_REDACTED_CHARS)}ana@example.com`;
    const redacted = redactForLog(text);
    expect(redacted).toHaveLength(MAX_REDACTED_CHARS);
    expect(redactForLog('hello world', 5)).toBe('hello');
  });

  it('replaces a key block whose END line is missing, up to where the key material stops', () => {
    const key = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nBKcwggSjAgEAAoIB';
    expect(redactForLog(`${key}\nplease check this`)).toBe('<PRIVATE_KEY>\nplease check this');
    expect(redactForLog(JSON.stringify({ content: key }))).toBe('{"content":"<PRIVATE_KEY>"}');
  });

  it('replaces a key cut in half by the length cap', () => {
    const text = `${'x '.repeat(100)}-----BEGIN RSA PRIVATE KEY-----\n${'QUJD'.repeat(100)}`;
    expect(redactForLog(text, 300)).toBe(`${'x '.repeat(100)}<PRIVATE_KEY>`);
  });

  it('still replaces complete blocks after an unterminated one', () => {
    const block = '-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIBkg\n-----END EC PRIVATE KEY-----';
    expect(redactForLog(`${block} and ${block}`)).toBe('<PRIVATE_KEY> and <PRIVATE_KEY>');
  });
});
