import type { ContextSource, GuardrailFinding } from '@conduit/contracts';
import type { Principal } from '../auth/principal';
import type { GuardrailsClient } from '../guardrails/guardrails.client';

/** What is left of the retrieved sources, and what the guardrails found in them. */
export interface ScreenedSources {
  kept: ContextSource[];
  /** How many sources were left out for carrying instructions. */
  dropped: number;
  findings: GuardrailFinding[];
}

/**
 * Retrieved text is data, but a document can carry instructions aimed at the model (indirect
 * prompt injection). The grounding goes in as a trusted system message, so each source is
 * scanned here as untrusted input under the key's policy, and a source the injection scanner
 * would block is left out of the context rather than failing the whole request: the caller
 * did not write it. Only injection matters here — the sources are the team's own documents,
 * so their PII and secrets are not redacted.
 */
export async function screenSources(
  guardrails: GuardrailsClient,
  requestId: string,
  principal: Principal,
  sources: readonly ContextSource[],
): Promise<ScreenedSources> {
  if (!guardrails.enabled || sources.length === 0) {
    return { kept: [...sources], dropped: 0, findings: [] };
  }
  const policy = principal.kind === 'key' ? principal.key.guardrails : null;
  const scanned = await guardrails.scanInput({
    requestId,
    policy: { ...policy, pii: 'off', secrets: 'off', invisible_text: 'off', canary: false },
    messages: sources.map((source) => ({ role: 'user' as const, content: source.text })),
  });
  // Unreachable with GATEWAY_GUARDRAILS_FAILURE_MODE=open: the sources go in unscanned.
  if (!scanned) return { kept: [...sources], dropped: 0, findings: [] };
  const injected = new Set(
    scanned.findings
      .filter((finding) => finding.scanner === 'prompt_injection' && finding.action === 'blocked')
      .map((finding) => finding.message),
  );
  const kept = sources.filter((_, index) => !injected.has(index));
  return { kept, dropped: sources.length - kept.length, findings: scanned.findings };
}
