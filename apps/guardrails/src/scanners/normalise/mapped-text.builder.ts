/**
 * Text produced by one normalisation pass, with, for every UTF-16 unit of `text`, the index in
 * the pass's input it came from; `null` when that is the unit's own index (the common case of
 * a pass that changed letters but no lengths, which then costs no map at all). Passes compose
 * by looking the origins up in the previous pass's origins.
 */
export interface MappedText {
  text: string;
  origins: Int32Array | null;
}

/**
 * Decoding the UTF-16 buffer is ~15x faster than String.fromCharCode over chunks. Lone
 * surrogates would become U+FFFD here, but pass 1 already replaced them, so nothing changes.
 */
const UTF16 = new TextDecoder('utf-16le');
/** Scratch buffers are kept between calls up to this size; allocating small typed arrays is slow. */
const KEEP_SCRATCH = 1 << 20;

let scratchCodes = new Uint16Array(1024);
let scratchOrigins = new Int32Array(1024);

/**
 * A growable UTF-16 buffer plus origin map, built in module-level scratch arrays: scanning is
 * synchronous and a pass finishes (`build`) before the next begins, so one pair is enough.
 */
export class MappedTextBuilder {
  private codes: Uint16Array;
  private origins: Int32Array;
  private length = 0;
  private identity = true;

  constructor(capacityHint: number) {
    const capacity = Math.max(16, capacityHint);
    if (scratchCodes.length < capacity) {
      scratchCodes = new Uint16Array(capacity);
      scratchOrigins = new Int32Array(capacity);
    }
    this.codes = scratchCodes;
    this.origins = scratchOrigins;
  }

  /** The last unit pushed, or -1 when empty; passes use it to collapse runs. */
  lastCode(): number {
    return this.length === 0 ? -1 : this.codes[this.length - 1];
  }

  /** Overwrite the last unit (e.g. a collapsed space becoming a newline); origin is kept. */
  replaceLast(code: number): void {
    if (this.length > 0) this.codes[this.length - 1] = code;
  }

  pushCode(code: number, origin: number): void {
    if (this.length === this.codes.length) this.grow();
    if (origin !== this.length) this.identity = false;
    this.codes[this.length] = code;
    this.origins[this.length] = origin;
    this.length += 1;
  }

  pushString(value: string, origin: number): void {
    for (let i = 0; i < value.length; i += 1) this.pushCode(value.charCodeAt(i), origin);
  }

  /** The text and a copy of the origins; the builder must not be used afterwards. */
  build(inputLength: number): MappedText {
    const text = UTF16.decode(this.codes.subarray(0, this.length));
    const identity = this.identity && this.length === inputLength;
    const origins = identity ? null : this.origins.slice(0, this.length);
    if (this.codes.length > KEEP_SCRATCH) {
      scratchCodes = new Uint16Array(1024);
      scratchOrigins = new Int32Array(1024);
    }
    return { text, origins };
  }

  private grow(): void {
    const codes = new Uint16Array(this.codes.length * 2);
    codes.set(this.codes);
    const origins = new Int32Array(this.origins.length * 2);
    origins.set(this.origins);
    this.codes = codes;
    this.origins = origins;
    scratchCodes = codes;
    scratchOrigins = origins;
  }
}

/** `outer` origins (indices into the inner pass's text) rewritten to point where `inner` does. */
export function composeOrigins(
  inner: Int32Array | null,
  outer: Int32Array | null,
): Int32Array | null {
  if (inner === null) return outer;
  if (outer === null) return inner;
  const composed = new Int32Array(outer.length);
  for (let i = 0; i < outer.length; i += 1) composed[i] = inner[outer[i]];
  return composed;
}
