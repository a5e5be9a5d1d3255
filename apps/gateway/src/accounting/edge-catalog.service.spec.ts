import { NotFoundError, Subjects, type CatalogSnapshot } from '@conduit/contracts';
import type { MessagingClient } from '@conduit/messaging';
import type { GatewayConfig } from '../config/gateway-config.schema';
import { EdgeCatalog } from './edge-catalog.service';

const model = (id: string, aliases: string[] = []) => ({
  id,
  provider: 'local',
  upstreamModel: id.split('/')[1] ?? id,
  aliases,
  fallbacks: [],
  prices: [
    {
      effectiveFrom: '2025-01-01',
      inputMicroUsdPerMTok: 1_000_000,
      outputMicroUsdPerMTok: 2_000_000,
    },
  ],
  contextWindow: 1_000,
  maxOutputTokens: 100,
  maxTokensPolicy: 'reject' as const,
});

/** A bus that answers the snapshot subject from `catalog` and counts what it was asked. */
function busServing(catalog: { current: CatalogSnapshot | Error }) {
  const asked: string[] = [];
  const messaging = {
    request: (subject: string) => {
      asked.push(subject);
      if (subject === Subjects.llmCatalogSnapshot) {
        return catalog.current instanceof Error
          ? Promise.reject(catalog.current)
          : Promise.resolve(catalog.current);
      }
      return Promise.resolve({ model: 'by-llm', quoted: true });
    },
  } as unknown as MessagingClient;
  return { messaging, asked };
}

const config = { GATEWAY_CATALOG_REFRESH_MS: 60_000 } as GatewayConfig;
const ask = (name: string) => ({
  model: name,
  messages: [{ role: 'user' as const, content: 'hi' }],
  max_tokens: 10,
});

describe('EdgeCatalog', () => {
  let edge: EdgeCatalog | undefined;
  afterEach(() => edge?.onApplicationShutdown());

  it('quotes from one snapshot fetch, by id and alias, with no quote hop', async () => {
    const catalog = { current: { version: 'v1', models: [model('local/echo', ['echo'])] } };
    const { messaging, asked } = busServing(catalog);
    edge = new EdgeCatalog(messaging, config);
    const byId = await edge.quote('r1', ask('local/echo'), null);
    const byAlias = await edge.quote('r2', ask('echo'), null);
    expect(byId).toMatchObject({
      model: 'local/echo',
      maxOutputTokens: 10,
      priceVersion: 'local/echo@2025-01-01',
    });
    // 8 prompt tokens at $1 and 10 output at $2 per million: 8 + 20 micro-USD.
    expect(byId.worstCaseMicroUsd).toBe(28);
    expect(byAlias).toEqual(byId);
    expect(asked).toEqual([Subjects.llmCatalogSnapshot]);
  });

  it('looks again for a name it does not know, at most once a second', async () => {
    const catalog: { current: CatalogSnapshot } = {
      current: { version: 'v1', models: [model('local/echo')] },
    };
    const { messaging, asked } = busServing(catalog);
    edge = new EdgeCatalog(messaging, config);
    await edge.quote('r1', ask('local/echo'), null);
    catalog.current = { version: 'v2', models: [model('local/echo'), model('local/new')] };
    // Just fetched: an unknown name is refused without asking again.
    await expect(edge.quote('r2', ask('local/new'), null)).rejects.toBeInstanceOf(NotFoundError);
    expect(asked).toHaveLength(1);
    jest.useFakeTimers({
      now: Date.now() + 1_500,
      doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'],
    });
    try {
      await expect(edge.quote('r3', ask('local/new'), null)).resolves.toMatchObject({
        model: 'local/new',
      });
    } finally {
      jest.useRealTimers();
    }
    expect(asked).toHaveLength(2);
    expect(edge.version()).toBe('v2');
  });

  it('asks the llm service for the quote when it has no snapshot', async () => {
    const { messaging, asked } = busServing({ current: new Error('no responders') });
    edge = new EdgeCatalog(messaging, config);
    await expect(edge.quote('r1', ask('local/echo'), null)).resolves.toEqual({
      model: 'by-llm',
      quoted: true,
    });
    await edge.quote('r2', ask('local/echo'), null);
    // Not asked for the snapshot again right after it failed.
    expect(asked).toEqual([
      Subjects.llmCatalogSnapshot,
      Subjects.llmChatQuote,
      Subjects.llmChatQuote,
    ]);
  });
});
