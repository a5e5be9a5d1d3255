import { detectGcpServiceAccounts } from './gcp-service-account.detector';
import { detectPrivateKeys } from './private-key.detector';
import { detectSecrets } from './secrets.detector';

const body = (lines: number, seed: number) =>
  Array.from({ length: lines }, (_, i) =>
    Buffer.from(`${seed}-${i}-not-a-real-key-material-just-bytes`).toString('base64').slice(0, 64),
  ).join('\n');
const pem = (label: string, lines = 4) =>
  [`-----BEGIN ${label}-----`, body(lines, label.length), `-----END ${label}-----`].join('\n');

describe('detectPrivateKeys', () => {
  it.each([
    'RSA PRIVATE KEY',
    'EC PRIVATE KEY',
    'OPENSSH PRIVATE KEY',
    'PRIVATE KEY',
    'ENCRYPTED PRIVATE KEY',
    'PGP PRIVATE KEY BLOCK',
  ])('covers a whole %s block', (label) => {
    const block = pem(label);
    const text = `my key:\n${block}\nthanks`;
    const [finding] = detectPrivateKeys(text);
    expect(text.slice(finding.start, finding.end)).toBe(block);
    expect(finding.reason).not.toContain(body(1, label.length));
  });

  it('covers a truncated block as far as the key material goes', () => {
    const lines = body(3, 1);
    const text = `-----BEGIN RSA PRIVATE KEY-----\n${lines}\n\nwhat is wrong with it?`;
    const [finding] = detectPrivateKeys(text);
    expect(text.slice(finding.start, finding.end)).toBe(
      `-----BEGIN RSA PRIVATE KEY-----\n${lines}`,
    );
    expect(finding.reason).toContain('truncated');
  });

  it('understands JSON-escaped newlines', () => {
    const escaped = pem('PRIVATE KEY').replace(/\n/g, '\\n');
    const [finding] = detectPrivateKeys(`"private_key": "${escaped}\\n"`);
    expect(finding.end - finding.start).toBe(escaped.length);
  });

  it('ignores public keys and certificates', () => {
    expect(detectSecrets(pem('PUBLIC KEY', 6))).toEqual([]);
    expect(detectSecrets(pem('CERTIFICATE', 6))).toEqual([]);
  });
});

describe('detectGcpServiceAccounts', () => {
  const account = [
    '{',
    '  "type": "service_account",',
    '  "project_id": "acme-prod-123456",',
    '  "private_key_id": "0123456789abcdef0123456789abcdef01234567",',
    `  "private_key": "${pem('PRIVATE KEY').replace(/\n/g, '\\n')}\\n",`,
    '  "client_email": "svc@acme-prod-123456.iam.gserviceaccount.com"',
    '}',
  ].join('\n');

  it('reports the whole JSON object, which wins over the key inside it', () => {
    const text = `here is key.json:\n${account}\nwhy does auth fail?`;
    const findings = detectSecrets(text);
    expect(findings.map((f) => f.kind)).toEqual(['gcp_service_account']);
    expect(text.slice(findings[0].start, findings[0].end)).toBe(account);
  });

  it('runs to the end of a truncated paste', () => {
    const truncated = account.slice(0, account.indexOf('client_email'));
    const [finding] = detectGcpServiceAccounts(`key: ${truncated}`);
    expect(finding.end).toBe(`key: ${truncated}`.length);
  });

  it('needs a private key', () => {
    expect(detectGcpServiceAccounts('{"type": "service_account", "project_id": "x"}')).toEqual([]);
  });
});
