import { groundingMessage, lastUserText } from './grounding-prompt';

describe('grounding prompt', () => {
  it('puts the numbered sources in a system message that asks for citations', () => {
    const message = groundingMessage([
      {
        index: 1,
        document_id: 'a',
        chunk_index: 0,
        score: 0.9,
        text: 'The sky is blue.',
        metadata: {},
      },
      {
        index: 3,
        document_id: 'c',
        chunk_index: 2,
        score: 0.7,
        text: 'Grass is green.',
        metadata: {},
      },
    ]);
    expect(message.role).toBe('system');
    // The numbers stay those of conduit.sources, even with a source left out between them.
    expect(message.content).toContain(
      '[1] (document a)\nThe sky is blue.\n\n[3] (document c)\nGrass is green.',
    );
    expect(message.content).toMatch(/only the numbered sources/);
  });

  it('tells the model to say it cannot answer when nothing matched', () => {
    expect(groundingMessage([]).content).toMatch(/cannot answer/);
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
