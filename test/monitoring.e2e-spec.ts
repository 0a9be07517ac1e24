/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are asserted by value */
import { bearer, createTestContext, DEMO, TestContext } from './support/harness';

/**
 * Indikatorengestütztes Monitoring (issue 19): GET /api/v1/monitoring/indicators and /funding.
 */
describe('monitoring API', () => {
  let t: TestContext;
  let staff: string;

  beforeAll(async () => {
    t = await createTestContext({ now: '2026-03-02T09:00:00+01:00' });
    staff = await t.login(DEMO.staff);
  });
  afterAll(async () => t?.close());

  it('answers with defaults (this year and the two before, by Handlungsfeld) and every active Handlungsfeld as a group', async () => {
    const fields = (await t.db.query(`SELECT code FROM field_of_action WHERE active ORDER BY sort_order`)).rows.map((r: any) => r.code);
    const ind = await t.http().get('/api/v1/monitoring/indicators').set(bearer(staff));
    expect(ind.status).toBe(200);
    expect(ind.body).toMatchObject({ from: 2024, to: 2026, groupBy: 'fieldOfAction' });
    expect([...new Set(ind.body.rows.map((r: any) => r.group))]).toEqual(fields);
    const fund = await t.http().get('/api/v1/monitoring/funding').set(bearer(staff));
    expect(fund.status).toBe(200);
    expect(fund.body.rows.map((r: any) => r.group)).toEqual(fields);
    for (const r of fund.body.rows) expect(r.committed).toMatch(/^-?\d+\.\d{2}$/);
  });

  it('refuses from > to with a German problem naming the parameter', async () => {
    const res = await t.http().get('/api/v1/monitoring/funding?from=2026&to=2024').set(bearer(staff));
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.errors).toEqual([{ path: 'from', message: expect.stringContaining('darf nicht nach') }]);
  });
});
