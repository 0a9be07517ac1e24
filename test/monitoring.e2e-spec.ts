/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are asserted by value */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { FixedClock } from '@foerderfluss/core';
import { bearer, createTestContext, DEMO, TestContext } from './support/harness';
import { createBudgetYear, createPublishedCall } from './support/fixtures';
import { approvedDecision, checkBody, Tokens } from './support/flow';

/**
 * Indikatorengestütztes Monitoring (issue 19): GET /api/v1/monitoring/indicators and /funding and
 * the MONITORING export, against a small fixture whose figures are derived by hand below.
 *
 * The fixture (budget years 2024 and 2025; the demo's year 2026 stays outside the range asked):
 * - A1: Träger A, LABOUR_MARKET, ALTENBURG, 2024, Höchstbetrag 90.000 (Land 80 %: 72.000 / 18.000).
 *   Paid 40.000 (32.000 / 8.000) in an executed payment file. Festsetzung: Z = 35.000, so
 *   55.000 released (44.000 / 11.000) and 5.000 recovered (RECOVERY_DUE 4.000 / 1.000), of which
 *   2.000 came back (1.600 / 400). Its VN (FINAL, counts for 2024, SETTLED) reports
 *   JOB_PLACEMENTS 12 and PARTICIPANTS_PER_EVENT 17.
 * - A2: Träger A, LABOUR_MARKET, ALTENBURG, 2025, Höchstbetrag 45.000 (36.000 / 9.000). Its
 *   Zwischennachweis for 2025 (SUBMITTED) reports JOB_PLACEMENTS 8 and PARTICIPANTS_PER_EVENT 15.
 * - B1: Träger B, LANGUAGE_EDUCATION, PLEISSENAUE, 2024, Höchstbetrag 60.000 (48.000 / 12.000).
 *   Its Zwischennachweis for 2024 (SUBMITTED) reports, in the shape before Kennzahlen were data,
 *   LANGUAGE_EDUCATION/CONSULTATIONS 40 (matched by code) and an unknown code (ignored), and
 *   PARTICIPANTS_PER_EVENT 20; its VN is a DRAFT reporting CONSULTATIONS 1000 (does not count).
 * - Soll 2024: JOB_PLACEMENTS 30, PARTICIPANTS_PER_EVENT 18.
 */
describe('monitoring API', () => {
  let t: TestContext;
  let tk: Tokens;
  let storageDir: string;
  let orgA: string;
  let orgB: string;
  const def: Record<string, string> = {};
  const clock = () => t.clock as FixedClock;

  const ok = async <T = any>(req: PromiseLike<{ status: number; body: T }>, status = 200): Promise<T> => {
    const res = await req;
    if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const get = (token: string, url: string) => ok(t.http().get(url).set(bearer(token)));
  const money = (r: any) => ({ committed: r.committed, paid: r.paid, proven: r.proven, recoveriesDue: r.recoveriesDue, recovered: r.recovered, projects: r.projects });
  const ZERO_MONEY = { committed: '0.00', paid: '0.00', proven: '0.00', recoveriesDue: '0.00', recovered: '0.00', projects: 0 };
  const byGroup = (rows: any[]) => new Map<string, any>(rows.map((r) => [r.group, r]));
  const indicator = (rows: any[], group: string, code: string, field: string) => rows.find((r) => r.group === group && r.indicator === code && r.fieldOfAction === field);
  const figures = (r: any) => ({ actual: r.actual, target: r.target, deviation: r.deviation, reports: r.reports });

  beforeAll(async () => {
    storageDir = mkdtempSync(path.join(os.tmpdir(), 'ff-monitoring-'));
    t = await createTestContext({ now: '2023-12-01T09:00:00+01:00', env: { FILE_STORAGE_DIR: storageDir } });
    const [admin, staff, approver, provider, provider2, auditor] = await Promise.all([DEMO.admin, DEMO.staff, DEMO.approver, DEMO.provider, DEMO.provider2, DEMO.auditor].map((e) => t.login(e)));
    tk = { admin: admin!, staff: staff!, approver: approver!, provider: provider!, provider2: provider2!, auditor: auditor! };
    const staffId = (await t.db.query(`SELECT id FROM app_user WHERE email = $1`, [DEMO.staff])).rows[0].id as string;
    for (const r of (await t.db.query(`SELECT id, field_of_action_code AS f, code FROM indicator_definition`)).rows) def[`${r.f}/${r.code}`] = r.id;
    const item = (key: string, value: number) => {
      const [fieldOfAction, code] = key.split('/');
      return { indicatorId: def[key], fieldOfAction, code, label: code, unit: 'x', version: 1, value };
    };
    const report = async (proofId: string, status: string, items: unknown[], interimYear?: number) => {
      await t.db.query(
        `UPDATE proof_of_use SET status = $2, narrative = jsonb_set(narrative, '{indicators}', $3::jsonb),
                kind = CASE WHEN $4::int IS NULL THEN kind ELSE 'INTERIM' END, covered_year = coalesce($4::int, covered_year),
                reference = CASE WHEN $4::int IS NULL THEN reference ELSE replace(reference, '/VN', '/ZN-' || $4::int) END WHERE id = $1`,
        [proofId, status, JSON.stringify(items), interimYear ?? null],
      );
    };
    const newProof = async (token: string, decisionId: string): Promise<string> => (await ok(t.http().post('/api/v1/proofs-of-use').set(bearer(token)).send({ decisionId, kind: 'FINAL' }), 201)).id;
    const other = { ...tk, provider: tk.provider2 };
    const fields = ['LANGUAGE_EDUCATION', 'LABOUR_MARKET', 'CULTURE_LEISURE_SPORT'];

    // 2024
    const y24 = await createBudgetYear(t, tk.admin, 2024);
    const call24 = await createPublishedCall(t, tk.staff, y24.id, { openingDate: '2023-09-01', deadline: '2023-12-15', eligibleFieldsOfAction: fields });
    const base24 = { yearId: y24.id, callId: call24.id, year: 2024 };
    const a1 = await approvedDecision(t, tk, { ...base24, grant: '90000.00' });
    const b1 = await approvedDecision(t, other, { ...base24, grant: '60000.00', application: { fieldsOfAction: ['LANGUAGE_EDUCATION'], socialAreaCode: 'PLEISSENAUE', municipality: 'Treben' } });
    orgA = (await t.db.query(`SELECT provider_id FROM decision WHERE id = $1`, [a1.id])).rows[0].provider_id;
    orgB = (await t.db.query(`SELECT provider_id FROM decision WHERE id = $1`, [b1.id])).rows[0].provider_id;

    // A1: 40.000 paid through an executed payment file
    clock().set('2024-02-20T09:00:00+01:00');
    const duePayments = [{ dueDate: '2024-03-01', payeeType: 'STAFF', costCategory: 'PERSONNEL', description: 'Gehälter', amount: '50000.00' }];
    const pr = await ok(t.http().post('/api/v1/payment-requests').set(bearer(tk.provider)).send({ decisionId: a1.id, requestedAmount: '40000.00', requestedValueDate: '2024-03-01', duePayments }), 201);
    await ok(t.http().post(`/api/v1/payment-requests/${pr.id}/submit`).set(bearer(tk.provider)));
    await ok(t.http().post(`/api/v1/payment-requests/${pr.id}/check`).set(bearer(tk.staff)).send(checkBody({ amount: '40000.00' })));
    const payout = (await ok(t.http().post(`/api/v1/payment-requests/${pr.id}/approve`).set(bearer(tk.approver)))).disbursement.id;
    const file = await ok(t.http().post('/api/v1/payment-files').set(bearer(tk.staff)).send({ disbursementIds: [payout], executionDate: '2024-03-01' }), 201);
    clock().set('2024-03-03T09:00:00+01:00');
    await ok(t.http().post(`/api/v1/payment-files/${file.id}/book`).set(bearer(tk.staff)).send({ bookedOn: '2024-03-01' }));

    // A1: VN with indicators, Festsetzung Z = 35.000 (55.000 released, 5.000 to come back), 2.000 repaid
    const pA1 = await newProof(tk.provider, a1.id);
    await report(pA1, 'REVIEWED', [item('LABOUR_MARKET/JOB_PLACEMENTS', 12), item('CULTURE_LEISURE_SPORT/PARTICIPANTS_PER_EVENT', 17)]);
    const settlementId = (
      await t.db.query(
        `INSERT INTO settlement (decision_id, proof_id, status, final_grant, recognised_costs, paid_amount, recovery_amount, release_amount, calculation, recovery_due_date, proposed_by, proposed_at)
         VALUES ($1, $2, 'PROPOSED', 35000, 38888.89, 40000, 5000, 55000, '{}'::jsonb, '2024-06-30', $3, now()) RETURNING id`,
        [a1.id, pA1, staffId],
      )
    ).rows[0].id as string;
    clock().set('2024-05-05T09:00:00+02:00');
    await ok(t.http().post(`/api/v1/settlements/${settlementId}/approve`).set(bearer(tk.approver)));
    const recovery = (await get(tk.staff, `/api/v1/recoveries?decisionId=${a1.id}`)).items[0];
    clock().set('2024-05-20T09:00:00+02:00');
    await ok(t.http().post(`/api/v1/recoveries/${recovery.id}/repayments`).set(bearer(tk.staff)).send({ amount: '2000.00', receivedOn: '2024-05-20', payer: 'Träger A', paymentReference: 'R 1' }), 201);

    // B1: Zwischennachweis 2024 in the old item shape, and a draft VN
    const pB1 = await newProof(tk.provider2, b1.id);
    await report(
      pB1,
      'SUBMITTED',
      [
        { fieldOfAction: 'LANGUAGE_EDUCATION', code: 'CONSULTATIONS', label: 'Beratungen', value: 40 },
        { fieldOfAction: 'LANGUAGE_EDUCATION', code: 'NO_SUCH_CODE', label: 'Alt', value: 999 },
        item('CULTURE_LEISURE_SPORT/PARTICIPANTS_PER_EVENT', 20),
      ],
      2024,
    );
    const pB1draft = await newProof(tk.provider2, b1.id);
    await report(pB1draft, 'DRAFT', [item('LANGUAGE_EDUCATION/CONSULTATIONS', 1000)]);

    // 2025
    clock().set('2024-12-02T09:00:00+01:00');
    const y25 = await createBudgetYear(t, tk.admin, 2025);
    const call25 = await createPublishedCall(t, tk.staff, y25.id, { openingDate: '2024-09-01', deadline: '2024-12-15', eligibleFieldsOfAction: fields });
    const a2 = await approvedDecision(t, tk, { yearId: y25.id, callId: call25.id, year: 2025, grant: '45000.00' });
    const pA2 = await newProof(tk.provider, a2.id);
    await report(pA2, 'SUBMITTED', [item('LABOUR_MARKET/JOB_PLACEMENTS', 8), item('CULTURE_LEISURE_SPORT/PARTICIPANTS_PER_EVENT', 15)], 2025);

    // Soll for 2024 only
    await t.db.query(`INSERT INTO indicator_target (definition_id, year, target) VALUES ($1, 2024, 30), ($2, 2024, 18)`, [def['LABOUR_MARKET/JOB_PLACEMENTS'], def['CULTURE_LEISURE_SPORT/PARTICIPANTS_PER_EVENT']]);
    await t.startWorker();
  }, 240000);

  afterAll(async () => {
    await t?.close();
    if (storageDir) rmSync(storageDir, { recursive: true, force: true });
  });

  it('money by Handlungsfeld: every active Handlungsfeld, the two with money as derived by hand', async () => {
    const fields = (await t.db.query(`SELECT code FROM field_of_action WHERE active ORDER BY sort_order, name`)).rows.map((r: any) => r.code);
    const body = await get(tk.staff, '/api/v1/monitoring/funding?from=2024&to=2025&groupBy=fieldOfAction');
    expect(body).toMatchObject({ from: 2024, to: 2025, groupBy: 'fieldOfAction' });
    expect(body.rows.map((r: any) => r.group)).toEqual(fields);
    const rows = byGroup(body.rows);
    // LABOUR_MARKET: gebunden 90.000 − 55.000 (A1 released) + 45.000 (A2) = 80.000; ausgezahlt 40.000;
    // nachgewiesen Z = 35.000; zurückgefordert 5.000; zurückerhalten 2.000; A1 and A2 = 2 projects.
    expect(money(rows.get('LABOUR_MARKET'))).toEqual({ committed: '80000.00', paid: '40000.00', proven: '35000.00', recoveriesDue: '5000.00', recovered: '2000.00', projects: 2 });
    // Land/Kreis: gebunden 72.000 − 44.000 + 36.000 = 64.000 / 18.000 − 11.000 + 9.000 = 16.000;
    // ausgezahlt 32.000 / 8.000; Z 35.000 × 80 % = 28.000 / 7.000; zurückerhalten 1.600 / 400.
    expect(rows.get('LABOUR_MARKET').shares).toEqual({
      committed: { state: '64000.00', district: '16000.00' },
      paid: { state: '32000.00', district: '8000.00' },
      proven: { state: '28000.00', district: '7000.00' },
      recovered: { state: '1600.00', district: '400.00' },
    });
    const fieldName = (await t.db.query(`SELECT name FROM field_of_action WHERE code = 'LABOUR_MARKET'`)).rows[0].name;
    expect(rows.get('LABOUR_MARKET').groupLabel).toBe(fieldName);
    // LANGUAGE_EDUCATION: B1's 60.000 only.
    expect(money(rows.get('LANGUAGE_EDUCATION'))).toEqual({ ...ZERO_MONEY, committed: '60000.00', projects: 1 });
    for (const f of fields.filter((c: string) => c !== 'LABOUR_MARKET' && c !== 'LANGUAGE_EDUCATION')) expect([f, money(rows.get(f))]).toEqual([f, ZERO_MONEY]);
  });

  it('money by Sozialraum, year and Träger, with zero groups', async () => {
    const areas = (await t.db.query(`SELECT code FROM social_area WHERE active AND district_id = (SELECT id FROM organisation WHERE code = 'DISTRICT_ALTENBURGER_LAND') ORDER BY sort_order, name`)).rows.map((r: any) => r.code);
    const bySocial = await get(tk.staff, '/api/v1/monitoring/funding?from=2024&to=2025&groupBy=socialArea');
    expect(bySocial.rows.map((r: any) => r.group)).toEqual(areas);
    const s = byGroup(bySocial.rows);
    // ALTENBURG holds A1 and A2 (the LABOUR_MARKET figures), PLEISSENAUE B1; the other four got nothing.
    expect(money(s.get('ALTENBURG'))).toEqual({ committed: '80000.00', paid: '40000.00', proven: '35000.00', recoveriesDue: '5000.00', recovered: '2000.00', projects: 2 });
    expect(money(s.get('PLEISSENAUE'))).toEqual({ ...ZERO_MONEY, committed: '60000.00', projects: 1 });
    for (const a of areas.filter((c: string) => c !== 'ALTENBURG' && c !== 'PLEISSENAUE')) expect([a, money(s.get(a))]).toEqual([a, ZERO_MONEY]);

    // By year, 2023 to 2025: 2023 empty; 2024 = A1 (90.000 − 55.000) + B1 60.000 = 95.000; 2025 = A2 45.000.
    const byYear = await get(tk.staff, '/api/v1/monitoring/funding?from=2023&to=2025&groupBy=year');
    expect(byYear.rows.map((r: any) => [r.group, r.groupLabel])).toEqual([
      ['2023', '2023'],
      ['2024', '2024'],
      ['2025', '2025'],
    ]);
    expect(byYear.rows.map(money)).toEqual([
      ZERO_MONEY,
      { committed: '95000.00', paid: '40000.00', proven: '35000.00', recoveriesDue: '5000.00', recovered: '2000.00', projects: 2 },
      { ...ZERO_MONEY, committed: '45000.00', projects: 1 },
    ]);

    const byProvider = await get(tk.auditor, '/api/v1/monitoring/funding?from=2024&to=2025&groupBy=provider');
    expect(byProvider.rows.map((r: any) => r.group).sort()).toEqual([orgA, orgB].sort());
    const p = byGroup(byProvider.rows);
    expect(money(p.get(orgA))).toEqual({ committed: '80000.00', paid: '40000.00', proven: '35000.00', recoveriesDue: '5000.00', recovered: '2000.00', projects: 2 });
    expect(money(p.get(orgB))).toEqual({ ...ZERO_MONEY, committed: '60000.00', projects: 1 });
    const names = (await t.db.query(`SELECT id, name FROM organisation WHERE id = ANY($1)`, [[orgA, orgB]])).rows;
    for (const n of names) expect(p.get(n.id).groupLabel).toBe(n.name);
  });

  it('Kennzahlen: Ist, Soll and Abweichung by Handlungsfeld, Sozialraum and year, as derived by hand', async () => {
    const fields = (await t.db.query(`SELECT code FROM field_of_action WHERE active ORDER BY sort_order, name`)).rows.map((r: any) => r.code);
    const body = await get(tk.staff, '/api/v1/monitoring/indicators?from=2024&to=2025&groupBy=fieldOfAction');
    expect([...new Set(body.rows.map((r: any) => r.group))]).toEqual(fields);
    // Every active definition is a row, in its own Handlungsfeld.
    const active = Number((await t.db.query(`SELECT count(*) FROM indicator_definition WHERE active`)).rows[0].count);
    expect(body.rows).toHaveLength(active);
    const jobs = indicator(body.rows, 'LABOUR_MARKET', 'JOB_PLACEMENTS', 'LABOUR_MARKET');
    // Ist 12 (A1's VN, 2024) + 8 (A2's ZN, 2025) = 20; Soll over the range: only 2024's 30; 20 − 30 = −10.
    expect(figures(jobs)).toEqual({ actual: 20, target: 30, deviation: -10, reports: 2 });
    expect(jobs).toMatchObject({ indicatorId: def['LABOUR_MARKET/JOB_PLACEMENTS'], indicatorName: 'Vermittlungen in Arbeit oder Ausbildung', unit: 'Vermittlungen', aggregation: 'SUM' });
    expect(jobs.groupLabel).toBe((await t.db.query(`SELECT name FROM field_of_action WHERE code = 'LABOUR_MARKET'`)).rows[0].name);
    // AVERAGE: (17 + 20 + 15) / 3 = 17,333… → 17.33; Soll: mean of the targets set (18); 17.33 − 18 = −0.67.
    expect(figures(indicator(body.rows, 'CULTURE_LEISURE_SPORT', 'PARTICIPANTS_PER_EVENT', 'CULTURE_LEISURE_SPORT'))).toEqual({ actual: 17.33, target: 18, deviation: -0.67, reports: 3 });
    // Old item shape matched by (fieldOfAction, code): 40; the draft's 1000 and the unknown code do not count; no Soll.
    expect(figures(indicator(body.rows, 'LANGUAGE_EDUCATION', 'CONSULTATIONS', 'LANGUAGE_EDUCATION'))).toEqual({ actual: 40, target: null, deviation: null, reports: 1 });
    // A Handlungsfeld without any value: its Kennzahlen at 0.
    for (const r of body.rows.filter((x: any) => x.group === 'HEALTH_PSYCHOSOCIAL_CARE')) expect(figures(r)).toEqual({ actual: 0, target: null, deviation: null, reports: 0 });

    const byYear = await get(tk.staff, '/api/v1/monitoring/indicators?from=2024&to=2025&groupBy=year&fieldOfAction=CULTURE_LEISURE_SPORT');
    expect([...new Set(byYear.rows.map((r: any) => r.group))]).toEqual(['2024', '2025']);
    expect(byYear.rows.every((r: any) => r.fieldOfAction === 'CULTURE_LEISURE_SPORT')).toBe(true);
    // 2024: (17 + 20) / 2 = 18.5 against 18 → +0.5; 2025: 15, no Soll.
    expect(figures(indicator(byYear.rows, '2024', 'PARTICIPANTS_PER_EVENT', 'CULTURE_LEISURE_SPORT'))).toEqual({ actual: 18.5, target: 18, deviation: 0.5, reports: 2 });
    expect(figures(indicator(byYear.rows, '2025', 'PARTICIPANTS_PER_EVENT', 'CULTURE_LEISURE_SPORT'))).toEqual({ actual: 15, target: null, deviation: null, reports: 1 });
    const jobsByYear = await get(tk.staff, '/api/v1/monitoring/indicators?from=2024&to=2025&groupBy=year&fieldOfAction=LABOUR_MARKET');
    // 2024: 12 against 30 → −18; 2025: 8.
    expect(figures(indicator(jobsByYear.rows, '2024', 'JOB_PLACEMENTS', 'LABOUR_MARKET'))).toEqual({ actual: 12, target: 30, deviation: -18, reports: 1 });
    expect(figures(indicator(jobsByYear.rows, '2025', 'JOB_PLACEMENTS', 'LABOUR_MARKET'))).toEqual({ actual: 8, target: null, deviation: null, reports: 1 });

    const areas = (await t.db.query(`SELECT code FROM social_area WHERE active AND district_id = (SELECT id FROM organisation WHERE code = 'DISTRICT_ALTENBURGER_LAND') ORDER BY sort_order, name`)).rows.map((r: any) => r.code);
    const bySocial = await get(tk.staff, '/api/v1/monitoring/indicators?from=2024&to=2025&groupBy=socialArea&fieldOfAction=CULTURE_LEISURE_SPORT');
    expect([...new Set(bySocial.rows.map((r: any) => r.group))]).toEqual(areas);
    // ALTENBURG: A1's 17 and A2's 15 → 16; PLEISSENAUE: B1's 20; no Soll per Sozialraum (targets are Kreis-wide).
    expect(figures(indicator(bySocial.rows, 'ALTENBURG', 'PARTICIPANTS_PER_EVENT', 'CULTURE_LEISURE_SPORT'))).toEqual({ actual: 16, target: null, deviation: null, reports: 2 });
    expect(figures(indicator(bySocial.rows, 'PLEISSENAUE', 'PARTICIPANTS_PER_EVENT', 'CULTURE_LEISURE_SPORT'))).toEqual({ actual: 20, target: null, deviation: null, reports: 1 });
    expect(figures(indicator(bySocial.rows, 'DISTRICT_WIDE', 'PARTICIPANTS_PER_EVENT', 'CULTURE_LEISURE_SPORT'))).toEqual({ actual: 0, target: null, deviation: null, reports: 0 });
  });

  it('a Träger sees only its own figures in every grouping; the auditor sees the Kreis', async () => {
    // Träger A: LABOUR_MARKET as for the Kreis (all of it is A's), LANGUAGE_EDUCATION 0 (B's money).
    const fundA = byGroup((await get(tk.provider, '/api/v1/monitoring/funding?from=2024&to=2025')).rows);
    expect(money(fundA.get('LABOUR_MARKET'))).toEqual({ committed: '80000.00', paid: '40000.00', proven: '35000.00', recoveriesDue: '5000.00', recovered: '2000.00', projects: 2 });
    expect(money(fundA.get('LANGUAGE_EDUCATION'))).toEqual(ZERO_MONEY);
    const fundB = byGroup((await get(tk.provider2, '/api/v1/monitoring/funding?from=2024&to=2025&groupBy=socialArea')).rows);
    expect(money(fundB.get('ALTENBURG'))).toEqual(ZERO_MONEY);
    expect(money(fundB.get('PLEISSENAUE'))).toEqual({ ...ZERO_MONEY, committed: '60000.00', projects: 1 });
    const yearsB = (await get(tk.provider2, '/api/v1/monitoring/funding?from=2024&to=2025&groupBy=year')).rows.map(money);
    expect(yearsB).toEqual([{ ...ZERO_MONEY, committed: '60000.00', projects: 1 }, ZERO_MONEY]);

    // Provider grouping: only itself; naming the other Träger finds nothing of theirs.
    const provA = await get(tk.provider, '/api/v1/monitoring/funding?from=2024&to=2025&groupBy=provider');
    expect(provA.rows.map((r: any) => r.group)).toEqual([orgA]);
    const indProvA = await get(tk.provider, '/api/v1/monitoring/indicators?from=2024&to=2025&groupBy=provider');
    expect([...new Set(indProvA.rows.map((r: any) => r.group))]).toEqual([orgA]);
    const foreign = await get(tk.provider, `/api/v1/monitoring/funding?from=2024&to=2025&groupBy=provider&providerId=${orgB}`);
    expect(foreign.rows).toEqual([]);
    const foreignFields = await get(tk.provider, `/api/v1/monitoring/funding?from=2024&to=2025&providerId=${orgB}`);
    expect(foreignFields.rows.map(money).every((m: any) => JSON.stringify(m) === JSON.stringify(ZERO_MONEY))).toBe(true);

    // Kennzahlen: A's CULTURE average (17 + 15) / 2 = 16, B's 20; A sees B's 40 Beratungen as 0.
    const indA = (await get(tk.provider, '/api/v1/monitoring/indicators?from=2024&to=2025')).rows;
    expect(figures(indicator(indA, 'CULTURE_LEISURE_SPORT', 'PARTICIPANTS_PER_EVENT', 'CULTURE_LEISURE_SPORT'))).toMatchObject({ actual: 16, reports: 2 });
    expect(figures(indicator(indA, 'LANGUAGE_EDUCATION', 'CONSULTATIONS', 'LANGUAGE_EDUCATION'))).toMatchObject({ actual: 0, reports: 0 });
    expect(figures(indicator(indA, 'LABOUR_MARKET', 'JOB_PLACEMENTS', 'LABOUR_MARKET'))).toMatchObject({ actual: 20, reports: 2 });
    const indB = (await get(tk.provider2, '/api/v1/monitoring/indicators?from=2024&to=2025')).rows;
    expect(figures(indicator(indB, 'CULTURE_LEISURE_SPORT', 'PARTICIPANTS_PER_EVENT', 'CULTURE_LEISURE_SPORT'))).toMatchObject({ actual: 20, reports: 1 });
    expect(figures(indicator(indB, 'LABOUR_MARKET', 'JOB_PLACEMENTS', 'LABOUR_MARKET'))).toMatchObject({ actual: 0, reports: 0 });
    expect(figures(indicator(indB, 'LANGUAGE_EDUCATION', 'CONSULTATIONS', 'LANGUAGE_EDUCATION'))).toMatchObject({ actual: 40, reports: 1 });

    // The auditor reads the Kreis's figures, the same as staff.
    const auditor = await get(tk.auditor, '/api/v1/monitoring/indicators?from=2024&to=2025');
    const staff = await get(tk.staff, '/api/v1/monitoring/indicators?from=2024&to=2025');
    expect(auditor).toEqual(staff);
  });

  it('refuses bad questions with a German problem naming the parameter', async () => {
    const problem = async (query: string) => {
      const res = await t.http().get(`/api/v1/monitoring/funding?${query}`).set(bearer(tk.staff));
      expect([query, res.status]).toEqual([query, 400]);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      return res.body.errors as { path: string; message: string }[];
    };
    expect(await problem('from=2026&to=2024')).toEqual([{ path: 'from', message: 'Das Jahr „von“ (2026) darf nicht nach dem Jahr „bis“ (2024) liegen.' }]);
    expect(await problem('from=2010&to=2025')).toEqual([{ path: 'to', message: 'Es können höchstens 10 Jahre auf einmal ausgewertet werden (2010 bis 2025 sind 16).' }]);
    expect(await problem('groupBy=district')).toEqual([{ path: 'groupBy', message: 'Erlaubt sind nur diese Werte: fieldOfAction, socialArea, provider, year.' }]);
    expect(await problem('fieldOfAction=NOPE')).toEqual([{ path: 'fieldOfAction', message: expect.stringMatching(/^Ein Handlungsfeld „NOPE“ gibt es nicht\. Möglich: .*LABOUR_MARKET/) }]);
    expect(await problem('socialArea=MARS')).toEqual([{ path: 'socialArea', message: expect.stringMatching(/^Einen Sozialraum „MARS“ gibt es nicht/) }]);
    const notAYear = await problem('from=zwei');
    expect(notAYear.map((e) => e.path)).toEqual(notAYear.map(() => 'from'));
    expect(notAYear.map((e) => e.message)).toContain('Bitte eine ganze Zahl angeben.');
    expect(await problem('providerId=abc')).toEqual([{ path: 'providerId', message: 'Bitte eine gültige ID (UUID) angeben.' }]);
  });

  it('the MONITORING export: money totals and Kennzahlen equal the API, as formulas; a Träger’s export holds its own figures', async () => {
    const exportFile = async (token: string, filters: Record<string, unknown>): Promise<ExcelJS.Workbook> => {
      const requested = await ok(t.http().post('/api/v1/exports').set(bearer(token)).send({ type: 'MONITORING', format: 'xlsx', filters }), 202);
      const end = Date.now() + 60000;
      let job: any;
      for (;;) {
        job = await get(token, `/api/v1/exports/${requested.id}`);
        if (job.status === 'COMPLETED' || job.status === 'FAILED') break;
        if (Date.now() > end) throw new Error('export did not finish');
        await new Promise((r) => setTimeout(r, 150));
      }
      expect([job.status, job.error]).toEqual(['COMPLETED', null]);
      const res = await t
        .http()
        .get(`/api/v1/exports/${requested.id}/file`)
        .set(bearer(token))
        .buffer(true)
        .parse((r: any, cb: (err: Error | null, body: Buffer) => void) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => cb(null, Buffer.concat(chunks)));
        });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.body as ExcelJS.Buffer);
      return wb;
    };
    const totalOf = (ws: ExcelJS.Worksheet, header: string): { formula: string; result: string } => {
      const headers = (ws.getRow(1).values as unknown[]).slice(1);
      const col = headers.indexOf(header) + 1;
      expect([header, col > 0]).toEqual([header, true]);
      const cell = ws.getRow(ws.rowCount).getCell(col);
      const v = cell.value as ExcelJS.CellFormulaValue;
      return { formula: v.formula, result: ((v.result as number | undefined) ?? 0).toFixed(2) };
    };
    const sum = (rows: any[], key: string) => (rows.reduce((s, r) => s + Math.round(Number(r[key]) * 100), 0) / 100).toFixed(2);

    const api = await get(tk.staff, '/api/v1/monitoring/funding?from=2024&to=2025&groupBy=socialArea');
    const wb = await exportFile(tk.staff, { fromYear: 2024, toYear: 2025, groupBy: 'socialArea' });
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Geld', 'Kennzahlen', 'Info']);
    const ws = wb.getWorksheet('Geld')!;
    expect((ws.getRow(1).values as unknown[]).slice(1, 8)).toEqual(['Gruppe', 'Projekte', 'gebunden', 'ausgezahlt', 'nachgewiesen', 'zurückgefordert', 'zurückerhalten']);
    // One row per Sozialraum (also with 0), in the API's order, then the totals row.
    expect(ws.rowCount).toBe(api.rows.length + 2);
    expect(Array.from({ length: api.rows.length }, (_, i) => ws.getRow(i + 2).getCell(1).value)).toEqual(api.rows.map((r: any) => r.groupLabel));
    // Totals: 80.000 + 60.000 = 140.000 gebunden; 40.000 ausgezahlt; 35.000 nachgewiesen; 5.000 / 2.000.
    for (const [header, key, expected] of [
      ['gebunden', 'committed', '140000.00'],
      ['ausgezahlt', 'paid', '40000.00'],
      ['nachgewiesen', 'proven', '35000.00'],
      ['zurückgefordert', 'recoveriesDue', '5000.00'],
      ['zurückerhalten', 'recovered', '2000.00'],
    ] as const) {
      const total = totalOf(ws, header);
      expect([header, total.formula.startsWith('SUM('), total.result, sum(api.rows, key)]).toEqual([header, true, expected, expected]);
    }
    const kennzahlen = wb.getWorksheet('Kennzahlen')!;
    expect((kennzahlen.getRow(1).values as unknown[]).slice(1)).toEqual(['Gruppe', 'Handlungsfeld der Kennzahl', 'Kennzahl', 'Einheit', 'Berechnung', 'Ist', 'Soll', 'Abweichung', 'Berichte']);
    const apiInd = await get(tk.staff, '/api/v1/monitoring/indicators?from=2024&to=2025&groupBy=socialArea');
    expect(kennzahlen.rowCount).toBe(apiInd.rows.length + 1);
    const avg = apiInd.rows.findIndex((r: any) => r.group === 'ALTENBURG' && r.indicator === 'PARTICIPANTS_PER_EVENT');
    const cultureName = (await t.db.query(`SELECT name FROM field_of_action WHERE code = 'CULTURE_LEISURE_SPORT'`)).rows[0].name;
    expect((kennzahlen.getRow(avg + 2).values as unknown[]).slice(1, 7)).toEqual(['Altenburg', cultureName, 'Teilnehmende je Veranstaltung', 'Personen', 'Mittelwert', 16]);

    // Träger B: its own 60.000 only.
    const wbB = await exportFile(tk.provider2, { fromYear: 2024, toYear: 2025 });
    expect(totalOf(wbB.getWorksheet('Geld')!, 'gebunden').result).toBe('60000.00');
    expect(totalOf(wbB.getWorksheet('Geld')!, 'nachgewiesen').result).toBe('0.00');

    // The export's filters are checked like the API's query.
    const refused = await t.http().post('/api/v1/exports').set(bearer(tk.staff)).send({ type: 'MONITORING', format: 'xlsx', filters: { fromYear: 2026, toYear: 2024, fieldOfAction: 'NOPE' } });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([{ path: 'filters.fromYear', message: 'Das Jahr „Jahr von“ (2026) darf nicht nach dem Jahr „Jahr bis“ (2024) liegen.' }]);
    const unknown = await t.http().post('/api/v1/exports').set(bearer(tk.staff)).send({ type: 'MONITORING', format: 'xlsx', filters: { fieldOfAction: 'NOPE' } });
    expect([unknown.status, unknown.body.errors[0].path]).toEqual([400, 'filters.fieldOfAction']);
  });
});
