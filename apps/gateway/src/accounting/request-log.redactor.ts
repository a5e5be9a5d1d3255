/**
 * A first line of defence for request logs until the guardrails service redacts PII and
 * secrets properly (issue 5): the obvious shapes of secrets and personal data are replaced
 * before a prompt or answer is stored.
 */
const PATTERNS: Array<[RegExp, string]> = [
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g, '<PRIVATE_KEY>'],
  [/\beyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]{8,}\b/g, '<JWT>'],
  [/\b(?:sk|pk|rk)-[A-Za-z0-9_-]{16,}\b/g, '<API_KEY>'],
  [/\bAKIA[0-9A-Z]{16}\b/g, '<API_KEY>'],
  [/\bBearer\s+[A-Za-z0-9._~+/=-]{8,}/gi, 'Bearer <SECRET>'],
  [/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, '<EMAIL>'],
  // Card numbers, IBAN-like and phone-like digit runs (spaces and dashes allowed inside).
  [/\b[A-Z]{2}\d{2}(?:[ -]?[A-Z0-9]{4}){3,7}\b/g, '<IBAN>'],
  [/(?<![\w.])\+?\d(?:[ ().-]?\d){8,18}(?![\w.])/g, '<NUMBER>'],
];

export function redactForLog(text: string): string {
  let redacted = text;
  for (const [pattern, replacement] of PATTERNS) redacted = redacted.replace(pattern, replacement);
  return redacted;
}
