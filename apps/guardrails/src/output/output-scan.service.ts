import type {
  GuardrailFinding,
  GuardrailMode,
  GuardrailScanner,
  OutputScanRequest,
  OutputScanResult,
} from '@conduit/contracts';
import { Inject, Injectable } from '@nestjs/common';
import type { GuardrailsConfig } from '../config/guardrails-config.schema';
import { GUARDRAILS_CONFIG } from '../config/guardrails-config.token';
import { recordScan } from '../metrics/guardrail-metrics';
import { PolicyResolver } from '../policy/policy-resolver';
import { restorePlaceholders } from '../redaction/placeholder-restorer';
import { appendAll } from '../scan/append-all';
import { firstBlock, toGuardrailFinding } from '../scan/guardrail-finding';
import { overlapsAny, replaceSpans } from '../scan/spans';
import type { Finding } from '../scanners/finding';
import { detectPii } from '../scanners/pii/pii.detector';
import { detectSecrets } from '../scanners/secrets/secrets.detector';
import { checkJsonAnswer } from './json-answer.check';
import { releaseCut } from './release-cut';
import { detectSystemPromptLeak } from './system-prompt-leak.detector';

/**
 * Scans an answer, whole or one streamed window at a time, and says what may be released.
 * Values found in answers are replaced by `[REDACTED_<KIND>]`, not by numbered placeholders,
 * so they can never be mistaken for the caller's own placeholders when those are restored.
 */
@Injectable()
export class OutputScanService {
  constructor(
    private readonly policies: PolicyResolver,
    @Inject(GUARDRAILS_CONFIG) private readonly config: GuardrailsConfig,
  ) {}

  scan(request: OutputScanRequest): OutputScanResult {
    const startedAt = performance.now();
    const policy = this.policies.resolve(request.policy);
    const { text } = request;
    const found: GuardrailFinding[] = [];
    const toRedact: Finding[] = [];
    const add = (scanner: GuardrailScanner, mode: GuardrailMode, findings: Finding[]) => {
      if (mode === 'off') return;
      appendAll(
        found,
        findings.map((finding) => toGuardrailFinding(scanner, finding, mode, null)),
      );
      if (mode === 'redact') appendAll(toRedact, findings);
    };

    if (policy.system_prompt_leak !== 'off') {
      const leaks = detectSystemPromptLeak(text, request.systemPrompt, request.canary);
      add('system_prompt_leak', policy.system_prompt_leak, leaks);
    }
    const secrets = policy.output_secrets === 'off' ? [] : detectSecrets(text);
    add('output_secrets', policy.output_secrets, secrets);
    if (policy.output_pii !== 'off') {
      const pii = detectPii(text).filter((finding) => !overlapsAny(finding, secrets));
      add('output_pii', policy.output_pii, pii);
    }
    // About the whole answer, not a span of this window's text: reported as is (below).
    const answerFindings: GuardrailFinding[] = [];
    if (request.final && policy.json_schema !== 'off') {
      const answer = request.answer ?? text;
      for (const finding of checkJsonAnswer(answer, request.responseFormat)) {
        answerFindings.push(toGuardrailFinding('json_schema', finding, policy.json_schema, null));
      }
    }
    appendAll(found, answerFindings);

    const blocked = firstBlock(found);
    if (blocked) {
      recordScan('output', found, startedAt);
      return { blocked, release: '', held: 0, findings: found };
    }

    const spans = found
      .filter((finding) => !answerFindings.includes(finding))
      .map((finding) => ({ start: finding.start ?? 0, end: finding.end ?? 0 }));
    const cut = releaseCut(text, request.final, this.config.GUARDRAILS_STREAM_HOLD_CHARS, spans);
    // What lies beyond the cut is scanned again with the next window; report it then. A
    // finding about the whole answer (its JSON) has no place in this window: always reported.
    const reported = found.filter(
      (finding) => answerFindings.includes(finding) || (finding.end ?? 0) <= cut,
    );
    const released = replaceSpans(
      text.slice(0, cut),
      toRedact.filter((span) => span.end <= cut),
      (span) => `[REDACTED_${span.kind.toUpperCase()}]`,
    );
    recordScan('output', reported, startedAt);
    return {
      blocked: null,
      release: restorePlaceholders(released, request.placeholders),
      held: text.length - cut,
      findings: reported,
    };
  }
}
