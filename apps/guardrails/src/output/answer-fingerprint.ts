import type { ResolvedGuardrailPolicy } from '@conduit/contracts';
import { createHash } from 'node:crypto';

/**
 * Bumped whenever the output scanners change what they do to an answer (new detectors, other
 * redaction labels): answers screened by older scanners then stop matching.
 */
export const OUTPUT_SCANNERS_VERSION = 1;

const fingerprints = new WeakMap<ResolvedGuardrailPolicy, string>();

/**
 * What the output screening of an answer depends on besides the answer and the request: the
 * resolved policy (built-in, deployment default and key, merged) and the scanners' version.
 * Two requests with the same fingerprint, the same request body and no placeholders to restore
 * get the same screened answer, so the gateway may reuse a screening it kept (response cache).
 */
export function answerFingerprint(policy: ResolvedGuardrailPolicy): string {
  let fingerprint = fingerprints.get(policy);
  if (fingerprint === undefined) {
    const sorted = Object.fromEntries(
      Object.entries(policy).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    );
    fingerprint = createHash('sha256')
      .update(JSON.stringify({ v: OUTPUT_SCANNERS_VERSION, policy: sorted }))
      .digest('hex')
      .slice(0, 32);
    fingerprints.set(policy, fingerprint);
  }
  return fingerprint;
}
