import { systemPromptOf, type ChatCompletionRequest, type ChatMessage } from '@conduit/contracts';
import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import { AnswerGuard } from './answer-guard';
import { contentFiltered, type GuardrailFindings } from './guardrail-findings';
import { GuardrailsClient } from './guardrails.client';

export interface Screened {
  /** The messages to send to the model instead of the caller's (redacted, stripped), or null. */
  messages: ChatMessage[] | null;
  /** The guard the answer must pass through, or null when no output check applies. */
  answers: AnswerGuard | null;
  /**
   * Names everything the answer's screening depends on beyond the request body (the policy,
   * the scanners): a screening kept under it may be reused for the same body. Null when the
   * screening restores this caller's own values, which no other request shares.
   */
  answerFingerprint: string | null;
}

const UNSCREENED: Screened = { messages: null, answers: null, answerFingerprint: null };

/**
 * The guardrails' say on one chat request, under the caller key's policy (the service default
 * for the admin key): throws `content_filtered` when a blocking scanner fired.
 */
@Injectable()
export class RequestScreen {
  constructor(private readonly guardrails: GuardrailsClient) {}

  async screen(
    requestId: string,
    principal: Principal,
    request: ChatCompletionRequest,
    findings: GuardrailFindings,
  ): Promise<Screened> {
    if (!this.guardrails.enabled) return UNSCREENED;
    const policy = principal.kind === 'key' ? principal.key.guardrails : null;
    const scanned = await this.guardrails.scanInput({
      requestId,
      policy,
      messages: request.messages,
    });
    if (!scanned) return UNSCREENED;
    findings.add(scanned.findings);
    if (scanned.blocked) throw contentFiltered(scanned.blocked, 'request');
    const answers = scanned.scanOutput
      ? new AnswerGuard(
          this.guardrails,
          {
            requestId,
            policy,
            request,
            systemPrompt: systemPromptOf(request.messages) || null,
            canary: scanned.canary,
            placeholders: scanned.placeholders,
          },
          findings,
        )
      : null;
    const answerFingerprint =
      scanned.placeholders.length === 0 ? (scanned.answerFingerprint ?? null) : null;
    return { messages: scanned.messages, answers, answerFingerprint };
  }
}
