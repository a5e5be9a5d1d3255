import { Subjects, type Model } from '@conduit/contracts';
import type { MessagingClient } from '@conduit/messaging';

/** The models the gateway can serve, and why the list may lack some. */
export interface ServedModels {
  /** Chat models (ids and aliases) from the llm service, then embedding models. */
  models: Model[];
  /**
   * Set when one of the two services did not answer: its models are missing from `models`.
   * A listing can still be shown; a decision that a name does not exist cannot be made.
   */
  incompleteBecause: Error | null;
}

/**
 * Asks the llm and embedding services for their models at once. One of them being down leaves
 * its kind out (and says so) rather than failing everything; both down is that failure.
 */
export async function fetchServedModels(messaging: MessagingClient): Promise<ServedModels> {
  const [chat, embedding] = await Promise.allSettled([
    messaging.request(Subjects.llmModelsList, {}),
    messaging.request(Subjects.embeddingModelsList, {}),
  ]);
  if (chat.status === 'rejected' && embedding.status === 'rejected') throw chat.reason;
  const models: Model[] = [];
  const seen = new Set<string>();
  for (const answer of [chat, embedding]) {
    if (answer.status !== 'fulfilled') continue;
    for (const model of answer.value.data) {
      // A name both services know is served as chat first, as the catalog resolves it.
      if (seen.has(model.id)) continue;
      seen.add(model.id);
      models.push(model);
    }
  }
  const failed = [chat, embedding].find((answer) => answer.status === 'rejected');
  return { models, incompleteBecause: failed ? asError(failed.reason) : null };
}

/** The messaging client rejects with DomainErrors; anything else is wrapped to be thrown on. */
function asError(reason: unknown): Error {
  return reason instanceof Error ? reason : new Error(JSON.stringify(reason));
}
