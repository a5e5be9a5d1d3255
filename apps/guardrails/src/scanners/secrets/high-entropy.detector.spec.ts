import { detectHighEntropyTokens } from './high-entropy.detector';
import { isPlaceholderValue } from './placeholder-value';
import { shannonEntropy } from './shannon-entropy';

let state = 7;
function random(alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    out += alphabet[(state >>> 8) % alphabet.length];
  }
  return out;
}
const B62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const found = (text: string) =>
  detectHighEntropyTokens(text).map((f) => text.slice(f.start, f.end));

describe('detectHighEntropyTokens', () => {
  it('flags labelled random strings of 20+ characters', () => {
    const token = random(B62, 24) + '9a';
    expect(found(`X-Api-Key: ${token}`)).toEqual([token]);
    expect(found(`Das Passwort ist ${token}`)).toEqual([token]);
    expect(found(`webhook_secret="${token}"`)).toEqual([token]);
  });

  it('flags labelled hex keys of key size but not unlabelled hex digests', () => {
    const hex = random('0123456789abcdef', 40);
    expect(found(`DATADOG_API_KEY=${hex}`)).toEqual([hex]);
    expect(found(`commit ${hex}`)).toEqual([]);
    expect(found(`sha1 ${hex} matches`)).toEqual([]);
  });

  it('flags unlabelled strings only when long and close to random', () => {
    const token = random(B62, 40) + 'aZ9';
    expect(found(`here you go ${token} thanks`)).toEqual([token]);
    expect(found(`short one ${random(B62, 24)}`)).toEqual([]);
  });

  it('scores below the issuer-specific detectors and keeps the value out of the reason', () => {
    const token = random(B62, 32) + 'q1';
    const [finding] = detectHighEntropyTokens(`token=${token}`);
    expect(finding.score).toBeLessThan(0.8);
    expect(finding.reason).not.toContain(token);
  });

  it.each([
    'api_key = getApiKeyFromEnvironmentVariables',
    'token: 123e4567-e89b-12d3-a456-426614174000',
    'secret: ${STRIPE_SECRET_KEY_FOR_PRODUCTION}',
    'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
    '"integrity": "sha512-ZmFrZSBpbnRlZ3JpdHkgaGFzaCBmb3IgdGVzdHMgb25seSwgbm90IGEgc2VjcmV0IGF0IGFsbA=="',
    'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFakeKeyMaterialForTestsOnly0123456789AbCdEf user@host',
    'see example.com/QWxhZGRpbjpvcGVuIHNlc2FtZQ3xYz9 for details',
  ])('ignores %s', (text) => expect(found(text)).toEqual([]));

  it('is linear on a megabyte of one long base64 run', () => {
    const started = Date.now();
    detectHighEntropyTokens(random(B62, 1_000_000));
    detectHighEntropyTokens('token aB3 '.repeat(100_000));
    expect(Date.now() - started).toBeLessThan(3000);
  });
});

describe('helpers', () => {
  it('measures entropy in bits per character', () => {
    expect(shannonEntropy('')).toBe(0);
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('abcd')).toBe(2);
  });

  it.each([
    'YOUR_API_KEY_HERE',
    'xxxxxxxxxxxxxxxx',
    'abcdef123456',
    'your-token-goes-here',
    '000000abc',
  ])('treats %s as a placeholder', (value) => expect(isPlaceholderValue(value)).toBe(true));

  it('does not treat random strings as placeholders', () => {
    expect(isPlaceholderValue('Q7vR2mK9xLp4TnB8wZ3c')).toBe(false);
    expect(isPlaceholderValue('RAFDELBJNZLSUMNG')).toBe(false);
  });
});
