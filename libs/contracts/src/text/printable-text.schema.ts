import { z } from 'zod';

/**
 * Control characters (NUL included) and unpaired UTF-16 surrogates. Postgres refuses NUL in
 * text and jsonb, and no name or identifier needs any of them, so they are a 400 at the edge.
 */
export const UNSTORABLE_IN_NAMES = /[\p{Cc}\p{Cs}]/u;

/** What no stored string may hold, even free text: NUL and unpaired surrogates. */
export const UNSTORABLE_IN_TEXT = /[\u0000\p{Cs}]/u;

/** A name or identifier stored as given: no control characters or unpaired surrogates. */
export const printableText = () =>
  z.string().refine((value) => !UNSTORABLE_IN_NAMES.test(value), {
    message: 'must not contain control characters (such as NUL) or unpaired surrogates',
  });

/** A free-text value stored as given (newlines and tabs allowed): no NUL, no lone surrogates. */
export const storableString = () =>
  z.string().refine((value) => !UNSTORABLE_IN_TEXT.test(value), {
    message: 'must not contain NUL characters or unpaired surrogates',
  });
