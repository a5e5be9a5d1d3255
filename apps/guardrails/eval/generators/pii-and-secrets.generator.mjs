#!/usr/bin/env node
// Writes eval/data/pii.jsonl and eval/data/secrets.jsonl: hand-written sentence templates
// filled with generated values (valid Luhn, valid IBAN checksums, plausible phone ranges,
// random fake secrets). Deterministic: a fixed-seed PRNG, no dependencies, no network.
// Run: node apps/guardrails/eval/generators/pii-and-secrets.generator.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SEED = 0x5eed2026;
const DATA_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'data');

// mulberry32: tiny, fast and good enough to vary test data reproducibly.
let state = SEED >>> 0;
function rand() {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (low, high) => low + Math.floor(rand() * (high - low + 1));
const pick = (items) => items[Math.floor(rand() * items.length)];
const chance = (p) => rand() < p;
const fromAlphabet = (alphabet, n) => Array.from({ length: n }, () => pick(alphabet)).join('');
const DIGITS = '0123456789';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const BASE62 = UPPER + LOWER + DIGITS;
const BASE64 = BASE62 + '+/';
const BASE64URL = BASE62 + '-_';
const HEX = '0123456789abcdef';
const digits = (n) => fromAlphabet(DIGITS, n);
const pad = (n, width) => String(n).padStart(width, '0');
const group = (value, sizes, sep) => {
  const parts = [];
  let at = 0;
  for (const size of sizes) {
    parts.push(value.slice(at, at + size));
    at += size;
  }
  if (at < value.length) parts.push(value.slice(at));
  return parts.filter(Boolean).join(sep);
};
const chunks = (value, size) => value.match(new RegExp(`.{1,${size}}`, 'g')).join('\n');

// ---------------------------------------------------------------- PII values
const FIRST = [
  'james',
  'maria',
  'li',
  'anna',
  'jürgen',
  'sophie',
  'carlos',
  'zoë',
  'ahmed',
  'emily',
  'lukas',
  'chloé',
  'javier',
  'priya',
  'olga',
  'noah',
  'léa',
  'mateo',
  'hannah',
  'kenji',
];
const LAST = [
  'smith',
  'garcia',
  'müller',
  'dubois',
  'nguyen',
  'schmidt',
  'martin',
  'fernández',
  'kowalski',
  'johnson',
  'rossi',
  'o.brien',
  'weber',
  'lefèvre',
  'patel',
  'tanaka',
];
const DOMAINS = [
  'gmail.com',
  'outlook.com',
  'yahoo.co.uk',
  'web.de',
  'gmx.net',
  'orange.fr',
  'free.fr',
  'telefonica.es',
  'acme-corp.com',
  'mail.uni-heidelberg.de',
  'company.io',
  'consulting.co',
  'example.org',
  'hospital-nord.de',
  'startup.ai',
  'posteo.de',
];
const ascii = (s) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace('ü', 'ue');

function email() {
  const first = chance(0.85) ? ascii(pick(FIRST)) : pick(FIRST);
  const last = ascii(pick(LAST)).replace('.', '');
  const local = pick([
    `${first}.${last}`,
    `${first[0]}.${last}`,
    `${first}${last}${int(1, 99)}`,
    `${first}_${last}`,
    `${first}+${pick(['news', 'work', 'shop'])}`,
    `${last}.${first}`,
    `${first[0]}${last}`,
  ]);
  const address = `${local}@${pick(DOMAINS)}`;
  return chance(0.1) ? address.replace(/^./, (c) => c.toUpperCase()) : address;
}

const US_AREAS = [
  '201',
  '202',
  '206',
  '212',
  '213',
  '305',
  '312',
  '404',
  '415',
  '469',
  '503',
  '512',
  '617',
  '646',
  '702',
  '713',
  '718',
  '773',
  '805',
  '818',
  '917',
  '919',
];
const usExchange = () => pick('23456789') + pick('0123456789') + pick('23456789');
function phoneUs() {
  const area = pick(US_AREAS);
  const exchange = usExchange();
  const line = digits(4);
  return pick([
    `(${area}) ${exchange}-${line}`,
    `${area}-${exchange}-${line}`,
    `${area}.${exchange}.${line}`,
    `+1 ${area} ${exchange} ${line}`,
    `+1-${area}-${exchange}-${line}`,
    `+1${area}${exchange}${line}`,
    `1-${area}-${exchange}-${line}`,
    `+1 (${area}) ${exchange}-${line}`,
  ]);
}
function phoneUk() {
  if (chance(0.5)) {
    const mobile = `7${pick('45789')}${digits(8)}`;
    return pick([
      `0${mobile.slice(0, 4)} ${mobile.slice(4)}`,
      `+44 ${mobile.slice(0, 4)} ${mobile.slice(4)}`,
      `+44${mobile}`,
      `+44 (0)${mobile.slice(0, 4)} ${mobile.slice(4)}`,
    ]);
  }
  const [area, rest] = pick([
    ['20', `${pick('378')}${digits(7)}`],
    ['161', digits(7).replace(/^./, pick('2345789'))],
    ['121', `${pick('2345')}${digits(6)}`],
    ['131', `${pick('2345')}${digits(6)}`],
  ]);
  const local =
    area === '20' ? `${rest.slice(0, 4)} ${rest.slice(4)}` : `${rest.slice(0, 3)} ${rest.slice(3)}`;
  return pick([`0${area} ${local}`, `+44 ${area} ${local}`, `+44 (0)${area} ${local}`]);
}
function phoneDe() {
  const [prefix, rest] = chance(0.5)
    ? [
        pick(['151', '152', '157', '160', '162', '170', '171', '172', '175', '176', '177', '179']),
        null,
      ]
    : [pick(['30', '89', '40', '69', '221', '711']), null];
  const mobile = prefix.startsWith('1');
  const subscriber =
    rest ??
    (mobile ? digits(prefix.startsWith('15') ? 8 : 7) : `${pick('2345789')}${digits(int(6, 7))}`);
  return pick([
    `0${prefix} ${subscriber}`,
    `0${prefix}/${subscriber}`,
    `+49 ${prefix} ${subscriber}`,
    `+49 (0)${prefix} ${subscriber}`,
    `0049 ${prefix} ${subscriber}`,
    `0${prefix}-${subscriber}`,
  ]);
}
function phoneFr() {
  const national = pick([
    `0${pick('12345')}${digits(8)}`,
    `06${digits(8)}`,
    `07${pick('3456789')}${digits(7)}`,
  ]);
  const pairs = national.match(/../g);
  return pick([
    pairs.join(' '),
    pairs.join('.'),
    `+33 ${national[1]} ${pairs.slice(1).join(' ')}`,
    `+33${national.slice(1)}`,
    `+33 (0)${national[1]} ${pairs.slice(1).join(' ')}`,
    national,
  ]);
}
function phoneEs() {
  const national = chance(0.6) ? `6${digits(8)}` : `9${pick('13')}${pick('2345')}${digits(6)}`;
  return pick([
    `+34 ${group(national, [3, 3, 3], ' ')}`,
    `${group(national, [3, 3, 3], ' ')}`,
    `${group(national, [3, 2, 2, 2], ' ')}`,
    `+34${national}`,
    `${group(national, [2, 3, 2, 2], ' ')}`,
  ]);
}
const PHONES = { us: phoneUs, uk: phoneUk, de: phoneDe, fr: phoneFr, es: phoneEs };
const phone = (variant) => (PHONES[variant] ?? PHONES[pick(Object.keys(PHONES))])();

function luhnComplete(partial) {
  let sum = 0;
  for (let i = partial.length - 1, double = true; i >= 0; i--, double = !double) {
    let d = Number(partial[i]) * (double ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return partial + ((10 - (sum % 10)) % 10);
}
const CARD_BRANDS = [
  [() => `4${digits(14)}`, [4, 4, 4, 4]],
  [() => `5${int(1, 5)}${digits(13)}`, [4, 4, 4, 4]],
  [() => `${int(2221, 2720)}${digits(11)}`, [4, 4, 4, 4]],
  [() => `3${pick('47')}${digits(12)}`, [4, 6, 5]],
  [() => `6011${digits(11)}`, [4, 4, 4, 4]],
  [() => `${int(3528, 3589)}${digits(11)}`, [4, 4, 4, 4]],
  [() => `36${digits(11)}`, [4, 6, 4]],
  [() => `62${digits(13)}`, [4, 4, 4, 4]],
];
function creditCard(valid = true) {
  const [body, sizes] = pick(CARD_BRANDS);
  let number = luhnComplete(body());
  if (!valid) number = number.slice(0, -1) + ((Number(number.at(-1)) + int(1, 9)) % 10);
  return pick([
    group(number, sizes, ' '),
    group(number, sizes, ' '),
    group(number, sizes, '-'),
    number,
    sizes.length === 4 ? group(number, [8, 8], ' ') : group(number, sizes, ' '),
  ]);
}

const IBAN_FORMATS = {
  DE: () => digits(18),
  GB: () => fromAlphabet(UPPER, 4) + digits(14),
  AT: () => digits(16),
  FR: () => digits(10) + fromAlphabet(DIGITS + UPPER, 11) + digits(2),
  ES: () => digits(20),
  IT: () => pick(UPPER) + digits(10) + fromAlphabet(DIGITS, 12),
  NL: () => fromAlphabet(UPPER, 4) + digits(10),
  CH: () => digits(5) + fromAlphabet(DIGITS, 12),
  BE: () => digits(12),
  PL: () => digits(24),
};
function mod97(value) {
  let remainder = 0;
  for (const char of value) {
    const n = /\d/.test(char) ? char : String(char.charCodeAt(0) - 55);
    for (const d of n) remainder = (remainder * 10 + Number(d)) % 97;
  }
  return remainder;
}
function iban(country, broken) {
  const code = country && IBAN_FORMATS[country] ? country : pick(Object.keys(IBAN_FORMATS));
  const bban = IBAN_FORMATS[code]();
  let check = pad(98 - mod97(`${bban}${code}00`), 2);
  let compact = `${code}${check}${bban}`;
  if (broken === 'check') {
    check = pad((Number(check) + int(1, 40)) % 97, 2);
    compact = `${code}${check}${bban}`;
  } else if (broken === 'length') {
    compact = compact.slice(0, -1);
  }
  return chance(0.6) ? compact.match(/.{1,4}/g).join(' ') : compact;
}

function ssn(variant = 'dash') {
  let area = int(1, 899);
  if (area === 666) area = 667;
  const parts = [pad(area, 3), pad(int(1, 99), 2), pad(int(1, 9999), 4)];
  return parts.join(variant === 'space' ? ' ' : variant === 'bare' ? '' : '-');
}

function ipv4() {
  return pick([
    () => `192.168.${int(0, 255)}.${int(1, 254)}`,
    () => `10.${int(0, 255)}.${int(0, 255)}.${int(1, 254)}`,
    () => `172.${int(16, 31)}.${int(0, 255)}.${int(1, 254)}`,
    () => `${int(11, 223)}.${int(0, 255)}.${int(0, 255)}.${int(1, 254)}`,
  ])();
}
function ipv6() {
  const h = () => Number(int(0, 65535)).toString(16);
  return pick([
    () => `2001:db8:${h()}:${h()}::${h()}`,
    () => `fe80::${h()}:${h().slice(0, 2)}ff:fe${h().slice(0, 2)}:${h()}`,
    () => `2a00:1450:${h()}:${h()}::${h()}`,
    () => Array.from({ length: 8 }, h).join(':'),
    () => `2606:4700:${h()}::${h()}:${h()}`,
    () => `::ffff:${ipv4()}`,
  ])();
}
const ipAddress = (variant) =>
  variant === 'v6' || (variant !== 'v4' && chance(0.3)) ? ipv6() : ipv4();

// ------------------------------------------------------------- look-alikes (no span)
const date = () =>
  pick([
    `2024-${pad(int(1, 12), 2)}-${pad(int(1, 28), 2)}`,
    `${pad(int(1, 28), 2)}.${pad(int(1, 12), 2)}.2023`,
    `${int(1, 12)}/${int(1, 28)}/2024`,
    `${pad(int(1, 28), 2)}/${pad(int(1, 12), 2)}/2025`,
  ]);
function isbn() {
  const body = `978${digits(9)}`;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(body[i]) * (i % 2 ? 3 : 1);
  const full = body + ((10 - (sum % 10)) % 10);
  return pick([
    full,
    `${full.slice(0, 3)}-${full[3]}-${full.slice(4, 6)}-${full.slice(6, 12)}-${full[12]}`,
  ]);
}
const LOOKALIKE = {
  order: () =>
    pick([
      `#${int(100000, 999999)}`,
      `${digits(3)}-${digits(7)}-${digits(7)}`,
      `ORD-2024-${digits(6)}`,
      `A${digits(9)}`,
      `${int(10000000, 99999999)}`,
    ]),
  tracking: () =>
    pick([
      `1Z${fromAlphabet(UPPER + DIGITS, 16)}`,
      `${digits(4)} ${digits(4)} ${digits(4)} ${digits(4)} ${digits(4)} ${digits(2)}`.replace(
        /^./,
        '9',
      ),
      `JJD${digits(18)}`,
      `LX${digits(9)}DE`,
    ]),
  badcard: () => creditCard(false),
  badiban: () => iban(undefined, pick(['check', 'length'])),
  date,
  isbn,
  time: () =>
    `${pad(int(0, 23), 2)}:${pad(int(0, 59), 2)}${chance(0.5) ? `:${pad(int(0, 59), 2)}` : ''}`,
  timestamp: () =>
    pick([
      String(int(1600000000, 1800000000)),
      `${int(1600000000, 1800000000)}${digits(3)}`,
      `2024-${pad(int(1, 12), 2)}-${pad(int(1, 28), 2)}T${pad(int(0, 23), 2)}:${pad(int(0, 59), 2)}:${pad(int(0, 59), 2)}Z`,
    ]),
  version: () =>
    pick([
      `v${int(0, 20)}.${int(0, 30)}.${int(0, 99)}`,
      `${int(1, 20)}.${int(0, 9)}.${int(0, 9)}.${int(0, 9)}`,
      `10.0.${int(10000, 22999)}.${int(100, 3000)}`,
      `${int(1, 5)}.${int(0, 40)}.${int(0, 200)}-beta.${int(1, 9)}`,
    ]),
  price: () =>
    pick([
      `$${int(1, 9)},${digits(3)}.${digits(2)}`,
      `€${int(1, 999)},${digits(2)}`,
      `${int(1, 99)} ${digits(3)},${digits(2)} €`,
      `£${int(1, 9999)}.${digits(2)}`,
      `USD ${int(1, 999)},${digits(3)},${digits(3)}.00`,
    ]),
  math: () =>
    pick([
      `${int(1000, 99999)} + ${int(1000, 99999)} = ${int(2000, 199998)}`,
      `${int(100, 999)} * ${int(100, 999)}`,
      `3.14159265358979`,
      `2^${int(20, 64)} = ${digits(int(8, 19)).replace(/^0/, '1')}`,
      `${int(1000000, 9999999)} / 7`,
    ]),
  badssn: () =>
    pick([
      `000-${digits(2)}-${digits(4)}`,
      `666-${pad(int(1, 99), 2)}-${digits(4)}`,
      `${int(900, 999)}-${pad(int(1, 99), 2)}-${digits(4)}`,
      `${pad(int(1, 899), 3)}-00-${digits(4)}`,
      `${pad(int(1, 899), 3)}-${pad(int(1, 99), 2)}-0000`,
    ]),
  zip: () => `${pick(['90210', '10001', '60614', '94105'])}-${digits(4)}`,
  coords: () => `${int(-89, 89)}.${digits(4)}, ${int(-179, 179)}.${digits(4)}`,
  mac: () => Array.from({ length: 6 }, () => fromAlphabet('0123456789ABCDEF', 2)).join(':'),
  uuid: () => [8, 4, 4, 4, 12].map((n) => fromAlphabet(HEX, n)).join('-'),
  sha: () => fromAlphabet(HEX, 40),
  shortsha: () => fromAlphabet(HEX, 7),
  oid: () => `1.3.6.1.4.1.${int(100, 60000)}.${int(1, 9)}`,
  population: () => `${int(1, 99)},${digits(3)},${digits(3)}`,
  ean: () => `40${digits(11)}`,
  hexcolor: () => `#${fromAlphabet('0123456789abcdef', pick([3, 6]))}`,
  int: () => String(int(2, 99999)),
  loadavg: () => `${int(0, 3)}.${digits(2)}, ${int(0, 3)}.${digits(2)}, ${int(0, 3)}.${digits(2)}`,
  expiry: () => `${pad(int(1, 12), 2)}/${int(25, 31)}`,
  room: () => `${int(1, 12)}${pad(int(1, 40), 2)}`,
  year: () => String(int(1990, 2030)),
};

// -------------------------------------------------------------- secret values
const b62 = (n) => fromAlphabet(BASE62, n);
const SECRETS = {
  openai_api_key: () =>
    pick([
      `sk-proj-${fromAlphabet(BASE64URL, 74)}T3BlbkFJ${fromAlphabet(BASE64URL, 74)}`,
      `sk-${b62(20)}T3BlbkFJ${b62(20)}`,
      `sk-svcacct-${fromAlphabet(BASE64URL, 64)}`,
      `sk-proj-${b62(48)}`,
    ]),
  anthropic_api_key: () => `sk-ant-${pick(['api03', 'admin01'])}-${fromAlphabet(BASE64URL, 93)}AA`,
  aws_access_key_id: () =>
    `${pick(['AKIA', 'AKIA', 'ASIA'])}${fromAlphabet('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}`,
  aws_secret_access_key: () => fromAlphabet(BASE64, 40),
  github_token: () =>
    pick([
      `${pick(['ghp', 'gho', 'ghu', 'ghs', 'ghr'])}_${b62(36)}`,
      `github_pat_${b62(22)}_${b62(59)}`,
    ]),
  slack_token: () =>
    `${pick(['xoxb', 'xoxp', 'xoxa', 'xoxr'])}-${digits(12)}-${digits(13)}-${b62(24)}`,
  stripe_key: () => `${pick(['sk_live', 'rk_live', 'sk_test'])}_${b62(pick([24, 99]))}`,
  google_api_key: () => `AIza${fromAlphabet(BASE64URL, 35)}`,
  azure_storage_key: () => `${fromAlphabet(BASE64, 86)}==`,
  conduit_api_key: () =>
    chance(0.8) ? `sk-cnd-${b62(40)}` : `sk-cnd-admin-${fromAlphabet(BASE64URL, 32)}`,
  password_in_url: () =>
    pick([
      fromAlphabet(BASE62 + '!*-_', int(10, 24)),
      `${pick(['Summer', 'Blue', 'Tiger'])}${int(10, 99)}${pick(['!', '#', '$'])}${b62(4)}`,
    ]),
  high_entropy_token: (variant) =>
    variant === 'hex'
      ? fromAlphabet(HEX, 32)
      : pick([
          fromAlphabet(HEX, 32),
          b62(40),
          fromAlphabet(BASE64, 44).replace(/.$/, '='),
          `${b62(24)}`,
        ]),
  hex32: () => fromAlphabet(HEX, 32),
  pem: (label) =>
    `-----BEGIN ${label}-----\n${chunks(fromAlphabet(BASE64, int(256, 900)), 64)}\n-----END ${label}-----`,
};
function jwt() {
  const enc = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const alg = pick(['HS256', 'RS256', 'ES256']);
  const header = enc({ alg, typ: 'JWT' });
  const payload = enc({
    sub: digits(int(4, 10)),
    name: `${pick(FIRST)} ${pick(LAST)}`,
    iat: int(1600000000, 1750000000),
    role: pick(['user', 'admin']),
  });
  return `${header}.${payload}.${fromAlphabet(BASE64URL, alg === 'RS256' ? 342 : alg === 'ES256' ? 86 : 43)}`;
}
function serviceAccount() {
  const project = `${pick(['acme', 'billing', 'ml'])}-${pick(['prod', 'dev'])}-${digits(6)}`;
  const key = SECRETS.pem('PRIVATE KEY').replace(/\n/g, '\\n');
  return `{\n  "type": "service_account",\n  "project_id": "${project}",\n  "private_key_id": "${fromAlphabet(HEX, 40)}",\n  "private_key": "${key}\\n",\n  "client_email": "svc@${project}.iam.gserviceaccount.com",\n  "client_id": "${digits(21)}"\n}`;
}
const SECRET_VALUES = {
  ...SECRETS,
  jwt,
  gcp_service_account: serviceAccount,
  private_key: () =>
    SECRETS.pem(
      pick([
        'RSA PRIVATE KEY',
        'PRIVATE KEY',
        'EC PRIVATE KEY',
        'OPENSSH PRIVATE KEY',
        'ENCRYPTED PRIVATE KEY',
      ]),
    ),
  pubkey: () => SECRETS.pem(pick(['PUBLIC KEY', 'CERTIFICATE'])),
  sshpub: () =>
    `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${fromAlphabet(BASE64, 43)} ${pick(FIRST)}@laptop`,
  integrity: () => `sha512-${fromAlphabet(BASE64, 86)}==`,
  digest: () => `sha256:${fromAlphabet(HEX, 64)}`,
  b64words: () =>
    Buffer.from(
      pick([
        'hello world, this is a test',
        'The quick brown fox jumps over the lazy dog',
        'meeting notes for tuesday',
        'user preferences: dark mode',
      ]),
    ).toString('base64'),
  identifier: () =>
    pick([
      'getUserAccountSettingsByIdentifier',
      'AbstractSingletonProxyFactoryBean',
      'handle_incoming_webhook_payload_v2',
      'useInfiniteScrollPaginationQuery',
      'MAX_CONCURRENT_UPLOAD_REQUESTS',
    ]),
  placeholder: () =>
    pick([
      'sk-...',
      'YOUR_API_KEY',
      '<your-token-here>',
      'sk-xxxxxxxxxxxxxxxxxxxxxxxx',
      'ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX',
      'AKIAIOSFODNN7EXAMPLE',
      'sk_test_YOUR_SECRET_KEY_HERE',
      '${OPENAI_API_KEY}',
      'xoxb-your-bot-token',
      'sk-ant-api03-YOUR-KEY-HERE',
      'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      '********',
      'REPLACE_ME_WITH_A_REAL_TOKEN',
    ]),
  podname: () =>
    `api-${fromAlphabet('0123456789bcdfghjklmnpqrstvwxz', 10)}-${fromAlphabet('0123456789bcdfghjklmnpqrstvwxz', 5)}`,
  ...LOOKALIKE,
};

// ---------------------------------------------------------------- templates
// Sentences people send to a model; `{kind}` slots get generated values, `{order}` etc. are
// look-alikes that must not be flagged. English first, then German, French and Spanish.
const PII_POSITIVE = [
  'Hi, please update my contact email to {email} and call me at {phone:us} if order {order} is delayed.',
  'You can reach our support lead at {email}.',
  'My card number is {credit_card}, expiry {expiry}, can you check why it was declined?',
  'Please charge {credit_card} for the ${int}.99 renewal.',
  'Wire the refund to IBAN {iban} (account holder: Maria Garcia).',
  'Employee record - name: John Smith, SSN: {us_ssn}, start date {date}.',
  'The server at {ip_address:v4} keeps timing out on port 443 since {date}.',
  'Draft a reply to "{email}" saying we will call back on {phone:us} tomorrow at {time}.',
  'Customer called from {phone:uk} about invoice {order}; email on file is {email}.',
  'Summarize this ticket: user {email} (IP {ip_address}) reports login failures after version {version}.',
  'My social security number is {us_ssn:bare}, please fill in the W-4 for me.',
  'Fill the form: Name: Ana Torres; Phone: {phone}; Email: {email}; SSN: {us_ssn}',
  'Here is the nginx log line: {ip_address:v4} - - [{date}] "GET /api/v1/users HTTP/1.1" 200 512',
  'Block traffic from {ip_address:v6} and {ip_address:v4} in the firewall config.',
  'Can you format this number nicely: {phone:us}',
  'Ping me on WhatsApp {phone:de} or mail {email}.',
  'Translate to German: "Please send the invoice to {email} and pay to {iban:de}."',
  'Card on file: {credit_card} (exp {expiry}). Billing phone {phone:us}.',
  'Our office IBAN is {iban:gb}; reference {order}.',
  "The tax preparer needs my SSN ({us_ssn}) and my wife's ({us_ssn}).",
  'ssn {us_ssn:space} dob {date}',
  'Why does `ssh deploy@{ip_address:v4}` hang? It worked yesterday.',
  'IPv6 gateway is {ip_address:v6}, DNS is {ip_address:v4}.',
  'My cell is {phone:us}, text me when the package {tracking} arrives.',
  'Contact: {email} | {phone:uk}',
  'pls refund to card {credit_card} thx',
  'Transfer EUR 1,250.00 to {iban} by {date}, reference {order}.',
  'List all users whose email ends like {email} in this CSV.',
  'Call +44 or local? The number is {phone:uk}.',
  'Reach me at {email} or at the front desk, room {room}.',
  'Applicant SSN: {us_ssn}. Applicant phone: {phone:us}.',
  'The VPN assigned me {ip_address:v4}/24 but I cannot reach {ip_address:v4}.',
  'Stripe says the card {credit_card} failed the CVC check.',
  'Bank details: {iban}, BIC DEUTDEFFXXX.',
  'My number changed to {phone} - update the CRM please.',
  'Forward all mail from {email} to {email}.',
  'Social Security No. {us_ssn:bare} belongs to the account holder.',
  'The DB replica {ip_address} is lagging by {int} seconds.',
  'Write a polite reminder to {email} that invoice {order} for {price} is overdue.',
  'Test order paid with {credit_card} on {date} at {time}.',
  'name,email,phone\nJane Roe,{email},{phone:us}\nJohn Poe,{email},{phone:uk}',
  'Soc. Sec. #: {us_ssn} - please verify before payroll runs on {date}.',
  'HR export | SSN {us_ssn} | DOB {date} | badge {order}',
  'Send it to <{email}> please.',
  'Our hotline {phone:us} ext. {int} is open 9-5.',
  'Client IP: {ip_address:v4}:{int} (user agent curl/{version})',
  // German
  'Bitte überweisen Sie den Betrag auf mein Konto {iban:de}. Bei Fragen erreichen Sie mich unter {phone:de}.',
  'Meine E-Mail-Adresse lautet {email}, meine Handynummer {phone:de}.',
  'Rufen Sie mich bitte zurück: {phone:de} (ab {time} Uhr).',
  'Die Rechnung {order} über {price} bitte an {email} schicken.',
  'Kreditkarte: {credit_card}, gültig bis {expiry}.',
  'Der Server {ip_address:v4} antwortet seit dem {date} nicht mehr.',
  'Kontoinhaber: Jürgen Müller, IBAN: {iban:at}',
  'Tel.: {phone:de}, Fax: {phone:de}, E-Mail: {email}',
  // French
  'Vous pouvez me joindre au {phone:fr} ou par e-mail à {email}.',
  'Merci de virer le remboursement sur le compte {iban:fr}.',
  "Mon numéro de carte est {credit_card}, date d'expiration {expiry}.",
  'Appelez-moi au {phone:fr} après {time}.',
  "L'adresse IP {ip_address} apparaît dans les logs du {date}.",
  'Coordonnées : {email}, tél. {phone:fr}, IBAN {iban:fr}.',
  // Spanish
  'Mi número de tarjeta es {credit_card} y mi correo es {email}.',
  'Llámame al {phone:es} cuando puedas.',
  'Por favor, haz la transferencia a la cuenta {iban:es} antes del {date}.',
  'Mi teléfono es {phone:es} y mi email {email}.',
  'La IP {ip_address:v4} está bloqueada desde la versión {version}.',
  'Datos del cliente: {email}, móvil {phone:es}, tarjeta {credit_card}.',
];

const PII_NEGATIVE = [
  'Your order {order} has shipped and should arrive by {date}.',
  'Tracking number: {tracking}. Estimated delivery {date}.',
  'The card number {badcard} was rejected as invalid - is that a typo?',
  'Upgrade from {version} to {version} before {date}.',
  'The total came to {price}, including tax.',
  'ISBN {isbn} is the second edition.',
  'Compute {math} and explain each step.',
  'Event logged at {timestamp} (unix time).',
  'This IBAN looks wrong: {badiban}. Can you check the format?',
  'Is {badssn} a valid SSN? I think the area number is never issued.',
  'Ship to ZIP {zip}, suite {room}.',
  'The meeting moved from {date} {time} to {date} {time}.',
  'Coordinates: {coords}.',
  'MAC address {mac} keeps reconnecting.',
  'Request id {uuid} failed with status 502.',
  'Fixed in commit {sha} (see also {shortsha}).',
  'SNMP OID {oid} reports the fan speed.',
  'Population grew to {population} in {year}.',
  'Barcode EAN {ean} scanned at register {int}.',
  'Brand colour is {hexcolor}, accent {hexcolor}.',
  'Section {version} of the spec covers retries.',
  'Invoice {order} for {price} is due on {date}.',
  'Node {version} was released on {date}.',
  'Use {int} workers and a timeout of {int} ms.',
  'Build {version} passed {int} of {int} tests.',
  'Reference: {order}, amount {price}, date {date}.',
  'Version string: Windows {version}',
  'Between {timestamp} and {timestamp} the error rate doubled.',
  'Totals: {population} impressions, {population} clicks.',
  'Patent US {population} B2 was cited.',
  'The parcel {tracking} is held at customs since {date}.',
  'Price changed from {price} to {price}.',
  'Roll back to {version}; the {date} release broke login.',
  'Answer: {math}',
  'Kindly check order {order} and ticket {order}.',
  // German
  'Ihre Bestellung {order} wurde am {date} versandt.',
  'Der Betrag von {price} wird am {date} abgebucht.',
  'Die Sendungsnummer lautet {tracking}.',
  'Bitte Version {version} installieren, nicht {version}.',
  'Kundennummer {order}, Vertragsbeginn {date}.',
  // French
  'Votre commande {order} sera livrée le {date}.',
  'Le total est de {price} TTC.',
  'Mettez à jour vers la version {version}.',
  'Le colis {tracking} est en transit depuis le {date} à {time}.',
  // Spanish
  'Tu pedido {order} llegará el {date}.',
  'El precio final es {price}.',
  'Actualiza a la versión {version} antes del {date}.',
  'Factura {order} por un total de {price}.',
  'Mañana a las {time} revisamos el número de seguimiento {tracking}.',
  'La población era de {population} habitantes en {year}.',
  'Ergebnis: {math}',
  'Résultat : {math}',
  'The checksum {sha} matches the release artifact.',
  'Room {room}, floor {int}, badge {order}.',
  'Server uptime {int} days, load average {loadavg}.',
];

const SECRET_POSITIVE = [
  'OPENAI_API_KEY={openai_api_key}',
  'Why does this fail? client = OpenAI(api_key="{openai_api_key}")',
  'export ANTHROPIC_API_KEY={anthropic_api_key}',
  'curl https://api.anthropic.com/v1/messages -H "x-api-key: {anthropic_api_key}" -H "content-type: application/json"',
  '[default]\naws_access_key_id = {aws_access_key_id}\naws_secret_access_key = {aws_secret_access_key}\nregion = eu-central-1',
  'AWS_ACCESS_KEY_ID={aws_access_key_id} AWS_SECRET_ACCESS_KEY={aws_secret_access_key} aws s3 ls',
  'My key id is {aws_access_key_id}, is that the right format?',
  'git clone https://{github_token}@github.com/acme/private-repo.git',
  'GITHUB_TOKEN: {github_token}',
  'The bot token is {slack_token} - why does chat.postMessage return not_in_channel?',
  'SLACK_BOT_TOKEN="{slack_token}"',
  'stripe.api_key = "{stripe_key}"',
  'I accidentally committed {stripe_key} to the repo, how do I rotate it?',
  'const maps = new Loader({ apiKey: "{google_api_key}" });',
  'https://maps.googleapis.com/maps/api/geocode/json?address=Berlin&key={google_api_key}',
  'Here is my service account file, why does auth fail?\n{gcp_service_account}',
  'DefaultEndpointsProtocol=https;AccountName=acmestorage;AccountKey={azure_storage_key};EndpointSuffix=core.windows.net',
  'Fix my deploy key:\n{private_key}',
  'id_rsa contents:\n{private_key}\nWhy does ssh say bad permissions?',
  'Decode this token for me: {jwt}',
  'Authorization: Bearer {jwt}',
  'My Conduit key {conduit_api_key} returns 401, is it revoked?',
  'CONDUIT_API_KEY={conduit_api_key}',
  'DATABASE_URL=postgres://app_user:{password_in_url}@db.internal.example.com:5432/orders',
  'mongodb+srv://admin:{password_in_url}@cluster0.abcde.mongodb.net/test?retryWrites=true',
  'redis://:{password_in_url}@cache.internal:6379/0',
  'amqp://rabbit:{password_in_url}@mq.example.net:5672/vhost',
  'DATADOG_API_KEY={high_entropy_token}',
  'webhook secret: {high_entropy_token}',
  'X-Api-Key: {high_entropy_token}',
  'Das Passwort für den Testserver ist {high_entropy_token}',
  'const SENTRY_AUTH_TOKEN = "{high_entropy_token}";',
  'Mailgun key: key-{high_entropy_token:hex}',
  'settings.py: SECRET_KEY = "{high_entropy_token}"',
  '{"api_key": "{high_entropy_token}", "endpoint": "https://api.example.com"}',
  'Voici ma clé OpenAI : {openai_api_key}',
  'Mi token de GitHub es {github_token}, ¿por qué falla el push?',
  'env:\n  - name: STRIPE_SECRET\n    value: {stripe_key}\n  - name: OPENAI_API_KEY\n    value: {openai_api_key}',
  'jwt={jwt}; session cookie expired?',
  'Rotate these: {aws_access_key_id}, {github_token}, {slack_token}',
  'ssh-agent refuses this key:\n{private_key}',
  'Can you check why psql fails with postgresql://reporting:{password_in_url}@10.0.3.12/analytics',
  'gcloud auth activate-service-account --key-file=key.json\n# key.json:\n{gcp_service_account}',
  'AZURE_STORAGE_CONNECTION_STRING="DefaultEndpointsProtocol=https;AccountName=logs{int};AccountKey={azure_storage_key}"',
  'google maps key {google_api_key} stopped working',
  'Conduit admin key: {conduit_api_key}',
  'anthropic key {anthropic_api_key} vs openai key {openai_api_key}, which env var?',
];

const SECRET_NEGATIVE = [
  'Request {uuid} failed; retry with idempotency key {uuid}.',
  'Merged PR #{int}: fix race in scheduler (commit {sha}).',
  'git cherry-pick {sha} {shortsha}',
  'docker pull ghcr.io/acme/api@{digest}',
  '"integrity": "{integrity}"',
  'body { color: {hexcolor}; background: {hexcolor}; }',
  'Set OPENAI_API_KEY to your key, e.g. OPENAI_API_KEY={placeholder}',
  'Replace {placeholder} with the value from the dashboard.',
  'The docs show {placeholder} as the example credential.',
  'Encoded payload: {b64words}',
  'Rename {identifier} to something shorter.',
  'See https://github.com/acme/platform/blob/main/packages/server/src/handlers/webhook.ts#L{int}',
  'Public key for verification:\n{pubkey}',
  'Add this to authorized_keys: {sshpub}',
  'Pod {podname} restarted {int} times.',
  'The file hash is {sha} and the MD5 is {hex32}.',
  'Session {uuid} started at {timestamp}.',
  'Use the header Authorization: Bearer <token> with your own token.',
  'Call client.chat.completions.create(model="gpt-4o", messages=messages) with api_key=os.environ["OPENAI_API_KEY"]',
  'Copy AKIA... from the IAM console into ~/.aws/credentials.',
  'Tracking {tracking} and order {order}.',
  'Image digest {digest} was promoted to prod.',
  'The ETag is "{hex32}".',
  'Version {version} (build {shortsha}) released.',
  'Run `npm ci` - lockfile entry {integrity}',
  'export GITHUB_TOKEN=$(gh auth token)',
  'password: ${DB_PASSWORD}',
  'postgres://user:password@localhost:5432/mydb is the default in the README.',
  'const key = process.env.STRIPE_SECRET_KEY;',
  'In Rust, use std::collections::HashMap and call map.entry(key).or_insert(0).',
  'The JWT format is header.payload.signature, each part base64url-encoded.',
  'Ticket {uuid}: customer cannot log in since {date}.',
  'Commit {sha} reverted {sha}.',
  'Colours: {hexcolor}, {hexcolor}, {hexcolor}.',
  'The S3 object is s3://acme-logs/{year}/{int}/{uuid}.json.gz',
  'Hash the password with bcrypt, never store it in plain text.',
  'Our API keys start with sk-cnd- followed by 40 characters.',
  'Token placeholder in config: api_token: "{placeholder}"',
  'Die Bestellnummer {order} und die Sendungsnummer {tracking}.',
  'La clé doit être définie dans la variable OPENAI_API_KEY.',
];
const PII_VALUES = {
  email,
  phone,
  credit_card: () => creditCard(true),
  iban: (v) => iban(v?.toUpperCase()),
  us_ssn: (v) => ssn(v),
  ip_address: ipAddress,
  ...LOOKALIKE,
};

/** Fills `{kind}` / `{kind:variant}` slots; slots named after a detector kind become gold spans. */
function fill(template, values, kinds, idPrefix, n) {
  let text = '';
  const spans = [];
  let cursor = 0;
  for (const match of template.matchAll(/\{([a-z][a-z0-9_]*)(?::([a-z0-9]+))?\}/g)) {
    text += template.slice(cursor, match.index);
    const [, name, variant] = match;
    const value = values[name](variant);
    if (kinds.includes(name))
      spans.push({ kind: name, start: text.length, end: text.length + value.length });
    text += value;
    cursor = match.index + match[0].length;
  }
  text += template.slice(cursor);
  return { id: `${idPrefix}-${pad(n, 4)}`, text, spans };
}

function build(positives, negatives, values, kinds, idPrefix, positiveRounds, negativeRounds) {
  const lines = [];
  for (let round = 0; round < positiveRounds; round++) {
    for (const template of positives)
      lines.push(fill(template, values, kinds, idPrefix, lines.length + 1));
  }
  for (let round = 0; round < negativeRounds; round++) {
    for (const template of negatives)
      lines.push(fill(template, values, kinds, idPrefix, lines.length + 1));
  }
  return lines;
}

const PII_KINDS = ['email', 'phone', 'credit_card', 'iban', 'us_ssn', 'ip_address'];
const SECRET_KINDS = [
  'openai_api_key',
  'anthropic_api_key',
  'aws_access_key_id',
  'aws_secret_access_key',
  'github_token',
  'slack_token',
  'stripe_key',
  'google_api_key',
  'gcp_service_account',
  'azure_storage_key',
  'private_key',
  'jwt',
  'conduit_api_key',
  'password_in_url',
  'high_entropy_token',
];

const pii = build(PII_POSITIVE, PII_NEGATIVE, PII_VALUES, PII_KINDS, 'pii', 5, 3);
const secrets = build(SECRET_POSITIVE, SECRET_NEGATIVE, SECRET_VALUES, SECRET_KINDS, 'sec', 4, 3);

// ------------------------------------ issue 18: more card brands and national phones
// Appended after everything above with its own seed, so the earlier lines (and secrets.jsonl)
// stay byte-identical. Cards: every length 12-19 and the legacy brands (13/19-digit Visa,
// 12-19-digit Maestro, 15-digit JCB 2131/1800), plus Luhn-valid numbers of no known brand
// written next to a card word. Phones: national numbers without a country code, 7-digit
// North American local numbers, extensions. Negatives: Luhn-valid identifiers that are not
// cards (IMEI, ICCID, EAN, order and transaction numbers) and 3-4 digit codes that are not phones.
state = 0x18c4_2026 >>> 0;

const luhnValid = (value) => luhnComplete(value.slice(0, -1)) === value;
/** A Luhn-valid number of `length` digits starting with `prefix`. */
const luhnNumber = (prefix, length) => luhnComplete(prefix + digits(length - prefix.length - 1));
const MAESTRO_PREFIXES = [
  '5018',
  '5020',
  '5038',
  '5893',
  '6304',
  '6759',
  '6761',
  '6762',
  '6763',
  '56xx',
  '57xx',
  '58xx',
  '6390',
  '0604',
];
const MORE_CARDS = {
  visa13: () => [luhnNumber('4', 13), [4, 3, 3, 3]],
  visa19: () => [luhnNumber('4', 19), [4, 4, 4, 4, 3]],
  maestro: () => [
    luhnNumber(
      pick(MAESTRO_PREFIXES).replace(/x/g, () => pick(DIGITS)),
      int(12, 19),
    ),
    [4, 4, 4, 4, 3],
  ],
  jcb15: () => [luhnNumber(pick(['2131', '1800']), 15), [4, 6, 5]],
  diners14: () => [luhnNumber(pick(['36', '38', `30${int(0, 5)}`]), 14), [4, 6, 4]],
  unionpay19: () => [luhnNumber('62', 19), [4, 4, 4, 4, 3]],
  mir: () => [luhnNumber(`220${int(0, 4)}`, 16), [4, 4, 4, 4]],
  // Private-label and fleet cards: real, Luhn-valid, but no network prefix to go by.
  unknown: () => [luhnNumber(pick(['7', '8', '9', '1']), int(12, 19)), [4, 4, 4, 4, 3]],
};
function moreCard(variant) {
  const maker = MORE_CARDS[variant] ?? MORE_CARDS[pick(Object.keys(MORE_CARDS).slice(0, -1))];
  const [number, sizes] = maker();
  return pick([
    number,
    group(number, sizes, ' '),
    group(number, sizes, '-'),
    group(number, [4, 4, 4, 4, 3], ' '),
  ]);
}

const GB_NATIONAL_AREAS = ['020 7946 0', '0113 496 0', '0121 496 0', '0131 496 0', '0161 496 0'];
const DE_NATIONAL_AREAS = ['030', '040', '089', '069', '0211', '0221'];
const MORE_PHONES = {
  us7: () => `${usExchange()}${pick(['-', '-', '.', ' '])}${digits(4)}`,
  gbnat: () => `${pick(GB_NATIONAL_AREAS)}${digits(3)}`,
  denat: () => `${pick(DE_NATIONAL_AREAS)} ${pick('2345789')}${digits(int(5, 6))}`,
  usext: () =>
    `${pick(US_AREAS)}-${usExchange()}-${digits(4)}${pick(['x', ' x', ' ext. ', ' ext '])}${digits(int(2, 5))}`,
  // Area codes not (yet) assigned still make a well-formed North American number.
  nanp: () => {
    const area = `${pick('23456789')}${pick('02345678')}${digits(1)}`;
    const line = `${usExchange()}-${digits(4)}`;
    return pick([
      `${area}-${line}`,
      `(${area})${line}`,
      `(${area}) ${line}`,
      `${area}.${line.replace('-', '.')}`,
    ]);
  },
  frnat: () => `0${pick('123459')} ${digits(2)} ${digits(2)} ${digits(2)} ${digits(2)}`,
};
const morePhone = (variant) =>
  (MORE_PHONES[variant] ?? MORE_PHONES[pick(Object.keys(MORE_PHONES))])();

/** 13 digits starting 40-44 (German GS1 prefixes) with a valid EAN check digit that Luhn also accepts. */
function eanThatPassesLuhn() {
  for (;;) {
    const body = `4${int(0, 4)}${digits(10)}`;
    let sum = 0;
    for (let i = 0; i < 12; i++) sum += Number(body[i]) * (i % 2 ? 3 : 1);
    const ean = body + ((10 - (sum % 10)) % 10);
    if (luhnValid(ean)) return ean;
  }
}
const MORE_VALUES = {
  ...PII_VALUES,
  credit_card: moreCard,
  phone: morePhone,
  imei: () => luhnNumber(pick(['35', '86', '01']), 15),
  iccid: () => luhnNumber('8944', 19),
  luhnid: () => luhnNumber(pick(['1', '7', '8', '9']), int(12, 19)),
  msts: () => `${int(1600000000, 1800000000)}${digits(3)}`,
  eanluhn: eanThatPassesLuhn,
  code34: () => `${digits(3)}-${digits(4)}`,
};

const MORE_POSITIVE = [
  'Please charge {credit_card:visa13} for the renewal.',
  'My old Visa {credit_card:visa13} was replaced last month.',
  'Use {credit_card:visa19} for the hotel deposit.',
  'My Maestro {credit_card:maestro} keeps getting declined.',
  'Refund it to {credit_card:maestro}, not the old one.',
  'Debit card number: {credit_card:maestro}',
  'The legacy JCB {credit_card:jcb15} still works in Japan.',
  'Charge {credit_card:jcb15} please.',
  'Diners card {credit_card:diners14} exp {expiry}.',
  'Pay with {credit_card:unionpay19} at checkout.',
  'Mir card {credit_card:mir}, expires {expiry}.',
  'Zahlung mit Karte {credit_card}, gültig bis {expiry}.',
  'Paga con la tarjeta {credit_card} antes del viernes.',
  'Ma carte bancaire : {credit_card}',
  'cc: {credit_card:unknown} exp {expiry}',
  'Store card number {credit_card:unknown} on the account.',
  'The fuel card {credit_card:unknown} was charged twice.',
  'Payment card: {credit_card:unknown}',
  'Kartennummer {credit_card:unknown} bitte sperren.',
  'Número de tarjeta {credit_card:unknown}',
  'Numéro de carte {credit_card:unknown}, merci.',
  'credit card {credit_card:unknown} declined',
  'call me at {phone:us7}',
  'My home number is {phone:us7}, call after six.',
  'You can reach me at {phone:us7} or {phone:us7}.',
  'Ring me on {phone:gbnat} tomorrow.',
  'Our London office: {phone:gbnat}',
  'Büro Berlin: {phone:denat}',
  'Ruf mich an unter {phone:denat}.',
  'Call the front desk on {phone:denat}.',
  'Phone {phone:usext} and ask for Maria.',
  'Support line: {phone:usext}',
  'Contact Jane at {phone:nanp} or by email {email}.',
  'Fax {phone:nanp}',
  'New client, {phone:nanp}, wants a callback.',
  'Appelez le standard au {phone:frnat}.',
];
const MORE_NEGATIVE = [
  'Order {luhnid} ships today.',
  'Transaction id: {luhnid}',
  'Reference {luhnid} was reconciled on {date}.',
  'IMEI {imei} was reported stolen.',
  'The SIM ICCID is {iccid}.',
  'Barcode EAN {eanluhn} scanned at register {int}.',
  'Logged at {msts} ms since the epoch.',
  'Part no. {code34} is out of stock.',
  'Pages {code34} cover the appendix.',
  'Ticket {code34} was closed on {date}.',
  'Measured {luhnid} requests in {year}.',
];
const morePii = build(MORE_POSITIVE, MORE_NEGATIVE, MORE_VALUES, PII_KINDS, 'pii18', 3, 3);
pii.push(...morePii);

mkdirSync(DATA_DIR, { recursive: true });
const write = (name, lines) =>
  writeFileSync(join(DATA_DIR, name), lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
write('pii.jsonl', pii);
write('secrets.jsonl', secrets);

const summary = (lines, kinds) =>
  kinds
    .map((k) => `${k}=${lines.flatMap((l) => l.spans).filter((s) => s.kind === k).length}`)
    .join(' ');
console.log(
  `pii.jsonl: ${pii.length} lines (${pii.filter((l) => l.spans.length === 0).length} clean) ${summary(pii, PII_KINDS)}`,
);
console.log(
  `secrets.jsonl: ${secrets.length} lines (${secrets.filter((l) => l.spans.length === 0).length} clean) ${summary(secrets, SECRET_KINDS)}`,
);
