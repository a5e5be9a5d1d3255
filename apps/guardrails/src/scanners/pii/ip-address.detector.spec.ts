import { detectIpAddresses } from './ip-address.detector';

const found = (text: string) => detectIpAddresses(text).map((f) => text.slice(f.start, f.end));

describe('detectIpAddresses', () => {
  it.each([
    ['server 192.168.1.10 is down', '192.168.1.10'],
    ['connect to 10.0.0.1:8080', '10.0.0.1'],
    ['subnet 10.0.0.0/8.', '10.0.0.0'],
    ['bind 0.0.0.0 and 127.0.0.1', '0.0.0.0'],
    ['edge 255.255.255.255', '255.255.255.255'],
    ['v6 2001:db8::1 ok', '2001:db8::1'],
    ['full 2001:0db8:85a3:0000:0000:8a2e:0370:7334.', '2001:0db8:85a3:0000:0000:8a2e:0370:7334'],
    ['link-local fe80::1%eth0', 'fe80::1'],
    ['bracketed [2606:4700::6810:85e5]:443', '2606:4700::6810:85e5'],
    ['mapped ::ffff:192.0.2.128', '::ffff:192.0.2.128'],
    ['Die IP-Adresse lautet 203.0.113.7.', '203.0.113.7'],
  ])('finds the address in %s', (text, expected) => expect(found(text)[0]).toBe(expected));

  it('flags loopback and unspecified addresses too (policy decides what matters)', () => {
    expect(found('0.0.0.0 127.0.0.1 ::1 is too short to be sure')).toEqual([
      '0.0.0.0',
      '127.0.0.1',
    ]);
  });

  it.each([
    'version v1.2.3.4',
    'Windows 10.0.19041.1234',
    'OID 1.3.6.1.4.1.311',
    'five parts 1.2.3.4.5',
    'octet too big 256.1.1.1',
    'leading zeros 01.02.03.04',
    'build-1.2.3.4',
    'upgrade from 2.0.1 to 4.0.0.0',
    'Rust std::fmt::Display and C++ a::b',
    'time 12:30:45 and MAC 00:1A:2B:3C:4D:5E',
    'ratio 3:2, list: a, b',
    'semver 1.2.3',
    'UUID 123e4567-e89b-12d3-a456-426614174000',
  ])('ignores %s', (text) => expect(found(text)).toEqual([]));

  it('keeps offsets exact next to unicode and never echoes the address', () => {
    const text = '🚀 Zugriff von 198.51.100.23 – blockieren';
    const [finding] = detectIpAddresses(text);
    expect(text.slice(finding.start, finding.end)).toBe('198.51.100.23');
    expect(finding.reason).not.toContain('198.51');
  });

  it('stays linear on pathological input', () => {
    const started = Date.now();
    detectIpAddresses('1.'.repeat(500_000));
    detectIpAddresses('a:'.repeat(500_000));
    detectIpAddresses('ff'.repeat(500_000) + ':');
    detectIpAddresses('1:1.'.repeat(250_000));
    expect(Date.now() - started).toBeLessThan(3000);
  });
});
