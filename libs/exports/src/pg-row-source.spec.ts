// Needs PostgreSQL (127.0.0.1:5432, as on every developer and CI machine); reads only generated
// rows, touches no table. Without a server the tests print why and pass vacuously.
import { Client } from 'pg';
import Cursor from 'pg-cursor';
import { pgCursorBatches } from './pg-row-source.repository';

const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
let client: Client | null = null;

beforeAll(async () => {
  const c = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    client = c;
  } catch (err) {
    console.warn(`pg-row-source.spec: PostgreSQL not reachable at ${url} (${(err as Error).message}); tests skipped.`);
  }
});
afterAll(async () => {
  await client?.end();
});

const SQL = `SELECT g AS n, date '2026-01-01' + g AS day, (g * 1.5)::numeric(15,2) AS amount, 'Beleg ' || g AS text
               FROM generate_series(1, $1::int) g ORDER BY g`;

describe('pgCursorBatches', () => {
  it('yields batches of the given size, dates as YYYY-MM-DD text and numerics as text', async () => {
    if (!client) return;
    const sizes: number[] = [];
    let last: Record<string, unknown> | undefined;
    for await (const batch of pgCursorBatches(client, SQL, [12345], { batchSize: 5000 })) {
      sizes.push(batch.length);
      last = batch[batch.length - 1];
    }
    expect(sizes).toEqual([5000, 5000, 2345]);
    expect(last).toEqual({ n: 12345, day: '2059-10-20', amount: '18517.50', text: 'Beleg 12345' });
  });

  it('gives arrays in SELECT order with rowMode array', async () => {
    if (!client) return;
    const batches = [];
    for await (const batch of pgCursorBatches<unknown[]>(client, SQL, [3], { rowMode: 'array' })) batches.push(batch);
    expect(batches).toEqual([
      [
        [1, '2026-01-02', '1.50', 'Beleg 1'],
        [2, '2026-01-03', '3.00', 'Beleg 2'],
        [3, '2026-01-04', '4.50', 'Beleg 3'],
      ],
    ]);
  });

  it('reads the next batch only when asked, and closes the cursor when the consumer stops early', async () => {
    if (!client) return;
    const read = jest.spyOn(Cursor.prototype, 'read');
    try {
      const source = pgCursorBatches(client, SQL, [100000], { batchSize: 1000 });
      await source.next();
      await new Promise((r) => setTimeout(r, 20));
      expect(read).toHaveBeenCalledTimes(1);
      await source.next();
      expect(read).toHaveBeenCalledTimes(2);
      await source.return(undefined);
    } finally {
      read.mockRestore();
    }
    // the connection is free again
    expect((await client.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });

  it('passes a query error to the consumer', async () => {
    if (!client) return;
    const run = async () => {
      for await (const _ of pgCursorBatches(client!, 'SELECT * FROM gibt_es_nicht')) void _;
    };
    await expect(run()).rejects.toThrow(/gibt_es_nicht/);
    expect((await client.query('SELECT 2 AS two')).rows).toEqual([{ two: 2 }]);
  });
});
