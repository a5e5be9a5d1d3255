/**
 * Runs `batch` (which handles at most `batchSize` rows and says how many) until a batch comes
 * back short, so a large backlog never becomes one long statement holding many locks.
 * Returns the total handled.
 */
export async function inBatches(
  batchSize: number,
  batch: (size: number) => Promise<number>,
): Promise<number> {
  let total = 0;
  for (;;) {
    const handled = await batch(batchSize);
    total += handled;
    if (handled < batchSize) return total;
  }
}
