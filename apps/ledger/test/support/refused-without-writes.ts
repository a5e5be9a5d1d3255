import type { TestLedger } from './ledger-for-tests';

/** Row counts of every admin table. */
async function adminRowCounts(ledger: TestLedger) {
  const [row] = await ledger.schema.sql(`SELECT
    (SELECT count(*) FROM teams)::int AS teams, (SELECT count(*) FROM users)::int AS users,
    (SELECT count(*) FROM api_keys)::int AS keys, (SELECT count(*) FROM budgets)::int AS budgets`);
  return row;
}

/** Asserts the request fails as expected and that no admin table gained or lost a row. */
export async function expectRefusedWithoutWrites(
  ledger: TestLedger,
  request: () => Promise<unknown>,
  expected: Partial<{ type: string; code: string | null; param: string | null }>,
): Promise<void> {
  const before = await adminRowCounts(ledger);
  const error = await request().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toMatchObject(expected);
  expect(await adminRowCounts(ledger)).toEqual(before);
}
