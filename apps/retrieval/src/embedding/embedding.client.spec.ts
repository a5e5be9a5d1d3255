import { NotFoundError, ServiceUnavailableError, TimeoutError } from '@conduit/contracts';
import type { MessagingClient } from '@conduit/messaging';
import type { RetrievalConfig } from '../config/retrieval-config.schema';
import { EmbeddingClient } from './embedding.client';

// A unit test of the error mapping only: the NATS hop itself is covered by the int specs.
function clientFailingWith(error: Error): EmbeddingClient {
  const messaging = { request: () => Promise.reject(error) } as unknown as MessagingClient;
  const config = { LOG_LEVEL: 'silent', RETRIEVAL_EMBEDDING_TIMEOUT_MS: 50 } as RetrievalConfig;
  return new EmbeddingClient(messaging, config);
}

const embed = (client: EmbeddingClient) =>
  client.embed({ requestId: 'r', model: 'local/embed', texts: ['x'] });

describe('EmbeddingClient errors', () => {
  it.each([
    ['our request timing out', new TimeoutError('no answer', { code: 'request_timeout' })],
    [
      'a slow provider behind the embedding service',
      new TimeoutError('slow', { code: 'provider_timeout' }),
    ],
    ['no embedding service', new ServiceUnavailableError('none', { code: 'no_responders' })],
  ])('turns %s into embedding_unavailable (503)', async (_, error) => {
    await expect(embed(clientFailingWith(error))).rejects.toMatchObject({
      type: 'service_unavailable',
      code: 'embedding_unavailable',
    });
  });

  it("passes the embedding service's own refusals through", async () => {
    const refusal = new NotFoundError('no such model', { code: 'model_not_found' });
    await expect(embed(clientFailingWith(refusal))).rejects.toBe(refusal);
  });
});
