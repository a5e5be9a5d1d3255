import { ValidationError } from '@conduit/contracts';
import { decodeExportCursor, encodeExportCursor } from './export-cursor';

describe('export cursor', () => {
  it('round-trips the last row position, to the millisecond', () => {
    const position = { occurredAt: new Date('2026-03-01T13:00:00.123Z'), requestId: 'req_1' };
    const cursor = encodeExportCursor(position);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeExportCursor(cursor)).toEqual(position);
  });

  it.each([
    ['not base64 JSON', 'garbage!'],
    ['a JSON object', Buffer.from('{"a":1}').toString('base64url')],
    ['a bad date', Buffer.from('["yesterday","r"]').toString('base64url')],
    ['a non-string id', Buffer.from('["2026-03-01T00:00:00Z",5]').toString('base64url')],
  ])('refuses %s as a validation error on `cursor`', (_, cursor) => {
    expect(() => decodeExportCursor(cursor)).toThrow(ValidationError);
    try {
      decodeExportCursor(cursor);
    } catch (error) {
      expect(error).toMatchObject({ code: 'invalid_cursor', param: 'cursor' });
    }
  });
});
