const WORDS = [
  'your',
  'example',
  'placeholder',
  'replace',
  'redacted',
  'dummy',
  'sample',
  'changeme',
  'insert',
  'here',
  'fake',
  'test',
];
/**
 * Words that mark documentation, templates and test fixtures (`sk-YOUR_KEY_HERE`,
 * `AKIAIOSFODNN7EXAMPLE`, `sk-ant-test-fake-0001`), in the casings people write them in. A
 * random key contains one by chance (`yoUr` does not count) with probability around 1e-5, an
 * acceptable miss.
 */
const PLACEHOLDER_WORDS = new RegExp(
  [
    ...WORDS,
    ...WORDS.map((word) => word.toUpperCase()),
    ...WORDS.map((word) => word.charAt(0).toUpperCase() + word.slice(1)),
    'xxxx',
    'XXXX',
    '\\*\\*\\*',
    '\\.\\.\\.',
    '<',
    '>',
    '\\{\\{',
    '\\$\\{',
  ].join('|'),
);
const REPEATED = /(.)\1{5}/;

/**
 * Whether a would-be secret is obviously a stand-in: template words, a character repeated six
 * times, an alphabet or counting run (`abcdef`, `123456`), or single-case words joined by
 * `_` or `-` (`YOUR_API_KEY`, `your-token`).
 */
export function isPlaceholderValue(value: string): boolean {
  if (PLACEHOLDER_WORDS.test(value) || REPEATED.test(value)) return true;
  if (/^(?:[A-Z]+(?:[_-][A-Z]+)+|[a-z]+(?:[_-][a-z]+)+)$/.test(value)) return true;
  return hasSequentialRun(value.toLowerCase(), 6);
}

function hasSequentialRun(value: string, length: number): boolean {
  let run = 1;
  for (let i = 1; i < value.length; i++) {
    const step = value.charCodeAt(i) - value.charCodeAt(i - 1);
    run = step === 1 && /[a-z0-9]/.test(value.charAt(i)) ? run + 1 : 1;
    if (run >= length) return true;
  }
  return false;
}
