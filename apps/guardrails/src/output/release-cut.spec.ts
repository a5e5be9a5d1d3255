import { releaseCut } from './release-cut';

describe('releaseCut', () => {
  it('releases everything of a final window', () => {
    expect(releaseCut('abc def', true, 4, [])).toBe(7);
  });

  it('holds the last characters back, at a word boundary', () => {
    const text = 'alpha beta gamma delta';
    // 22 chars, hold 8 → cut at 14, inside "gamma": moved back to its start.
    expect(releaseCut(text, false, 8, [])).toBe(text.indexOf('gamma'));
  });

  it('never cuts through something found', () => {
    const text = 'one two three four five six';
    const found = [{ start: 4, end: 13 }];
    expect(releaseCut(text, false, 16, found)).toBe(4);
  });

  it('holds a placeholder still arriving whole', () => {
    const text = 'Your address is <EMAIL_';
    expect(releaseCut(text, false, 3, [])).toBe(text.indexOf('<EMAIL_'));
  });

  it('holds an unfinished PEM block from its header on', () => {
    const text = `Here it is:\n-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nMIIEvQIBADANBg more lines follow`;
    expect(releaseCut(text, false, 4, [])).toBe(text.indexOf('-----BEGIN'));
  });

  it('releases nothing of a window shorter than the hold', () => {
    expect(releaseCut('short', false, 64, [])).toBe(0);
  });
});
