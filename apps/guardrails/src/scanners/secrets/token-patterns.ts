/** A secret recognised by its issuer's prefix and alphabet. */
export interface TokenPattern {
  kind: string;
  /** Global; every pattern starts with a look-behind so a long token is scanned once. */
  pattern: RegExp;
  score: number;
  reason: string;
  /** Characters at the start of the match that name the issuer rather than hold the secret. */
  prefixLength: (match: string) => number;
  /** Extra check on the whole match; false drops it. */
  accept?: (match: string) => boolean;
}

const fixed = (length: number) => (): number => length;
/** `sk-ant-` plus the key type and version (`api03-`, `admin01-`) when present. */
const anthropicPrefix = (match: string): number =>
  /^sk-ant-(?:[a-z]+\d*-)?/.exec(match)?.[0].length ?? 7;

/**
 * Issuer formats. Scores order them above the generic high-entropy detector (and the more
 * specific prefix above the general one: `sk-ant-` is Anthropic, not OpenAI).
 */
export const TOKEN_PATTERNS: readonly TokenPattern[] = [
  {
    kind: 'anthropic_api_key',
    pattern: /(?<![\w-])sk-ant-[A-Za-z0-9_-]{20,300}/g,
    score: 0.99,
    reason: 'Anthropic API key (sk-ant- prefix)',
    prefixLength: anthropicPrefix,
  },
  {
    kind: 'conduit_api_key',
    pattern: /(?<![\w-])sk-cnd-(?:[A-Za-z0-9]{40}(?![\w-])|admin-[A-Za-z0-9_-]{24,64}(?![\w-]))/g,
    score: 0.99,
    reason: 'Conduit API key (sk-cnd- prefix)',
    prefixLength: (match) => (match.startsWith('sk-cnd-admin-') ? 13 : 7),
  },
  {
    kind: 'openai_api_key',
    pattern: /(?<![\w-])sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,300}/g,
    score: 0.97,
    reason: 'OpenAI API key (sk- prefix)',
    prefixLength: (match) => /^sk-(?:proj-|svcacct-|admin-)?/.exec(match)?.[0].length ?? 3,
    accept: (match) =>
      !/^sk-(?:ant|cnd)-/.test(match) && /\d/.test(match) && /[A-Za-z]/.test(match),
  },
  {
    kind: 'aws_access_key_id',
    pattern: /(?<![A-Za-z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])/g,
    score: 0.97,
    reason: 'AWS access key id (AKIA/ASIA prefix)',
    prefixLength: fixed(4),
  },
  {
    kind: 'github_token',
    pattern:
      /(?<![\w-])(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})(?![\w-])/g,
    score: 0.99,
    reason: 'GitHub token (gh*_ / github_pat_ prefix)',
    prefixLength: (match) => (match.startsWith('github_pat_') ? 11 : 4),
  },
  {
    kind: 'slack_token',
    pattern: /(?<![\w-])xox[abposr]-[A-Za-z0-9-]{10,250}(?![\w-])/g,
    score: 0.97,
    reason: 'Slack token (xox*- prefix)',
    prefixLength: fixed(5),
    accept: (match) => /\d/.test(match),
  },
  {
    kind: 'stripe_key',
    pattern: /(?<![\w-])[sr]k_(?:live|test)_[A-Za-z0-9]{16,247}(?![\w-])/g,
    score: 0.97,
    reason: 'Stripe secret or restricted key (sk_/rk_ prefix)',
    prefixLength: (match) => match.indexOf('_', 3) + 1,
  },
  {
    kind: 'google_api_key',
    pattern: /(?<![\w-])AIza[0-9A-Za-z_-]{35}(?![\w-])/g,
    score: 0.97,
    reason: 'Google API key (AIza prefix)',
    prefixLength: fixed(4),
  },
  {
    kind: 'azure_storage_key',
    pattern: /(?<=AccountKey=)[A-Za-z0-9+/]{40,100}={0,2}/gi,
    score: 0.97,
    reason: 'Azure storage account key (AccountKey= in a connection string)',
    prefixLength: fixed(0),
  },
];
