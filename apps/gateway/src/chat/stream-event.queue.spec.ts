import { StreamEventQueue } from './stream-event.queue';

describe('StreamEventQueue', () => {
  it('keeps events pushed before anyone waits, in order', async () => {
    const queue = new StreamEventQueue<number>();
    queue.push(1);
    queue.push(2);
    expect(await queue.next(100)).toBe(1);
    expect(await queue.next(100)).toBe(2);
  });

  it('hands an event straight to a waiting reader', async () => {
    const queue = new StreamEventQueue<string>();
    const next = queue.next(1000);
    queue.push('a');
    expect(await next).toBe('a');
  });

  it('gives undefined after the idle time, and on close', async () => {
    const queue = new StreamEventQueue<string>();
    expect(await queue.next(10)).toBeUndefined();
    const waiting = queue.next(10_000);
    queue.close();
    expect(await waiting).toBeUndefined();
    queue.push('late');
    expect(await queue.next(10)).toBeUndefined();
  });

  it('ends a wait at once when woken, and keeps working afterwards', async () => {
    const queue = new StreamEventQueue<string>();
    const startedAt = Date.now();
    const waiting = queue.next(10_000);
    queue.wake();
    expect(await waiting).toBeUndefined();
    expect(Date.now() - startedAt).toBeLessThan(1_000);
    queue.push('after');
    expect(await queue.next(10)).toBe('after');
  });
});
