import { DataSource, getMetadataArgsStorage } from 'typeorm';
import { ALL_ENTITIES } from '../apps/api/src/entities';
import { createTestContext, TestContext } from './support/harness';

describe('schema', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('the api registers exactly the entities the migration CLI knows (ALL_ENTITIES)', () => {
    const registered = t.app.get(DataSource).entityMetadatas.map((m) => m.tableName).sort();
    const tables = getMetadataArgsStorage().tables;
    const known = ALL_ENTITIES.map((e) => tables.find((t) => t.target === e)?.name ?? `?${(e as { name: string }).name}`);
    expect(registered).toEqual([...new Set(known)].sort());
  });

  it('every table of the entities exists in the migrated database', async () => {
    const tables = (await t.db.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`)).rows.map((r) => r.table_name);
    for (const m of t.app.get(DataSource).entityMetadatas) expect(tables).toContain(m.tableName);
  });
});
