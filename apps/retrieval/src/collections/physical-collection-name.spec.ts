import { physicalCollectionName } from './physical-collection-name';

describe('physicalCollectionName', () => {
  it('is stable and a name every store accepts, whatever the user name', () => {
    const name = physicalCollectionName('team-1', 'Docs.v2-final_64chars'.padEnd(64, 'x'));
    expect(name).toMatch(/^c_[0-9a-f]{32}$/);
    expect(physicalCollectionName('team-1', 'Docs.v2-final_64chars'.padEnd(64, 'x'))).toBe(name);
  });

  it("gives two tenants' same-named collections two different names", () => {
    expect(physicalCollectionName('a', 'docs')).not.toBe(physicalCollectionName('b', 'docs'));
    // No separator trick makes (tenant, name) pairs collide.
    expect(physicalCollectionName('a:b', 'c')).not.toBe(physicalCollectionName('a', 'b:c'));
  });
});
