import { redactForLog } from './request-log.redactor';

// Made-up values; never real accounts or credentials.
const JWT =
  'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';

describe('redactForLog', () => {
  it.each([
    ['an OpenAI-style key', 'key sk-proj-Ab12Cd34Ef56Gh78Ij90', 'key <API_KEY>'],
    ['a Conduit virtual key', `use sk-cnd-${'a1B2'.repeat(10)} here`, 'use <API_KEY> here'],
    ['a publishable key', 'pk-live_0123456789abcdefXYZ', '<API_KEY>'],
    ['an AWS access key id', 'aws AKIAIOSFODNN7EXAMPLE.', 'aws <API_KEY>.'],
    ['a JWT', `token=${JWT};`, 'token=<JWT>;'],
    ['a bearer token', 'Authorization: Bearer abc.DEF_123-xyz', 'Authorization: Bearer <SECRET>'],
    ['an email address', 'write to ana.lopez+news@mail.example.co.uk.', 'write to <EMAIL>.'],
    ['a card number', 'card 4111 1111 1111 1111 exp', 'card <NUMBER> exp'],
    ['a dashed card number', '4111-1111-1111-1111', '<NUMBER>'],
    ['a phone number', 'call +44 20 7946 0958 today', 'call <NUMBER> today'],
    ['an IBAN', 'iban BE68 5390 0754 7034 ok', 'iban <IBAN> ok'],
  ])('replaces %s', (_label, text, expected) => {
    expect(redactForLog(text)).toBe(expected);
  });

  it('replaces a whole private key block, line breaks included', () => {
    const pem = [
      '-----BEGIN RSA PRIVATE KEY-----',
      'MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun',
      '-----END RSA PRIVATE KEY-----',
    ].join('\n');
    expect(redactForLog(`before ${pem} after`)).toBe('before <PRIVATE_KEY> after');
    // As stored: inside a JSON-serialised request, where the line breaks are escaped.
    expect(redactForLog(JSON.stringify({ content: pem }))).toBe('{"content":"<PRIVATE_KEY>"}');
  });

  it('replaces every occurrence, not just the first', () => {
    expect(redactForLog('a@example.com, b@example.org and c@example.net')).toBe(
      '<EMAIL>, <EMAIL> and <EMAIL>',
    );
  });

  it('keeps a serialised request valid JSON with the secrets gone', () => {
    const request = {
      model: 'local/echo',
      max_tokens: 100,
      messages: [
        { role: 'system', content: 'You are terse.' },
        {
          role: 'user',
          content: 'Mail ana.lopez@example.com my key sk-proj-Ab12Cd34Ef56Gh78Ij90 please',
        },
      ],
    };
    const redacted = redactForLog(JSON.stringify(request));
    expect(redacted).not.toContain('ana.lopez@example.com');
    expect(redacted).not.toContain('Ab12Cd34Ef56Gh78Ij90');
    expect(JSON.parse(redacted)).toEqual({
      ...request,
      messages: [
        request.messages[0],
        { role: 'user', content: 'Mail <EMAIL> my key <API_KEY> please' },
      ],
    });
  });

  it.each([
    'Summarise chapter 3 of the 2024-05-01 report in 200 words.',
    'order 12345 shipped, version 1.2.3, 99.5% done',
    'sk-short and pk-tiny are not keys',
    'The Bearer of bad news',
    'user@localhost is not an address',
  ])('leaves ordinary text alone: %s', (text) => {
    expect(redactForLog(text)).toBe(text);
  });
});
