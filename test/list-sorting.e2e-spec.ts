import { bearer, createTestContext, DEMO, TestContext } from './support/harness';

/**
 * `sort=field,-field` reaches the repository of each list that declares sort keys: the order is
 * the one asked for, paging by cursor keeps it, and an unknown field is a 400 naming the path.
 */
describe('lists sorted by the server', () => {
  let t: TestContext;
  let staff: string;

  beforeAll(async () => {
    t = await createTestContext();
    staff = (await t.login(DEMO.staff))!;
  });

  afterAll(async () => {
    await t.close();
  });

  const lists = ['/api/v1/applications', '/api/v1/decisions', '/api/v1/payment-requests', '/api/v1/proofs-of-use'];

  it.each(lists)('%s: sort=-reference answers the rows in descending Aktenzeichen, across pages', async (list) => {
    const all = (await t.http().get(`${list}?limit=200`).set(bearer(staff)).expect(200)).body.items as { id: string; reference: string }[];
    expect(all.length).toBeGreaterThan(1);
    const descending = [...all].sort((a, b) => (a.reference < b.reference ? 1 : a.reference > b.reference ? -1 : 0)).map((r) => r.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `${list}?sort=-reference&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const body = (await t.http().get(url).set(bearer(staff)).expect(200)).body as { items: { id: string }[]; nextCursor: string | null };
      seen.push(...body.items.map((r) => r.id));
      cursor = body.nextCursor;
    } while (cursor && seen.length <= all.length);
    expect(seen).toEqual(descending);
  });

  it.each(lists)('%s: an unknown sort field is refused with 400 at path sort, in German', async (list) => {
    const res = await t.http().get(`${list}?sort=geheim`).set(bearer(staff)).expect(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.errors[0]).toMatchObject({ path: 'sort' });
    expect(res.body.errors[0].message).toContain('„geheim“');
  });
});
