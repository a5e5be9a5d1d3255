import type { GroundingContext } from '@conduit/contracts';
import { groundingMessage, lastUserText } from './grounding-prompt';

const embedding = {
  inputTokens: 3,
  cachedTexts: 0,
  charge: { model: 'local/embed', provider: 'local', costMicroUsd: 1, priceVersion: 'v' },
};

describe('grounding prompt', () => {
  it('puts the numbered sources in a system message that asks for citations', () => {
    const context: GroundingContext = {
      context: '[1] (document a)\nThe sky is blue.',
      sources: [
        {
          index: 1,
          document_id: 'a',
          chunk_index: 0,
          score: 0.9,
          text: 'The sky is blue.',
          metadata: {},
        },
      ],
      contextTokens: 8,
      embedding,
    };
    const message = groundingMessage(context);
    expect(message.role).toBe('system');
    expect(message.content).toContain('[1] (document a)\nThe sky is blue.');
    expect(message.content).toMatch(/only the numbered sources/);
  });

  it('tells the model to say it cannot answer when nothing matched', () => {
    const message = groundingMessage({ context: '', sources: [], contextTokens: 0, embedding });
    expect(message.content).toMatch(/cannot answer/);
  });

  it('retrieves for the last user message, text parts joined', () => {
    expect(
      lastUserText([
        { role: 'user', content: 'first' },
        { role: 'assistant', content: 'reply' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'second' },
            { type: 'image_url', image_url: { url: 'https://example.com/a.png' } },
            { type: 'text', text: 'part' },
          ],
        },
      ]),
    ).toBe('second\npart');
    expect(lastUserText([{ role: 'system', content: 'only system' }])).toBeNull();
    expect(lastUserText([{ role: 'user', content: '   ' }])).toBeNull();
  });
});
