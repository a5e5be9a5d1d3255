import {
  EmbeddingsRequestSchema,
  ValidationError,
  type EmbeddingsRequest,
} from '@conduit/contracts';
import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { bookRefusedBody } from '../accounting/refused-body';
import { UsageRecorder } from '../accounting/usage-recorder.service';
import { parseInput } from '../http/parse-input';
import { EmbeddingsExchange } from './embeddings-exchange.service';

/** `POST /v1/embeddings`: OpenAI's embeddings API. */
@Controller('v1')
export class EmbeddingsController {
  constructor(
    private readonly exchange: EmbeddingsExchange,
    private readonly usage: UsageRecorder,
  ) {}

  @Post('embeddings')
  @HttpCode(200)
  async create(
    @Body() body: unknown,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    let asked: EmbeddingsRequest;
    try {
      refuseTokenIds(body);
      asked = parseInput(EmbeddingsRequestSchema, body);
    } catch (error) {
      bookRefusedBody(this.usage, request, 'embeddings', body, error);
      throw error;
    }
    return this.exchange.serve(asked, request, reply);
  }
}

/**
 * OpenAI also takes token ids (`[1, 2]`, `[[1, 2]]`); they belong to one tokenizer and mean
 * nothing to other providers, so they get a clear refusal instead of a schema error.
 */
function refuseTokenIds(body: unknown): void {
  const input = (body as { input?: unknown } | null)?.input;
  if (!Array.isArray(input)) return;
  const tokenIds = input.some((item) => typeof item === 'number' || Array.isArray(item));
  if (tokenIds) {
    throw new ValidationError('input must be text: token-id arrays are not supported', {
      param: 'input',
      code: 'unsupported_input',
    });
  }
}
