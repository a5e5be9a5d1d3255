import { serverSentEvents } from './server-sent-events';

async function parse(chunks: string[]) {
  // A real body arrives over turns of the event loop; so do these chunks.
  async function* body() {
    for (const chunk of chunks) yield await Promise.resolve(chunk);
  }
  const events = [];
  for await (const event of serverSentEvents(body())) events.push(event);
  return events;
}

describe('serverSentEvents', () => {
  it('splits events on blank lines with any line ending, across chunk boundaries', async () => {
    const text = 'data: a\r\n\r\ndata: b\n\ndata: c\r\rdata:d\n\n';
    const expected = ['a', 'b', 'c', 'd'].map((data) => ({ event: undefined, data }));
    expect(await parse([text])).toEqual(expected);
    // Every split point, including between the CR and LF of a CRLF.
    for (let at = 1; at < text.length; at++) {
      expect(await parse([text.slice(0, at), text.slice(at)])).toEqual(expected);
    }
  });

  it('joins data lines, keeps the event name, skips comments and unknown fields', async () => {
    const text = ': hello\nid: 7\nevent: error\ndata: {"a":\ndata: 1}\nretry: 10\n\n';
    expect(await parse([text])).toEqual([{ event: 'error', data: '{"a":\n1}' }]);
  });

  it('delivers an event the body ends without a blank line for', async () => {
    expect(await parse(['data: x\n\ndata: last'])).toEqual([
      { event: undefined, data: 'x' },
      { event: undefined, data: 'last' },
    ]);
    expect(await parse(['data: x\n'])).toEqual([{ event: undefined, data: 'x' }]);
  });
});
