import { lexJsonText, lexStateAfter, stringAround } from './json-text.lexer';

describe('lexJsonText', () => {
  it('finds string contents and bare literals, escapes included', () => {
    const text = '{"a": "x\\"y", "n": 12, "ok": true}';
    const { regions, end } = lexJsonText(text);
    const parts = regions.map((region) => [region.kind, text.slice(region.start, region.end)]);
    expect(parts).toEqual([
      ['string', 'a'],
      ['string', 'x\\"y'],
      ['string', 'n'],
      ['literal', '12'],
      ['string', 'ok'],
      ['literal', 'true'],
    ]);
    expect(end).toEqual({ inString: false, escaped: false });
  });

  it('continues a string opened in an earlier window, and reports one left open', () => {
    const before = '{"mail": "jane.d';
    const start = lexStateAfter(before);
    expect(start.inString).toBe(true);
    const { regions, end } = lexJsonText('oe@example.com", "to": "bo', start);
    expect(regions[0]).toMatchObject({
      kind: 'string',
      start: 0,
      openedBefore: true,
      closed: true,
    });
    expect(regions.at(-1)).toMatchObject({ kind: 'string', openedBefore: false, closed: false });
    expect(end.inString).toBe(true);
  });

  it('keeps an escape that ends one window for the next', () => {
    const start = lexStateAfter('["a\\');
    expect(start).toEqual({ inString: true, escaped: true });
    // The quote right after the backslash is escaped: the string goes on.
    expect(lexStateAfter('"b"]', start)).toEqual({ inString: false, escaped: false });
  });

  it('finds the string around a span, or none outside strings', () => {
    const text = '{"k": "value", "n": 5}';
    const layout = lexJsonText(text);
    const at = text.indexOf('alu');
    expect(stringAround(layout, at, at + 3)).toMatchObject({ kind: 'string' });
    expect(stringAround(layout, text.indexOf('5'), text.indexOf('5') + 1)).toBeNull();
    expect(stringAround(layout, text.indexOf('"value'), text.indexOf('"value') + 3)).toBeNull();
  });
});
