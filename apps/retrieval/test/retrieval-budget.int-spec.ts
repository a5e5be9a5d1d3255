import type { ApiKey, BudgetHold, BudgetInput, DocumentInput } from '@conduit/contracts';
import { startTestBus, type TestBus } from '@conduit/testing';
import { createHash, randomBytes } from 'node:crypto';
import { chunkText } from '../src/chunking/token-chunker';
import { startLedger, type LedgerUnderTest } from './support/ledger-for-tests';
import { failureOf, startRetrieval, type RetrievalUnderTest } from './support/retrieval-for-tests';

const TEXT =
  'The greenhouse is watered at six in the morning; tomatoes need twice as much in July.';

describe('retrieval metered against the real ledger', () => {
  let bus: TestBus;
  let ledger: LedgerUnderTest;
  let service: RetrievalUnderTest;
  let teamId: string;
  let n = 0;
  const requestId = () => `req_budget_${Date.now()}_${++n}`;

  beforeAll(async () => {
    bus = await startTestBus();
    ledger = await startLedger(bus);
    service = await startRetrieval('embedded', {}, bus);
    teamId = (
      await bus.client.request('ledger.v1.team.create', {
        name: `team-${randomBytes(3).toString('hex')}`,
      })
    ).id;
    await bus.client.request('retrieval.v1.collection.create', {
      requestId: requestId(),
      tenantId: teamId,
      collection: { name: 'garden' },
    });
  });
  afterAll(async () => {
    await service?.close();
    await bus?.close();
    await ledger?.cleanUp();
  });

  async function keyWithBudget(budget: BudgetInput): Promise<ApiKey> {
    const secret = randomBytes(24).toString('base64url');
    return bus.client.request('ledger.v1.key.create', {
      key: { name: `key-${randomBytes(3).toString('hex')}`, team_id: teamId, budget },
      secretHash: createHash('sha256').update(secret).digest('hex'),
      prefix: 'sk-cnd-test',
    });
  }

  const reservedOn = async (keyId: string) => {
    const { data } = await bus.client.request('ledger.v1.key.list', { team_id: teamId });
    return data.find((key) => key.id === keyId)?.budget?.reserved_micro_usd;
  };

  const ingest = (id: string, documents: DocumentInput[], budget: BudgetHold) =>
    bus.client.request('retrieval.v1.document.upsert', {
      requestId: id,
      tenantId: teamId,
      collection: 'garden',
      documents,
      budget,
    });

  const storedIds = async () => {
    const { hits } = await bus.client.request('retrieval.v1.search', {
      requestId: requestId(),
      tenantId: teamId,
      collection: 'garden',
      query: 'watering tomatoes in the greenhouse',
      topK: 100,
      budget: null,
    });
    return hits.map((hit) => hit.document_id);
  };

  it('refuses an ingest the budget cannot afford, embedding and storing nothing', async () => {
    const broke = await keyWithBudget({ amount_usd: 0, period: 'monthly' });
    const error = await failureOf(
      ingest(requestId(), [{ id: 'refused', text: TEXT }], { keyId: broke.id, ttlSeconds: 60 }),
    );
    expect(error.type).toBe('budget_exceeded');
    expect(await storedIds()).not.toContain('refused');
    expect(await reservedOn(broke.id)).toBe(0);
  });

  it('holds exactly what the embedding will be charged, under the request id', async () => {
    const funded = await keyWithBudget({ amount_usd: 1, period: 'monthly' });
    const texts = [TEXT, `${TEXT} Peppers prefer the evening.`];
    const result = await ingest(
      requestId(),
      texts.map((text, i) => ({ id: ['a', 'b'][i], text })),
      { keyId: funded.id, ttlSeconds: 60 },
    );
    expect(result.documents.map((document) => document.id)).toEqual(['a', 'b']);
    const chunks = texts.flatMap((text) => chunkText(text, { maxTokens: 40, overlapTokens: 8 }));
    // Both documents' chunks fit one embed message, quoted with its texts.
    const quote = await bus.client.request('embedding.v1.quote', {
      requestId: requestId(),
      model: 'local/embed',
      texts: chunks.map((chunk) => chunk.text),
    });
    expect(await reservedOn(funded.id)).toBe(quote.worstCaseMicroUsd);
    expect(result.embedding.charge.costMicroUsd).toBe(quote.worstCaseMicroUsd);
    expect(await storedIds()).toEqual(expect.arrayContaining(['a', 'b']));
  });
});
