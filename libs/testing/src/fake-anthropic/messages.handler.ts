import type { Exchange } from '../fake-openai/exchange';
import { errorOfType, modelNotFound } from './anthropic-error';
import { JSON_CONTENT_TYPE } from './anthropic-headers';
import { writeEventStream, type StreamFaults } from './event-stream.writer';
import type { FakeAnthropicFault } from './fake-anthropic.types';
import { toMessageBody } from './message.body';
import { toEventFrames } from './message.events';
import { planMessage, type PlanSettings } from './message.plan';
import { validateMessagesRequest } from './messages-request.validator';
import { sendError, sendHeadersThenCut, sendText } from './response-writer';

export interface MessagesSettings extends PlanSettings {
  /** Undefined: every model is accepted. */
  models: ReadonlySet<string> | undefined;
}

/** `POST /v1/messages` once the request is authenticated and its body parsed. */
export async function handleMessages(
  exchange: Exchange,
  body: unknown,
  fault: FakeAnthropicFault | undefined,
  settings: MessagesSettings,
): Promise<void> {
  const validation = validateMessagesRequest(body);
  if (!validation.ok) return sendError(exchange, validation.error);
  const { request } = validation;
  if (settings.models && !settings.models.has(request.model)) {
    return sendError(exchange, modelNotFound(request.model));
  }

  const plan = planMessage(request, settings);
  const includeUsage = fault?.kind !== 'omitUsage';

  if (request.stream === true) {
    return writeEventStream(exchange, toEventFrames(plan, includeUsage), toStreamFaults(fault));
  }

  const json = JSON.stringify(toMessageBody(plan, includeUsage));
  switch (fault?.kind) {
    case 'disconnectAfterChunks':
      return sendHeadersThenCut(exchange, json);
    case 'malformedChunk':
      return sendText(exchange, 200, '{not json', JSON_CONTENT_TYPE);
    case 'errorEvent': {
      const error = fault.error ?? { type: 'overloaded_error', message: 'Overloaded' };
      return sendError(exchange, errorOfType(error.type, error.message));
    }
    default:
      sendText(exchange, 200, json, JSON_CONTENT_TYPE);
  }
}

function toStreamFaults(fault: FakeAnthropicFault | undefined): StreamFaults {
  switch (fault?.kind) {
    case 'slowStream':
      return { chunkIntervalMs: fault.chunkIntervalMs };
    case 'disconnectAfterChunks':
      return { disconnectAfterChunks: fault.chunks };
    case 'malformedChunk':
      return { malformedAfterChunks: fault.afterChunks };
    case 'errorEvent':
      return { errorAfterChunks: fault.afterChunks, error: fault.error };
    default:
      return {};
  }
}
