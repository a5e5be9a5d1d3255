import { MemoryRateLimitStore } from './memory-rate-limit.store';
import { ONE_MINUTE_WINDOW } from './rate-limit.store';

describe('MemoryRateLimitStore', () => {
  const RPM_1 = { rpm: 1, tpm: null };

  function store(maxSubjects = 1_000) {
    let now = 1_000_000;
    const memory = new MemoryRateLimitStore({
      window: ONE_MINUTE_WINDOW,
      clock: () => now,
      maxSubjects,
    });
    return { memory, advance: (ms: number) => (now += ms) };
  }

  it('forgets subjects whose window has emptied', async () => {
    const { memory, advance } = store();
    await memory.admit('a', RPM_1, 0);
    await memory.admit('b', RPM_1, 0);
    advance(30_000);
    await memory.admit('c', RPM_1, 0);
    expect(memory.subjectCount).toBe(3);
    advance(31_000);
    await memory.admit('d', RPM_1, 0);
    // a and b left the window; c is still counted.
    expect(memory.subjectCount).toBe(2);
    expect((await memory.admit('c', RPM_1, 0)).admitted).toBe(false);
  });

  it('keeps at most maxSubjects, forgetting the least recently used', async () => {
    const { memory } = store(2);
    await memory.admit('a', RPM_1, 0);
    await memory.admit('b', RPM_1, 0);
    await memory.admit('a', RPM_1, 0);
    await memory.admit('c', RPM_1, 0);
    expect(memory.subjectCount).toBe(2);
    expect((await memory.admit('a', RPM_1, 0)).admitted).toBe(false);
    // b was forgotten, so its count started over.
    expect((await memory.admit('b', RPM_1, 0)).admitted).toBe(true);
  });
});
