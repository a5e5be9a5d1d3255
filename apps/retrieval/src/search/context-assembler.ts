import type { ContextSource, SearchHitResult } from '@conduit/contracts';
import type { TokenCounter } from '../chunking/token-counter';

export interface AssembledContext {
  /** `[1] (document <id>)\n<text>\n\n[2] …`; empty when nothing fits or nothing matched. */
  context: string;
  sources: ContextSource[];
  /** o200k tokens of `context`, exactly; never more than the budget. */
  contextTokens: number;
}

const SEPARATOR = '\n\n';

/**
 * Numbers hits best first into one text the model can cite by `[n]`, stopping at the first
 * hit that would take the context past `maxTokens` (a lower-ranked chunk never displaces a
 * better one). A chunk seen twice (same document and index) is cited once.
 *
 * Tokens are counted per block and summed to decide, then the whole text is counted once:
 * BPE counts are not strictly additive, so a last block that tips the exact total over the
 * budget is dropped.
 */
export function assembleContext(
  hits: readonly SearchHitResult[],
  maxTokens: number,
  counter: TokenCounter,
): AssembledContext {
  const blocks: string[] = [];
  const sources: ContextSource[] = [];
  const seen = new Set<string>();
  const separatorTokens = counter.count(SEPARATOR);
  let total = 0;
  for (const hit of hits) {
    const key = JSON.stringify([hit.document_id, hit.chunk_index]);
    if (seen.has(key)) continue;
    const index = sources.length + 1;
    const block = `[${index}] (document ${hit.document_id})\n${hit.text}`;
    const tokens = counter.count(block) + (blocks.length > 0 ? separatorTokens : 0);
    if (total + tokens > maxTokens) break;
    seen.add(key);
    blocks.push(block);
    sources.push({ ...hit, index });
    total += tokens;
  }
  let context = blocks.join(SEPARATOR);
  let contextTokens = counter.count(context);
  while (contextTokens > maxTokens && blocks.length > 0) {
    blocks.pop();
    sources.pop();
    context = blocks.join(SEPARATOR);
    contextTokens = counter.count(context);
  }
  return { context, sources, contextTokens };
}
