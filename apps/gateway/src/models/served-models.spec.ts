import { ServiceUnavailableError, Subjects, type Model } from '@conduit/contracts';
import type { MessagingClient } from '@conduit/messaging';
import { fetchServedModels } from './served-models';

const model = (id: string, owned_by: string): Model => ({
  id,
  object: 'model',
  created: 1,
  owned_by,
});

const chat = { object: 'list', data: [model('local/echo', 'local'), model('fast', 'local')] };
const embedding = { object: 'list', data: [model('local/embed', 'local')] };
const down = new ServiceUnavailableError('no responders', { code: 'service_unavailable' });

/** A messaging client whose llm and embedding services answer, or are down (undefined). */
function messaging(answers: { chat?: object; embedding?: object }): MessagingClient {
  const request = jest.fn((subject: string) => {
    const answer = subject === Subjects.llmModelsList ? answers.chat : answers.embedding;
    return answer ? Promise.resolve(answer) : Promise.reject(down);
  });
  return { request } as unknown as MessagingClient;
}

describe('fetchServedModels', () => {
  it('lists chat models and aliases, then embedding models', async () => {
    const served = await fetchServedModels(messaging({ chat, embedding }));
    expect(served.models.map((m) => m.id)).toEqual(['local/echo', 'fast', 'local/embed']);
    expect(served.incompleteBecause).toBeNull();
  });

  it('lists a name both services know once, as the chat model', async () => {
    const clash = { object: 'list', data: [model('local/echo', 'embedder')] };
    const served = await fetchServedModels(messaging({ chat, embedding: clash }));
    expect(served.models.filter((m) => m.id === 'local/echo')).toEqual([chat.data[0]]);
  });

  it('still lists one kind when the other service is down, and says why it is incomplete', async () => {
    const withoutEmbedding = await fetchServedModels(messaging({ chat }));
    expect(withoutEmbedding.models.map((m) => m.id)).toEqual(['local/echo', 'fast']);
    expect(withoutEmbedding.incompleteBecause).toBe(down);
    const withoutChat = await fetchServedModels(messaging({ embedding }));
    expect(withoutChat.models.map((m) => m.id)).toEqual(['local/embed']);
    expect(withoutChat.incompleteBecause).toBe(down);
  });

  it('fails when neither service answers', async () => {
    await expect(fetchServedModels(messaging({}))).rejects.toBe(down);
  });
});
