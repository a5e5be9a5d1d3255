import { toChatCompletionBody } from './chat-completion.body';
import { toChunkFrames } from './chat-completion.chunks';
import { planChatCompletion } from './chat-completion.plan';
import { validateChatRequest } from './chat-request.validator';
import { writeEventStream, type StreamFaults } from './event-stream.writer';
import type { Exchange } from './exchange';
import type { FakeChatCompletionRequest, FakeOpenAIFault } from './fake-openai.types';
import { modelNotFound } from './openai-error';
import { JSON_CONTENT_TYPE } from './openai-headers';
import { sendError, sendHeadersThenCut, sendText } from './response-writer';

export interface ChatCompletionsSettings {
  models: ReadonlySet<string>;
  reply: (request: FakeChatCompletionRequest) => string;
  toolArguments: (request: FakeChatCompletionRequest, toolName: string) => string;
}

/** `POST /v1/chat/completions` once the request is authenticated and its body parsed. */
export async function handleChatCompletions(
  exchange: Exchange,
  body: unknown,
  fault: FakeOpenAIFault | undefined,
  settings: ChatCompletionsSettings,
): Promise<void> {
  const validation = validateChatRequest(body);
  if (!validation.ok) return sendError(exchange, validation.error);
  const { request } = validation;
  if (!settings.models.has(request.model)) return sendError(exchange, modelNotFound(request.model));

  const plan = planChatCompletion(request, settings.reply, settings.toolArguments);
  const omitUsage = fault?.kind === 'omitUsage';

  if (request.stream === true) {
    const includeUsage = request.stream_options?.include_usage === true && !omitUsage;
    return writeEventStream(exchange, toChunkFrames(plan, includeUsage), toStreamFaults(fault));
  }

  const json = JSON.stringify(toChatCompletionBody(plan, !omitUsage));
  if (fault?.kind === 'disconnectAfterChunks')
    return sendHeadersThenCut(exchange, 200, json, JSON_CONTENT_TYPE);
  if (fault?.kind === 'malformedChunk')
    return sendText(exchange, 200, '{not json', JSON_CONTENT_TYPE);
  sendText(exchange, 200, json, JSON_CONTENT_TYPE);
}

function toStreamFaults(fault: FakeOpenAIFault | undefined): StreamFaults {
  switch (fault?.kind) {
    case 'slowStream':
      return { chunkIntervalMs: fault.chunkIntervalMs };
    case 'disconnectAfterChunks':
      return { disconnectAfterChunks: fault.chunks };
    case 'malformedChunk':
      return { malformedAfterChunks: fault.afterChunks };
    default:
      return {};
  }
}
