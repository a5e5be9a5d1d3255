import { createHash } from 'node:crypto';
import type { FakeCacheControl } from './fake-anthropic.types';
import type { PromptSegment } from './token-count';

export interface CacheUsage {
  /** Input tokens read from the cache. */
  read: number;
  /** Input tokens written to the cache by this request. */
  created: number;
  /** TTL of the written entry: that of the last breakpoint. */
  ttl: '5m' | '1h';
}

// Anthropic looks for an earlier cache entry at most this many blocks before a breakpoint.
const LOOKBACK_BLOCKS = 20;

/**
 * Anthropic's prompt caching, reduced to a rule a test can follow:
 *
 * - a breakpoint is a tool, system block or message block carrying `cache_control`, or the
 *   last block of the request when the top-level `cache_control` is set;
 * - no breakpoint: nothing is read or written;
 * - read = the longest prefix (per model) that an earlier request wrote, ending at a breakpoint
 *   or at one of the 20 blocks before one;
 * - written = the rest of the prefix up to the last breakpoint; every breakpoint's prefix is
 *   then cached, for the life of the server (no TTL expiry, no minimum cacheable length).
 *
 * So the first request with a breakpoint reports its prefix as `cache_creation_input_tokens`,
 * and an identical second request as `cache_read_input_tokens`.
 */
export class PromptCache {
  private readonly prefixes = new Set<string>();

  account(
    model: string,
    segments: readonly PromptSegment[],
    topLevel: FakeCacheControl | null | undefined,
  ): CacheUsage {
    const breakpoints: number[] = [];
    segments.forEach((segment, index) => {
      if (segment.cacheControl) breakpoints.push(index);
    });
    const lastIndex = segments.length - 1;
    if (topLevel && lastIndex >= 0 && breakpoints.at(-1) !== lastIndex) breakpoints.push(lastIndex);
    const last = breakpoints.at(-1);
    if (last === undefined) return { read: 0, created: 0, ttl: '5m' };

    const hash = createHash('sha256').update(model);
    const keys: string[] = [];
    const prefixTokens: number[] = [];
    let tokens = 0;
    for (let i = 0; i <= last; i++) {
      hash.update(segments[i].key);
      keys.push(hash.copy().digest('hex'));
      tokens += segments[i].tokens;
      prefixTokens.push(tokens);
    }

    let readUpTo = -1;
    for (const breakpoint of breakpoints) {
      const earliest = Math.max(0, breakpoint - LOOKBACK_BLOCKS + 1);
      for (let i = breakpoint; i >= earliest && i > readUpTo; i--) {
        if (this.prefixes.has(keys[i])) {
          readUpTo = i;
          break;
        }
      }
    }
    for (const breakpoint of breakpoints) this.prefixes.add(keys[breakpoint]);

    const read = readUpTo === -1 ? 0 : prefixTokens[readUpTo];
    const ttl = (segments[last].cacheControl ?? topLevel)?.ttl === '1h' ? '1h' : '5m';
    return { read, created: prefixTokens[last] - read, ttl };
  }

  clear(): void {
    this.prefixes.clear();
  }
}
