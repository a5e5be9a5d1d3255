import {
  ChatStreamEventSchema,
  Subjects,
  type ChatStreamEvent,
  type LlmChatStreamAccepted,
  type LlmChatStreamRequest,
} from '@conduit/contracts';
import type { MessagingClient } from '@conduit/messaging';

/** The events that make up the answer: heartbeats only say the replica is alive. */
export type SequencedEvent = Exclude<ChatStreamEvent, { kind: 'heartbeat' }>;

/**
 * Opens a stream the way the gateway does and collects its events until the last one.
 * `onChunk` sees each chunk event with the stream's cancel subject and the chunk count so far.
 */
export async function streamEvents(
  client: MessagingClient,
  payload: Omit<LlmChatStreamRequest, 'inbox'>,
  onChunk?: (cancelSubject: string, chunks: number) => void,
): Promise<{ events: SequencedEvent[]; accepted: LlmChatStreamAccepted }> {
  const inbox = client.createInbox();
  const events: SequencedEvent[] = [];
  let resolveDone: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (resolveDone = resolve));
  let cancelSubject = '';
  let chunks = 0;
  const subscription = client.subscribe(inbox, (data) => {
    const event = ChatStreamEventSchema.parse(data);
    if (event.kind === 'heartbeat') return;
    events.push(event);
    if (event.kind === 'chunk') onChunk?.(cancelSubject, ++chunks);
    else if (event.kind === 'chunks') onChunk?.(cancelSubject, (chunks += event.chunks.length));
    else resolveDone();
  });
  try {
    const accepted = await client.request(Subjects.llmChatStream, { ...payload, inbox });
    cancelSubject = accepted.cancelSubject;
    await Promise.race([
      done,
      new Promise((_, reject) => setTimeout(() => reject(new Error('stream never ended')), 8000)),
    ]);
    return { events, accepted };
  } finally {
    subscription.unsubscribe();
  }
}

/** A chat request payload as the gateway sends it, with a fresh request id. */
export function chatPayload(model: string, content: string, extra: object = {}) {
  return {
    requestId: `req_${Math.random().toString(16).slice(2)}`,
    request: { model, messages: [{ role: 'user' as const, content }], ...extra },
  };
}
