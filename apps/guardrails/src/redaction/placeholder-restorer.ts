import type { Replacement } from './redactor';

/** What a placeholder looks like; matched whole, so `<EMAIL_1>` never eats `<EMAIL_12>`. */
const PLACEHOLDER = /<[A-Z0-9_]+>/g;

/** Replaces every occurrence of each placeholder with its original; unknown ones stay as they are. */
export function restorePlaceholders(text: string, replacements: readonly Replacement[]): string {
  if (replacements.length === 0 || !text.includes('<')) return text;
  return restoreWith(text, toMap(replacements));
}

/**
 * Restores a streamed response chunk by chunk. A placeholder can be split across chunks
 * (`<EMA` + `IL_1>`), so the tail of a chunk that could still become one is held back until
 * the next chunk (or `flush`) decides it.
 */
export class StreamingRestorer {
  private readonly originals: Map<string, string>;
  /** Every proper prefix of every placeholder (`<`, `<E`, ... `<EMAIL_1`). */
  private readonly prefixes = new Set<string>();
  private held = '';

  constructor(replacements: readonly Replacement[]) {
    this.originals = toMap(replacements);
    for (const placeholder of this.originals.keys()) {
      for (let length = 1; length < placeholder.length; length++) {
        this.prefixes.add(placeholder.slice(0, length));
      }
    }
  }

  /** The text that is safe to emit now. */
  push(delta: string): string {
    const buffer = this.held + delta;
    const open = buffer.lastIndexOf('<');
    const cut = open !== -1 && this.prefixes.has(buffer.slice(open)) ? open : buffer.length;
    this.held = buffer.slice(cut);
    return this.restore(buffer.slice(0, cut));
  }

  /** Whatever was held back, at the end of the stream. */
  flush(): string {
    const rest = this.held;
    this.held = '';
    return this.restore(rest);
  }

  private restore(text: string): string {
    if (this.originals.size === 0 || !text.includes('<')) return text;
    return restoreWith(text, this.originals);
  }
}

function toMap(replacements: readonly Replacement[]): Map<string, string> {
  return new Map(
    replacements.map((replacement) => [replacement.placeholder, replacement.original]),
  );
}

function restoreWith(text: string, originals: ReadonlyMap<string, string>): string {
  return text.replace(PLACEHOLDER, (placeholder) => originals.get(placeholder) ?? placeholder);
}
