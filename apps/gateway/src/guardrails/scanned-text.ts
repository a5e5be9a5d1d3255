import type { OutputEdit } from '@conduit/contracts';

/**
 * Streamed text is sent for scanning once a window of new text has arrived (or the choice
 * ends). The first window is small, so the first words show as soon as they did with a fixed
 * window; each later one doubles up to the cap, so a 2,000-character answer costs about 8 scans
 * instead of 40 (every scan re-sends the held tail, the system prompt and the placeholders).
 */
export const FIRST_SCAN_WINDOW_CHARS = 48;
export const MAX_SCAN_WINDOW_CHARS = 512;
/**
 * A slow model still gets its text released at least this often (checked as chunks arrive, so
 * no timer runs): the cap on how long a visible stream can stall behind a growing window.
 */
export const MAX_SCAN_INTERVAL_MS = 1_000;

/** A fragment of a scanned text, as one streamed chunk carried it: `[start, end)` of the text. */
export interface Fragment {
  start: number;
  end: number;
}

/**
 * One text of a streamed choice as it goes through the output scan: its content, or one tool
 * call's arguments. It keeps what the guardrails have not released yet and what they changed in
 * what they did release (as edits at the text's own offsets), so each chunk that carried a
 * piece of it can go out as the model sent it when its piece was not changed.
 */
export class ScannedText {
  /** Received but not yet released (held back by the guardrails or not yet scanned). */
  pending = '';
  /** Where `pending` starts: everything before it is released. */
  releasedTo = 0;
  /** Length of `pending` when it was last scanned. */
  scannedLength = 0;
  /** New characters that make the next scan. */
  window = FIRST_SCAN_WINDOW_CHARS;
  /** When text was last released (performance.now()). */
  releasedAt = performance.now();
  /** The guardrails replica keeping this text's scanning session, once one is open. */
  session: string | null = null;
  /** Scanned for the last time (its choice finished). */
  finished = false;
  /** What the guardrails changed in released text not yet sent, sorted, at the text's offsets. */
  private edits: OutputEdit[] = [];

  /** `whole`: the text so far, kept when it is JSON (the schema check and a reopened session need it). */
  constructor(public whole: string | null) {}

  append(fragment: string): Fragment {
    const start = this.releasedTo + this.pending.length;
    this.pending += fragment;
    // Text after the last scan (a provider that goes on after its finish reason) is scanned too.
    this.finished = false;
    if (this.whole !== null) this.whole += fragment;
    return { start, end: start + fragment.length };
  }

  isScanDue(): boolean {
    const unscanned = this.pending.length - this.scannedLength;
    if (unscanned >= this.window) return true;
    return unscanned > 0 && performance.now() - this.releasedAt >= MAX_SCAN_INTERVAL_MS;
  }

  /**
   * A scan's verdict on `pending`: its first characters are released (`held` stay), as
   * `release`. `edits` say where `release` differs; without them (an older guardrails service,
   * or an unscanned pass) a release that differs is taken as one edit of the whole span.
   */
  accept(release: string, held: number, edits: readonly OutputEdit[] | undefined): void {
    const cut = this.pending.length - held;
    const released = this.pending.slice(0, cut);
    const changes = edits ?? (release === released ? [] : [{ start: 0, end: cut, text: release }]);
    for (const edit of changes) {
      if (edit.end <= edit.start && edit.text === '') continue;
      this.edits.push({
        start: this.releasedTo + edit.start,
        end: this.releasedTo + edit.end,
        text: edit.text,
      });
    }
    this.releasedTo += cut;
    this.pending = this.pending.slice(cut);
    this.scannedLength = this.pending.length;
    this.releasedAt = performance.now();
    this.window = Math.min(this.window * 2, MAX_SCAN_WINDOW_CHARS);
  }

  /** Whether a fragment is wholly released (so every edit touching it is known). */
  isReleased(fragment: Fragment): boolean {
    return fragment.end <= this.releasedTo;
  }

  /**
   * What a released fragment becomes: its characters, but where an edit covers them, the edit's
   * text — given once, by the fragment in which the edit starts.
   */
  rewrite(fragment: Fragment, raw: string): string {
    let out = '';
    let cursor = fragment.start;
    for (const edit of this.edits) {
      if (edit.end <= fragment.start && edit.start < fragment.start) continue;
      if (edit.start >= fragment.end) break;
      if (edit.start >= cursor)
        out += raw.slice(cursor - fragment.start, edit.start - fragment.start);
      if (edit.start >= fragment.start) out += edit.text;
      cursor = Math.max(cursor, Math.min(edit.end, fragment.end));
    }
    out += raw.slice(cursor - fragment.start);
    // Edits that end here are done with: later fragments start after them.
    while (this.edits.length > 0 && (this.edits[0]?.end ?? 0) <= fragment.end) {
      if ((this.edits[0]?.start ?? 0) >= fragment.end) break;
      this.edits.shift();
    }
    return out;
  }
}
