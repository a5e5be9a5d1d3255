import type { FakeQdrantPoint } from './fake-qdrant.types';
import { parsePointId } from './qdrant-point-id';
import { QdrantHttpError } from './qdrant-reply';

type Json = Record<string, unknown>;

/**
 * Evaluates a Qdrant `Filter` against a point, as Qdrant does: `must` (all), `should` (at
 * least one), `must_not` (none), `min_should`; conditions on payload paths (`a.b`, arrays
 * flattened) with `match` value/any/except/text, `range`, `is_empty`, `is_null`; `has_id`;
 * nested filters. Anything else is refused with a 400, never silently ignored.
 */
export function matchesFilter(filter: unknown, point: FakeQdrantPoint): boolean {
  if (filter === undefined || filter === null) return true;
  const f = asObject(filter, 'filter');
  const must = conditions(f.must, 'must');
  const should = conditions(f.should, 'should');
  const mustNot = conditions(f.must_not, 'must_not');
  if (!must.every((c) => matchesCondition(c, point))) return false;
  if (should.length > 0 && !should.some((c) => matchesCondition(c, point))) return false;
  if (mustNot.some((c) => matchesCondition(c, point))) return false;
  if (f.min_should !== undefined && f.min_should !== null) {
    const min = asObject(f.min_should, 'min_should');
    const list = conditions(min.conditions, 'min_should.conditions');
    const count = typeof min.min_count === 'number' ? min.min_count : 0;
    if (list.filter((c) => matchesCondition(c, point)).length < count) return false;
  }
  return true;
}

/** Checks a filter's shape up front, so a bad one fails even on an empty collection. */
export function validateFilter(filter: unknown): void {
  matchesFilter(filter, { id: 0, vector: [], payload: {}, version: 0 });
}

function conditions(value: unknown, field: string): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [asObject(value, field)];
}

function matchesCondition(condition: unknown, point: FakeQdrantPoint): boolean {
  const c = asObject(condition, 'condition');
  if ('has_id' in c) {
    if (!Array.isArray(c.has_id)) throw QdrantHttpError.format('has_id must be a list of ids');
    return c.has_id.some((id) => parsePointId(id) === point.id);
  }
  if ('is_empty' in c && typeof c.is_empty === 'object') {
    return valuesAt(point.payload, keyOf(asObject(c.is_empty, 'is_empty'))).length === 0;
  }
  if ('is_null' in c && typeof c.is_null === 'object') {
    return rawAt(point.payload, keyOf(asObject(c.is_null, 'is_null'))).some((v) => v === null);
  }
  if ('key' in c) return matchesField(c, point);
  if ('must' in c || 'should' in c || 'must_not' in c || 'min_should' in c) {
    return matchesFilter(c, point);
  }
  if ('nested' in c)
    throw QdrantHttpError.format('nested conditions are not supported by the fake');
  throw QdrantHttpError.format(`data did not match any variant of untagged enum Condition`);
}

function matchesField(c: Json, point: FakeQdrantPoint): boolean {
  const key = keyOf(c);
  const values = valuesAt(point.payload, key);
  if (c.match !== undefined && c.match !== null)
    return matchesMatch(asObject(c.match, 'match'), values);
  if (c.range !== undefined && c.range !== null)
    return matchesRange(asObject(c.range, 'range'), values);
  if (c.is_empty === true) return values.length === 0;
  if (c.is_null === true) return rawAt(point.payload, key).some((v) => v === null);
  throw QdrantHttpError.format(
    `field condition on \`${key}\` has no supported clause (match, range)`,
  );
}

function matchesMatch(match: Json, values: unknown[]): boolean {
  if ('value' in match) {
    const expected = match.value;
    if (!isScalar(expected))
      throw QdrantHttpError.format('match.value must be a string, integer or bool');
    if (typeof expected === 'number' && !Number.isInteger(expected)) {
      throw QdrantHttpError.format('data did not match any variant of untagged enum ValueVariants');
    }
    return values.some((v) => v === expected);
  }
  if ('any' in match) return values.some((v) => scalarList(match.any, 'any').includes(v));
  if ('except' in match) {
    const excluded = scalarList(match.except, 'except');
    return values.length === 0 || values.some((v) => !excluded.includes(v));
  }
  if ('text' in match && typeof match.text === 'string') {
    const needle = match.text;
    return values.some((v) => typeof v === 'string' && v.includes(needle));
  }
  throw QdrantHttpError.format('data did not match any variant of untagged enum Match');
}

function matchesRange(range: Json, values: unknown[]): boolean {
  const bound = (name: string): number | undefined => {
    const value = range[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number') throw QdrantHttpError.format(`range.${name} must be a number`);
    return value;
  };
  const [lt, gt, lte, gte] = [bound('lt'), bound('gt'), bound('lte'), bound('gte')];
  return values.some(
    (v) =>
      typeof v === 'number' &&
      (lt === undefined || v < lt) &&
      (gt === undefined || v > gt) &&
      (lte === undefined || v <= lte) &&
      (gte === undefined || v >= gte),
  );
}

/** Leaf values at a dotted path, arrays flattened at every level (`a.b` and `a[].b` alike). */
function valuesAt(payload: Json, key: string): unknown[] {
  return rawAt(payload, key).flatMap((v) => (Array.isArray(v) ? (v as unknown[]) : [v]));
}

function rawAt(payload: Json, key: string): unknown[] {
  let current: unknown[] = [payload];
  for (const segment of key.split('.')) {
    const name = segment.endsWith('[]') ? segment.slice(0, -2) : segment;
    const next: unknown[] = [];
    for (const value of current.flatMap((v) => (Array.isArray(v) ? (v as unknown[]) : [v]))) {
      if (value !== null && typeof value === 'object' && name in value) {
        next.push((value as Json)[name]);
      }
    }
    current = next;
  }
  return current;
}

function keyOf(c: Json): string {
  if (typeof c.key !== 'string' || c.key.length === 0)
    throw QdrantHttpError.format('missing field `key`');
  return c.key;
}

function scalarList(value: unknown, field: string): unknown[] {
  if (!Array.isArray(value)) throw QdrantHttpError.format(`match.${field} must be a list`);
  return value;
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

function asObject(value: unknown, field: string): Json {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw QdrantHttpError.format(`invalid type for \`${field}\`, expected an object`);
  }
  return value as Json;
}
