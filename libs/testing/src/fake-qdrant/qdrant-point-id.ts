import { QdrantHttpError } from './qdrant-reply';

const UUID_HEX = /^[0-9a-f]{32}$/;

/**
 * A point id as Qdrant accepts it: an unsigned integer, or a UUID in any of the forms the
 * `uuid` crate parses (hyphenated, simple, braced, urn), answered in canonical form.
 */
export function parsePointId(value: unknown): number | string {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
  if (typeof value === 'string') {
    const hex = value
      .toLowerCase()
      .replace(/^urn:uuid:/, '')
      .replace(/^\{(.*)\}$/, '$1')
      .replace(/-/g, '');
    const hyphenated = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
    const plain = value.replace(/^urn:uuid:/i, '').replace(/^\{(.*)\}$/, '$1');
    if (UUID_HEX.test(hex) && (hyphenated.test(plain) || UUID_HEX.test(plain.toLowerCase()))) {
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    }
  }
  throw QdrantHttpError.format(
    `value ${JSON.stringify(value)} is not a valid point ID, valid values are either an unsigned integer or a UUID`,
  );
}
