import { detectSecrets } from './secrets.detector';

// Fake secrets are generated at run time from a fixed seed, so no secret-shaped literal sits in
// the source for secret scanners to trip over (and none of them is real).
let state = 0x5eed;
function random(alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    out += alphabet[(state >>> 8) % alphabet.length];
  }
  return out;
}
const B62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const B64 = B62 + '+/';
const B64URL = B62 + '-_';
const p = (...parts: string[]) => parts.join('');

const fake = {
  openai: () => p('sk-', 'proj-', random(B64URL, 60), random('0123456789', 2)),
  openaiLegacy: () => p('sk-', random(B62, 46), '7Q'),
  anthropic: () => p('sk-', 'ant-', 'api03-', random(B64URL, 93), 'AA'),
  conduit: () => p('sk-', 'cnd-', random(B62, 38), '4x'),
  awsId: () => p('AKIA', random('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 14), '7Q'),
  awsSecret: () => p(random(B64, 38), 'a1'),
  github: () => p('ghp', '_', random(B62, 36)),
  githubPat: () => p('github', '_pat_', random(B62, 22), '_', random(B62, 59)),
  slack: () =>
    p('xoxb', '-', random('0123456789', 12), '-', random('0123456789', 13), '-', random(B62, 24)),
  stripe: () => p('sk', '_live_', random(B62, 24)),
  google: () => p('AIza', random(B64URL, 35)),
  azure: () => p(random(B64, 86), '=='),
};

const found = (text: string) =>
  detectSecrets(text).map((f) => [f.kind, text.slice(f.start, f.end)] as const);

describe('detectSecrets', () => {
  it.each([
    ['openai_api_key', (v: string) => `OPENAI_API_KEY=${v}`, fake.openai],
    ['openai_api_key', (v: string) => `api_key="${v}"`, fake.openaiLegacy],
    ['anthropic_api_key', (v: string) => `export ANTHROPIC_API_KEY=${v}`, fake.anthropic],
    ['conduit_api_key', (v: string) => `my conduit key ${v} fails`, fake.conduit],
    ['aws_access_key_id', (v: string) => `aws_access_key_id = ${v}`, fake.awsId],
    ['aws_secret_access_key', (v: string) => `aws_secret_access_key = ${v}`, fake.awsSecret],
    ['github_token', (v: string) => `git clone https://${v}@github.com/a/b`, fake.github],
    ['github_token', (v: string) => `GITHUB_TOKEN: ${v}`, fake.githubPat],
    ['slack_token', (v: string) => `SLACK_BOT_TOKEN="${v}"`, fake.slack],
    ['stripe_key', (v: string) => `stripe.api_key = '${v}'`, fake.stripe],
    ['google_api_key', (v: string) => `maps?key=${v}&q=Berlin`, fake.google],
    [
      'azure_storage_key',
      (v: string) => `AccountName=acme;AccountKey=${v};EndpointSuffix=x`,
      fake.azure,
    ],
  ])('finds a %s with exact offsets', (kind, wrap, make) => {
    const value = make();
    const text = `→ ${wrap(value)} ✓`;
    expect(found(text)).toEqual([[kind, value]]);
    const [finding] = detectSecrets(text);
    expect(finding.reason).not.toContain(value);
    expect(finding.reason).not.toContain(value.slice(-12));
  });

  it('reports only the password of a URL', () => {
    const password = random(B62, 16);
    expect(found(`DATABASE_URL=postgres://app:${password}@db.internal:5432/x`)).toEqual([
      ['password_in_url', password],
    ]);
    expect(found(`redis://:${password}@cache:6379`)).toEqual([['password_in_url', password]]);
    expect(found('postgres://user:password@localhost/db and https://u:${PASS}@h')).toEqual([]);
  });

  it('finds JWTs whose header decodes to JSON with alg', () => {
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const jwt = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode({ sub: '42' })}.${random(B64URL, 43)}`;
    expect(found(`Authorization: Bearer ${jwt}`)).toEqual([['jwt', jwt]]);
    const notJwt = `${encode({ typ: 'x' })}.${encode({ sub: '42' })}.${random(B64URL, 43)}`;
    expect(found(`value ${notJwt}`).map(([kind]) => kind)).not.toContain('jwt');
  });

  it('prefers the specific kind over high_entropy_token', () => {
    const key = fake.openai();
    expect(found(`secret token: ${key}`)).toEqual([['openai_api_key', key]]);
    const anthropic = fake.anthropic();
    expect(found(anthropic)).toEqual([['anthropic_api_key', anthropic]]);
  });

  it.each([
    'sk-... and YOUR_API_KEY and sk-your-api-key-here',
    `${p('sk', '-', 'x'.repeat(32))} is the placeholder`,
    `${p('ghp', '_', 'X'.repeat(36))} in the docs`,
    `${p('AKIA', 'IOSFODNN7', 'EXAMPLE')} from the AWS docs`,
    'commit 3f2c1a9b8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b fixed it',
    'request 123e4567-e89b-12d3-a456-426614174000 failed',
    'color: #ff00aa; background: #0a0a0a',
    'getUserAccountSettingsByIdentifierAndTimestamp',
    '/usr/local/lib/node_modules/typescript/lib/tsserver.js',
    'https://github.com/acme/platform/blob/main/packages/server/src/index.ts',
    'SGVsbG8gV29ybGQgdGhpcyBpcyBhIHRlc3Qgc3RyaW5nIQ==',
    'docker pull ghcr.io/acme/api@sha256:0123fedcba98765432100123456789abcdef0123456789abcdef0123456789ab',
    'Our keys start with sk-cnd- followed by 40 characters.',
    'password: ${DB_PASSWORD}',
  ])('ignores %s', (text) => expect(found(text)).toEqual([]));

  it('returns sorted, non-overlapping findings and nothing for the empty string', () => {
    expect(detectSecrets('')).toEqual([]);
    const text = `a ${fake.github()} b ${fake.stripe()} c ${fake.awsId()} d ${fake.google()}`;
    const findings = detectSecrets(text);
    expect(findings).toHaveLength(4);
    for (let i = 1; i < findings.length; i++) {
      expect(findings[i].start).toBeGreaterThanOrEqual(findings[i - 1].end);
    }
  });

  it.each([
    ['base64 characters', 'aB3+'],
    ['dashes', 'sk-'],
    ['eyJ', 'eyJ'],
    ['dotted base64url', 'eyJhbGciOi.'],
    ['URL userinfo', 'a://b:c'],
    ['AccountKey', 'AccountKey='],
    ['BEGIN lines', '-----BEGIN PRIVATE KEY-----\n'],
    ['service-account keys', '"type": "service_account",'],
  ])('stays fast on 1 MB of %s', (_name, unit) => {
    const text = unit.repeat(Math.ceil(1_000_000 / unit.length));
    const started = Date.now();
    detectSecrets(text);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
