import { EMBED_TEXTS_PER_MESSAGE } from '@conduit/contracts';
import { planEmbedMessages } from './embed-messages';

describe('planEmbedMessages', () => {
  it('sends nothing for no texts', () => {
    expect(planEmbedMessages([])).toEqual([]);
  });

  it('fills messages with EMBED_TEXTS_PER_MESSAGE texts, in order', () => {
    const texts = Array.from({ length: EMBED_TEXTS_PER_MESSAGE * 2 + 1 }, (_, i) => `t${i}`);
    expect(planEmbedMessages(texts)).toEqual([
      { start: 0, end: 32 },
      { start: 32, end: 64 },
      { start: 64, end: 65 },
    ]);
  });

  it('also cuts by UTF-8 bytes, and sends an oversized text alone', () => {
    const texts = ['aaaa', 'éé', 'bbbbbbbbbb', 'c', 'd'];
    // 'éé' is 4 bytes: 4 + 4 fits 8; the 10-byte text goes alone; then 'c' + 'd'.
    expect(planEmbedMessages(texts, 32, 8)).toEqual([
      { start: 0, end: 2 },
      { start: 2, end: 3 },
      { start: 3, end: 5 },
    ]);
  });
});
