import {
  GuardrailsCheckRequestSchema,
  ServiceUnavailableError,
  type GuardrailsCheckResult,
} from '@conduit/contracts';
import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { keyOf } from '../auth/principal';
import { parseInput } from '../http/parse-input';
import { GuardrailsClient } from './guardrails.client';

/**
 * `POST /v1/guardrails/check`: scan a text with a chosen policy (the caller key's when none is
 * given) and say what the guardrails would do, without calling a model. Handy in the CI of
 * apps built on Conduit. A block is a verdict here, not an error.
 */
@Controller('v1/guardrails')
export class GuardrailsController {
  constructor(private readonly guardrails: GuardrailsClient) {}

  @Post('check')
  @HttpCode(200)
  async check(
    @Body() body: unknown,
    @Req() request: FastifyRequest,
  ): Promise<GuardrailsCheckResult> {
    const input = parseInput(GuardrailsCheckRequestSchema, body);
    const policy = input.policy ?? keyOf(request)?.guardrails ?? null;
    if (input.direction === 'input') {
      const scanned = await this.guardrails.scanInput({
        requestId: request.id,
        policy,
        messages: [{ role: 'user', content: input.text }],
      });
      if (!scanned) throw unavailable();
      const first = scanned.messages?.[0]?.content;
      return result(scanned, typeof first === 'string' ? first : input.text);
    }
    const scanned = await this.guardrails.scanOutput({
      requestId: request.id,
      policy,
      text: input.text,
      final: true,
      systemPrompt: input.system_prompt ?? null,
      canary: null,
      placeholders: [],
      responseFormat: null,
      answer: null,
    });
    if (!scanned) throw unavailable();
    return result(scanned, scanned.blocked ? input.text : scanned.release);
  }
}

function result(
  scanned: Pick<GuardrailsCheckResult, 'blocked' | 'findings'>,
  text: string,
): GuardrailsCheckResult {
  return {
    object: 'guardrails.check',
    verdict: scanned.blocked ? 'blocked' : 'allowed',
    blocked: scanned.blocked,
    text,
    findings: scanned.findings,
  };
}

function unavailable(): ServiceUnavailableError {
  return new ServiceUnavailableError('The guardrails service is unavailable. Retry shortly.', {
    code: 'guardrails_unavailable',
  });
}
