// Runs inside a WorkerPool thread (see off-thread-tokenizer.ts): plain functions of cloneable
// values, imported by relative path so the worker needs no `@conduit/*` resolution.
import { TOKENIZERS, type EncodingName } from '../tokenizers';

export function countTexts(encoding: EncodingName, texts: string[]): number[] {
  return texts.map((text) => TOKENIZERS[encoding].count(text));
}

export function encodeText(encoding: EncodingName, text: string): number[] {
  return TOKENIZERS[encoding].encode(text);
}
