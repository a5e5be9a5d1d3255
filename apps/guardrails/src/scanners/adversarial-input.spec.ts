import { adversarialStrings, doublingRatio, repeatTo, timeWithinBudget } from '@conduit/testing';
import { detectInjection } from './injection/injection.detector';
import { findInvisibleText, stripInvisibleText } from './invisible/invisible-text';
import { normaliseForScanning } from './normalise/text-normaliser';
import { detectPii } from './pii/pii.detector';
import { detectSecrets } from './secrets/secrets.detector';

// Hostile input is normal input (issue 12): every scanner sees caller text, and one slow
// pattern stalls the service for every tenant. Each public scanner gets every adversarial
// string at 1 MB. The budget is generous for a shared 2-core machine (each call takes well
// under a second alone); super-linear scanning takes minutes here, not seconds.
const MEGABYTE_BUDGET_MS = 3_000;
const corpus = adversarialStrings();

const SCANNERS: Array<[string, (text: string) => unknown]> = [
  ['detectInjection', (text) => detectInjection(text)],
  ['detectPii', detectPii],
  ['detectSecrets', detectSecrets],
  [
    'findInvisibleText + stripInvisibleText',
    (text) => stripInvisibleText(text) + String(findInvisibleText(text).length),
  ],
  ['normaliseForScanning', normaliseForScanning],
];

describe.each(SCANNERS)('%s on hostile input', (_scanner, scan) => {
  it.each(corpus.map((entry) => [entry.name, entry.text] as const))(
    'scans 1 MB of %s within the budget',
    (_name, text) => {
      expect(timeWithinBudget(() => scan(text), MEGABYTE_BUDGET_MS)).toBeLessThan(
        MEGABYTE_BUDGET_MS,
      );
    },
  );
});

describe('scanners on growing hostile input', () => {
  it.each([
    ['a.a@a.', detectPii],
    ['1 ', detectPii],
    ['1-', detectPii],
    ['DE89 3704 ', detectPii],
    ['1.2.3.4.', detectPii],
    ['sk-', detectSecrets],
    ['eyJhbGciOi.', detectSecrets],
    ['-----BEGIN PRIVATE KEY-----\n', detectSecrets],
    ['https://a:b@', detectSecrets],
    ['ignore ', (text: string) => detectInjection(text)],
    ['ignore', (text: string) => detectInjection(text)],
    ['ignore\u200B', (text: string) => detectInjection(text)],
  ] as const)('take about twice as long for twice as much of %j', (unit, scan) => {
    const ratio = doublingRatio(scan, (size) => repeatTo(unit, size), 200_000, 50);
    expect(ratio).toBeLessThan(3);
  });
});
