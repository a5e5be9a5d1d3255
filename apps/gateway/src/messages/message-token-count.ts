import {
  AnthropicCountTokensRequestSchema,
  DomainError,
  Subjects,
  type AnthropicTokenCount,
} from '@conduit/contracts';
import type { MessagingClient } from '@conduit/messaging';
import type { FastifyRequest } from 'fastify';
import { NOTHING_ADMITTED, type ChatAdmission } from '../accounting/chat-admission.service';
import { bookRefusedBody } from '../accounting/refused-body';
import type { UsageRecorder } from '../accounting/usage-recorder.service';
import { principalOf } from '../auth/principal';
import { parseInput } from '../http/parse-input';
import { toChatRequest } from './messages-request.mapper';

const ENDPOINT = 'messages.count_tokens';

/**
 * `POST /v1/messages/count_tokens` for every chat model: the body is read like a Messages
 * request (without the output cap; `thinking` is accepted and does not change the count of
 * the prompt), the key's rate limit and model allow-list apply as for a message, and the llm
 * service counts — Anthropic models by Anthropic's own endpoint, the others with the model's
 * tokenizer where Conduit knows it (o200k otherwise). Counting is free: the usage row has cost
 * 0 and the tokens counted.
 */
export async function countMessageTokens(
  body: unknown,
  request: FastifyRequest,
  deps: { admission: ChatAdmission; messaging: MessagingClient; usage: UsageRecorder },
): Promise<AnthropicTokenCount> {
  let chat;
  try {
    const parsed = parseInput(AnthropicCountTokensRequestSchema, body);
    chat = toChatRequest({ ...parsed, thinking: undefined, max_tokens: 1 });
  } catch (error) {
    bookRefusedBody(deps.usage, request, ENDPOINT, body, error);
    throw error;
  }
  const startedAt = performance.now();
  const principal = principalOf(request);
  const admitted = { ...NOTHING_ADMITTED };
  let inputTokens = 0;
  let failure: unknown = null;
  try {
    if (principal.kind === 'key') {
      await deps.admission.admitRate(principal.key, admitted);
      await deps.admission.admitModel(request.id, principal.key, chat, admitted);
    }
    const counted = await deps.messaging.request(Subjects.llmTokensCount, {
      requestId: request.id,
      request: chat,
      allowedModels: principal.kind === 'key' ? principal.key.models : null,
    });
    inputTokens = counted.inputTokens;
    return { input_tokens: counted.inputTokens };
  } catch (error) {
    failure = error;
    throw error;
  } finally {
    void deps.usage.recordWork({
      requestId: request.id,
      principal,
      endpoint: ENDPOINT,
      requestedModel: chat.model,
      startedAt,
      rateLimit: admitted.rateLimit,
      status: failure === null ? 'success' : 'error',
      errorType:
        failure === null ? null : failure instanceof DomainError ? failure.type : 'internal_error',
      inputTokens,
      charge: null,
      cacheHit: false,
    });
  }
}
