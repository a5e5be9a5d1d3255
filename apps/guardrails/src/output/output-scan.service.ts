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
import { placeholderEdits } from '../redaction/placeholder-edits';
import { appendAll } from '../scan/append-all';
import { firstBlock, toGuardrailFinding } from '../scan/guardrail-finding';
import { overlapsAny, type Span } from '../scan/spans';
import type { Finding } from '../scanners/finding';
import { detectPii } from '../scanners/pii/pii.detector';
import { detectSecrets } from '../scanners/secrets/secrets.detector';
import { checkJsonAnswer } from './json-answer.check';
import { jsonStartOf } from './json-text';
import {
  lexJsonText,
  lexStateAfter,
  stringAround,
  type JsonLayout,
  type JsonLexState,
} from './json-text.lexer';
import { applyEdits, mergeOverlapping, redactionEdits } from './redaction-edits';
import { releaseCut } from './release-cut';
import { schemaLiterals } from './schema-literals';
import { detectSystemPromptLeak } from './system-prompt-leak.detector';

/**
 * A JSON string still open at the end of a window is held back whole while it is this short,
 * so a value the schema allows literally (an enum value) is seen whole before it is judged.
 */
const SHORT_STRING_HOLD_CHARS = 256;

/** A scanned window, and where a JSON text's lexer stands at the cut (for the next window). */
export interface ScannedWindow {
  result: OutputScanResult;
  jsonAtCut: JsonLexState | null;
}

/**
 * Scans an answer, whole or one streamed window at a time, and says what may be released.
 * Values found in answers are replaced by `[REDACTED_<KIND>]`, not by numbered placeholders,
 * so they can never be mistaken for the caller's own placeholders when those are restored.
 * JSON text (a JSON `response_format`'s content, a tool call's arguments) is redacted inside its
 * strings only, so it stays JSON.
 */
@Injectable()
export class OutputScanService {
  constructor(
    private readonly policies: PolicyResolver,
    @Inject(GUARDRAILS_CONFIG) private readonly config: GuardrailsConfig,
  ) {}

  scan(request: OutputScanRequest): OutputScanResult {
    return this.scanWindow(request, jsonStartOf(request)).result;
  }

  /**
   * Scans `request.text`; `jsonStart` is where a JSON text's lexer stands at its first
   * character (null: the text is not JSON).
   */
  scanWindow(request: OutputScanRequest, jsonStart: JsonLexState | null): ScannedWindow {
    const startedAt = performance.now();
    const policy = this.policies.resolve(request.policy);
    const { text } = request;
    const layout = jsonStart ? lexJsonText(text, jsonStart) : null;
    const literals = isToolCall(request) ? EMPTY : schemaLiterals(request.responseFormat);
    const allowed = (finding: Finding) =>
      !layout || !isSchemaLiteral(text, layout, literals, finding);
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
    const secrets = policy.output_secrets === 'off' ? [] : detectSecrets(text).filter(allowed);
    add('output_secrets', policy.output_secrets, secrets);
    if (policy.output_pii !== 'off') {
      const pii = detectPii(text, { phoneRegions: policy.pii_phone_regions }).filter(
        (finding) => !overlapsAny(finding, secrets) && allowed(finding),
      );
      add('output_pii', policy.output_pii, pii);
    }
    // About the whole answer, not a span of this window's text: reported as is (below).
    const answerFindings: GuardrailFinding[] = [];
    if (request.final && policy.json_schema !== 'off' && !isToolCall(request)) {
      const answer = request.answer ?? text;
      for (const finding of checkJsonAnswer(answer, request.responseFormat)) {
        answerFindings.push(toGuardrailFinding('json_schema', finding, policy.json_schema, null));
      }
    }
    appendAll(found, answerFindings);

    const blocked = firstBlock(found);
    if (blocked) {
      recordScan('output', found, startedAt);
      return { result: { blocked, release: '', held: 0, findings: found }, jsonAtCut: null };
    }

    const redactions = redactionEdits(text, toRedact, layout);
    const spans: Span[] = found
      .filter((finding) => !answerFindings.includes(finding))
      .map((finding) => ({ start: finding.start ?? 0, end: finding.end ?? 0 }));
    appendAll(spans, redactions);
    const open = layout && literals.size > 0 ? shortOpenString(text, layout) : null;
    if (open) spans.push(open);
    const cut = releaseCut(text, request.final, this.config.GUARDRAILS_STREAM_HOLD_CHARS, spans);
    // What lies beyond the cut is scanned again with the next window; report it then. A
    // finding about the whole answer (its JSON) has no place in this window: always reported.
    const reported = found.filter(
      (finding) => answerFindings.includes(finding) || (finding.end ?? 0) <= cut,
    );
    const releasedText = text.slice(0, cut);
    const redacted = redactions.filter((edit) => edit.end <= cut);
    const edits = mergeOverlapping([
      ...redacted,
      ...placeholderEdits(releasedText, request.placeholders, layout, redacted),
    ]);
    recordScan('output', reported, startedAt);
    return {
      result: {
        blocked: null,
        release: applyEdits(releasedText, edits),
        edits,
        held: text.length - cut,
        findings: reported,
      },
      jsonAtCut: jsonStart ? lexStateAfter(releasedText, jsonStart) : null,
    };
  }
}

const EMPTY: ReadonlySet<string> = new Set();

function isToolCall(request: OutputScanRequest): boolean {
  return request.toolCall !== undefined;
}

/** Whether a finding is exactly a whole string the response format's schema lists itself. */
function isSchemaLiteral(
  text: string,
  layout: JsonLayout,
  literals: ReadonlySet<string>,
  finding: Finding,
): boolean {
  if (literals.size === 0) return false;
  const region = stringAround(layout, finding.start, finding.end);
  if (!region || !region.closed || region.openedBefore) return false;
  try {
    return literals.has(JSON.parse(`"${text.slice(region.start, region.end)}"`) as string);
  } catch {
    return false;
  }
}

/** The string still open at the end of a window, from its quote, when it is short. */
function shortOpenString(text: string, layout: JsonLayout): Span | null {
  const last = layout.regions.at(-1);
  if (!last || last.kind !== 'string' || last.closed || last.openedBefore) return null;
  if (text.length - last.start > SHORT_STRING_HOLD_CHARS) return null;
  return { start: last.start - 1, end: text.length + 1 };
}
