/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are asserted by value */
import { DataSource } from 'typeorm';
import { FixedClock } from '@foerderfluss/core';
import { bearer, createTestContext, DEMO, TestContext } from './support/harness';
import { createBudgetYear, createPublishedCall } from './support/fixtures';
import { approvedDecision, Tokens } from './support/flow';

const PROBLEM = /^application\/problem\+json/;

/**
 * Kennzahlen as data (issue 19): definitions per Handlungsfeld with their history, the yearly Soll,
 * who may change what, and the Sachbericht reporting against them by id with a stored snapshot.
 */
describe('indicators: Kennzahlen, Soll und Sachbericht', () => {
  let t: TestContext;
  let tk: Tokens;
  let decisionId: string;
  const clock = () => t.clock as FixedClock;

  const ok = async <T = any>(req: PromiseLike<{ status: number; body: T }>, status = 200): Promise<T> => {
    const res = await req;
    if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const problem = async (req: PromiseLike<{ status: number; body: any; headers: Record<string, string> }>, status: number): Promise<any> => {
    const res = await req;
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    return res.body;
  };
  const list = async (query = '', token = tk.staff): Promise<any[]> => (await ok(t.http().get(`/api/v1/indicators${query}`).set(bearer(token)))).items;
  const byCode = async (field: string, code: string): Promise<any> => (await list(`?fieldOfAction=${field}&includeInactive=true`)).find((k) => k.code === code);
  const narrative = (indicators: unknown[]) => ({ measure: 'Sozialberatung', goalsAchieved: 'erreicht', targetGroupReached: 'ja', deviations: 'keine', indicators });

  beforeAll(async () => {
    t = await createTestContext({ now: '2024-12-02T09:00:00+01:00' });
    const [admin, staff, approver, provider, provider2, auditor] = await Promise.all(
      [DEMO.admin, DEMO.staff, DEMO.approver, DEMO.provider, DEMO.provider2, DEMO.auditor].map((e) => t.login(e)),
    );
    tk = { admin: admin!, staff: staff!, approver: approver!, provider: provider!, provider2: provider2!, auditor: auditor! };
    const y = await createBudgetYear(t, tk.admin, 2025, { state: '400000.00', district: '100000.00' });
    const call = await createPublishedCall(t, tk.staff, y.id, { openingDate: '2024-09-01', deadline: '2024-12-15' });
    // The fixture application's Handlungsfeld is LABOUR_MARKET.
    decisionId = (await approvedDecision(t, tk, { yearId: y.id, callId: call.id, year: 2025 })).id;
  });
  afterAll(() => t.close());

  it('lists the seeded Kennzahlen for every role, in the order of the Handlungsfelder, then their own', async () => {
    const fields = (await ok(t.http().get('/api/v1/reference/fields-of-action').set(bearer(tk.staff)))) as any;
    const fieldOrder: string[] = (Array.isArray(fields) ? fields : fields.items).map((f: any) => f.code);
    for (const token of [tk.admin, tk.staff, tk.approver, tk.auditor, tk.provider]) {
      const items = await list('', token);
      expect(items).toHaveLength(24);
      const positions = items.map((k) => [fieldOrder.indexOf(k.fieldOfAction), k.sortOrder] as const);
      const sorted = [...positions].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      expect(positions).toEqual(sorted);
    }
    const labour = await list('?fieldOfAction=LABOUR_MARKET', tk.provider);
    expect(labour.map((k) => k.code)).toEqual(['CONSULTATIONS', 'PERSONS_COUNSELLED', 'JOB_PLACEMENTS']);
    expect(labour[2]).toMatchObject({ name: 'Vermittlungen in Arbeit oder Ausbildung', unit: 'Vermittlungen', aggregation: 'SUM', active: true, version: 1 });
    await problem(t.http().get('/api/v1/indicators?includeInactive=vielleicht').set(bearer(tk.staff)), 400);
  });

  it('creates a Kennzahl with history and audit; a duplicate code in the field is a German 409; bad input names the field', async () => {
    const created = await ok(
      t.http().post('/api/v1/indicators').set(bearer(tk.staff)).send({ fieldOfAction: 'LABOUR_MARKET', code: 'INTERNSHIPS', name: ' vermittelte Praktika ', unit: 'Praktika', aggregation: 'SUM' }),
      201,
    );
    expect(created).toMatchObject({ fieldOfAction: 'LABOUR_MARKET', code: 'INTERNSHIPS', name: 'vermittelte Praktika', unit: 'Praktika', active: true, version: 1 });
    expect((await list('?fieldOfAction=LABOUR_MARKET')).at(-1).code).toBe('INTERNSHIPS');
    const versions = await ok(t.http().get(`/api/v1/indicators/${created.id}/versions`).set(bearer(tk.auditor)));
    expect(versions.items).toEqual([expect.objectContaining({ version: 1, name: 'vermittelte Praktika', unit: 'Praktika', aggregation: 'SUM', active: true, changedBy: expect.any(String) })]);
    const events = await ok(t.http().get(`/api/v1/audit-events?entity=IndicatorDefinition&entityId=${created.id}`).set(bearer(tk.auditor)));
    expect(events.items.map((e: any) => e.action)).toEqual(['indicator.create']);

    const dup = await problem(t.http().post('/api/v1/indicators').set(bearer(tk.admin)).send({ fieldOfAction: 'LABOUR_MARKET', code: 'INTERNSHIPS', name: 'x', unit: 'x', aggregation: 'SUM' }), 409);
    expect(dup.detail).toContain('Im Handlungsfeld „');
    expect(dup.errors).toEqual([expect.objectContaining({ path: 'code' })]);
    // The same code in another Handlungsfeld is another Kennzahl.
    await ok(t.http().post('/api/v1/indicators').set(bearer(tk.admin)).send({ fieldOfAction: 'ANTI_DISCRIMINATION', code: 'INTERNSHIPS', name: 'Praktika', unit: 'Praktika', aggregation: 'SUM' }), 201);

    const bad = await problem(t.http().post('/api/v1/indicators').set(bearer(tk.staff)).send({ fieldOfAction: 'NOWHERE', code: 'kleinbuchstaben', name: '  ', unit: 'x', aggregation: 'MEDIAN' }), 400);
    const paths = bad.errors.map((e: any) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['code', 'name', 'aggregation']));
    expect(bad.errors.find((e: any) => e.path === 'code').message).toContain('Großbuchstaben');
    const unknownField = await problem(t.http().post('/api/v1/indicators').set(bearer(tk.staff)).send({ fieldOfAction: 'NOWHERE', code: 'ABC', name: 'x', unit: 'x', aggregation: 'SUM' }), 400);
    expect(unknownField.errors).toEqual([{ path: 'fieldOfAction', message: 'Das Handlungsfeld NOWHERE gibt es nicht.' }]);
  });

  it('refuses changes by APPROVER, AUDITOR and Träger (403) and answers 404 for unknown ids', async () => {
    const k = await byCode('LABOUR_MARKET', 'JOB_PLACEMENTS');
    for (const token of [tk.approver, tk.auditor, tk.provider]) {
      await problem(t.http().post('/api/v1/indicators').set(bearer(token)).send({ fieldOfAction: 'LABOUR_MARKET', code: 'TRAEGER', name: 'x', unit: 'x', aggregation: 'SUM' }), 403);
      await problem(t.http().patch(`/api/v1/indicators/${k.id}`).set(bearer(token)).send({ name: 'x' }), 403);
      await problem(t.http().put(`/api/v1/indicator-targets/${k.id}/2026`).set(bearer(token)).send({ target: '10' }), 403);
      await problem(t.http().delete(`/api/v1/indicator-targets/${k.id}/2026`).set(bearer(token)), 403);
    }
    expect(await byCode('LABOUR_MARKET', 'TRAEGER')).toBeUndefined();
    const unknown = '00000000-0000-4000-8000-000000000000';
    await problem(t.http().get(`/api/v1/indicators/${unknown}`).set(bearer(tk.staff)), 404);
    await problem(t.http().patch(`/api/v1/indicators/${unknown}`).set(bearer(tk.staff)).send({ name: 'x' }), 404);
    await problem(t.http().get(`/api/v1/indicators/${unknown}/versions`).set(bearer(tk.staff)), 404);
    await problem(t.http().get('/api/v1/indicators/nicht-eine-id/versions').set(bearer(tk.staff)), 404);
    await problem(t.http().put(`/api/v1/indicator-targets/${unknown}/2026`).set(bearer(tk.staff)).send({ target: '1' }), 404);
    await problem(t.http().put(`/api/v1/indicator-targets/${k.id}/1999`).set(bearer(tk.staff)).send({ target: '1' }), 404);
    await problem(t.http().delete(`/api/v1/indicator-targets/${k.id}/2031`).set(bearer(tk.staff)), 404);
  });

  it('sets, changes and deletes a Soll per year; readable by every role; German 400 on a bad value', async () => {
    const k = await byCode('LABOUR_MARKET', 'JOB_PLACEMENTS');
    const set = await ok(t.http().put(`/api/v1/indicator-targets/${k.id}/2026`).set(bearer(tk.staff)).send({ target: '40' }));
    expect(set).toMatchObject({ indicatorId: k.id, year: 2026, target: '40.00' });
    const changed = await ok(t.http().put(`/api/v1/indicator-targets/${k.id}/2026`).set(bearer(tk.admin)).send({ target: '42.5', version: set.version }));
    expect(changed.target).toBe('42.50');
    // A stale version (someone else changed it since) is a 409, not a silent overwrite.
    await problem(t.http().put(`/api/v1/indicator-targets/${k.id}/2026`).set(bearer(tk.staff)).send({ target: '50', version: set.version }), 409);
    await ok(t.http().put(`/api/v1/indicator-targets/${k.id}/2027`).set(bearer(tk.staff)).send({ target: '45' }));
    for (const token of [tk.provider, tk.auditor, tk.approver]) {
      const year = await ok(t.http().get('/api/v1/indicator-targets?year=2026').set(bearer(token)));
      expect(year.items).toEqual([expect.objectContaining({ indicatorId: k.id, year: 2026, target: '42.50' })]);
    }
    expect((await ok(t.http().get('/api/v1/indicator-targets').set(bearer(tk.staff)))).items.map((x: any) => x.year)).toEqual([2026, 2027]);

    for (const [target, fragment] of [['-1', 'negativ'], ['1.234', 'höchstens 2 Nachkommastellen'], ['viele', 'Dezimalzahl']] as const) {
      const bad = await problem(t.http().put(`/api/v1/indicator-targets/${k.id}/2026`).set(bearer(tk.staff)).send({ target }), 400);
      expect(bad.errors).toEqual([expect.objectContaining({ path: 'target', message: expect.stringContaining(fragment) })]);
    }
    await problem(t.http().get('/api/v1/indicator-targets?year=zwanzig').set(bearer(tk.staff)), 400);

    await ok(t.http().delete(`/api/v1/indicator-targets/${k.id}/2027`).set(bearer(tk.staff)), 204);
    expect((await ok(t.http().get('/api/v1/indicator-targets?year=2027').set(bearer(tk.staff)))).items).toEqual([]);
    const events = await ok(t.http().get('/api/v1/audit-events?entity=IndicatorTarget').set(bearer(tk.auditor)));
    expect(events.items.map((e: any) => e.action).sort()).toEqual(['indicator-target.create', 'indicator-target.create', 'indicator-target.delete', 'indicator-target.update'].sort());
  });

  it('reports against definitions: stored as a snapshot, a rename keeps the old label, inactive, foreign, unknown and duplicate ones are refused', async () => {
    clock().set('2025-07-20T10:00:00+02:00');
    const proof = await ok(t.http().post('/api/v1/proofs-of-use').set(bearer(tk.provider)).send({ decisionId, kind: 'FINAL' }), 201);
    const consultations = await byCode('LABOUR_MARKET', 'CONSULTATIONS');
    const placements = await byCode('LABOUR_MARKET', 'JOB_PLACEMENTS');
    const saved = await ok(
      t
        .http()
        .patch(`/api/v1/proofs-of-use/${proof.id}`)
        .set(bearer(tk.provider))
        .send({ narrative: narrative([{ indicatorId: consultations.id, value: 412 }, { indicatorId: placements.id, value: 9 }]) }),
    );
    expect(saved.narrative.indicators).toEqual([
      { indicatorId: consultations.id, fieldOfAction: 'LABOUR_MARKET', code: 'CONSULTATIONS', label: 'Beratungen', unit: 'Gespräche', version: 1, value: 412 },
      { indicatorId: placements.id, fieldOfAction: 'LABOUR_MARKET', code: 'JOB_PLACEMENTS', label: 'Vermittlungen in Arbeit oder Ausbildung', unit: 'Vermittlungen', version: 1, value: 9 },
    ]);

    // Staff renames the Kennzahl: version 2 in the history; the report keeps what was reported.
    const renamed = await ok(t.http().patch(`/api/v1/indicators/${consultations.id}`).set(bearer(tk.staff)).send({ name: 'Beratungsgespräche', version: consultations.version }));
    expect(renamed).toMatchObject({ name: 'Beratungsgespräche', code: 'CONSULTATIONS', version: 2 });
    await problem(t.http().patch(`/api/v1/indicators/${consultations.id}`).set(bearer(tk.staff)).send({ unit: 'Termine', version: 1 }), 409);
    // code and fieldOfAction are not editable: the whitelist refuses them.
    const fixed = await problem(t.http().patch(`/api/v1/indicators/${consultations.id}`).set(bearer(tk.staff)).send({ code: 'OTHER', fieldOfAction: 'ANTI_DISCRIMINATION' }), 400);
    expect(fixed.errors.map((e: any) => e.path).sort()).toEqual(['code', 'fieldOfAction']);
    const history = await ok(t.http().get(`/api/v1/indicators/${consultations.id}/versions`).set(bearer(tk.provider)));
    expect(history.items.map((v: any) => [v.version, v.name, v.changedBy === null])).toEqual([
      [1, 'Beratungen', true],
      [2, 'Beratungsgespräche', false],
    ]);
    const events = await ok(t.http().get(`/api/v1/audit-events?entity=IndicatorDefinition&entityId=${consultations.id}`).set(bearer(tk.auditor)));
    expect(events.items).toEqual([expect.objectContaining({ action: 'indicator.update', before: expect.objectContaining({ name: 'Beratungen' }), after: expect.objectContaining({ name: 'Beratungsgespräche', version: 2 }) })]);
    // A no-op change writes nothing.
    expect((await ok(t.http().patch(`/api/v1/indicators/${consultations.id}`).set(bearer(tk.staff)).send({ name: 'Beratungsgespräche' }))).version).toBe(2);
    const reread = await ok(t.http().get(`/api/v1/proofs-of-use/${proof.id}`).set(bearer(tk.staff)));
    expect(reread.narrative.indicators[0]).toMatchObject({ label: 'Beratungen', version: 1, value: 412 });

    // Retired: no new values, old ones stay; listed only with includeInactive.
    await ok(t.http().patch(`/api/v1/indicators/${placements.id}`).set(bearer(tk.admin)).send({ active: false }));
    expect((await list('?fieldOfAction=LABOUR_MARKET')).map((k) => k.code)).not.toContain('JOB_PLACEMENTS');
    expect((await list('?fieldOfAction=LABOUR_MARKET&includeInactive=true')).map((k) => k.code)).toContain('JOB_PLACEMENTS');
    const inactive = await problem(
      t.http().patch(`/api/v1/proofs-of-use/${proof.id}`).set(bearer(tk.provider)).send({ narrative: narrative([{ indicatorId: consultations.id, value: 1 }, { indicatorId: placements.id, value: 9 }]) }),
      400,
    );
    expect(inactive.errors).toEqual([{ path: 'narrative.indicators[1].indicatorId', message: 'Die Kennzahl „Vermittlungen in Arbeit oder Ausbildung“ wird nicht mehr erhoben; bitte entfernen.' }]);

    const duplicate = await problem(
      t.http().patch(`/api/v1/proofs-of-use/${proof.id}`).set(bearer(tk.provider)).send({ narrative: narrative([{ indicatorId: consultations.id, value: 1 }, { indicatorId: consultations.id, value: 2 }]) }),
      400,
    );
    expect(duplicate.errors).toEqual([expect.objectContaining({ path: 'narrative.indicators[1].indicatorId', message: expect.stringContaining('doppelt') })]);

    const foreign = await byCode('ANTI_DISCRIMINATION', 'EVENTS');
    const other = await problem(t.http().patch(`/api/v1/proofs-of-use/${proof.id}`).set(bearer(tk.provider)).send({ narrative: narrative([{ indicatorId: foreign.id, value: 3 }]) }), 400);
    expect(other.errors[0]).toMatchObject({ path: 'narrative.indicators[0].indicatorId', message: expect.stringContaining('Arbeitsmarkt') });

    const unknown = await problem(
      t.http().patch(`/api/v1/proofs-of-use/${proof.id}`).set(bearer(tk.provider)).send({ narrative: narrative([{ indicatorId: '00000000-0000-4000-8000-000000000000', value: 3 }]) }),
      400,
    );
    expect(unknown.errors).toEqual([{ path: 'narrative.indicators[0].indicatorId', message: 'Diese Kennzahl gibt es nicht.' }]);

    const negative = await problem(t.http().patch(`/api/v1/proofs-of-use/${proof.id}`).set(bearer(tk.provider)).send({ narrative: narrative([{ indicatorId: consultations.id, value: -1 }]) }), 400);
    expect(negative.errors).toEqual([expect.objectContaining({ path: 'narrative.indicators[0].value' })]);
    // The old free-text shape is refused, not silently dropped.
    const old = await problem(
      t.http().patch(`/api/v1/proofs-of-use/${proof.id}`).set(bearer(tk.provider)).send({ narrative: narrative([{ fieldOfAction: 'LABOUR_MARKET', code: 'CONSULTATIONS', label: 'Beratungen', value: 3 }]) }),
      400,
    );
    expect(old.errors.map((e: any) => e.path)).toEqual(expect.arrayContaining(['narrative.indicators[0].indicatorId', 'narrative.indicators[0].fieldOfAction']));

    // Nothing of the refused attempts was stored.
    const after = await ok(t.http().get(`/api/v1/proofs-of-use/${proof.id}`).set(bearer(tk.provider)));
    expect(after.narrative.indicators.map((k: any) => [k.code, k.value])).toEqual([
      ['CONSULTATIONS', 412],
      ['JOB_PLACEMENTS', 9],
    ]);

    // A Sachbericht from before issue 19 (no indicatorId, unit, version) is shown as it was stored.
    await t.app.get(DataSource).query(
      `UPDATE proof_of_use SET narrative = jsonb_set(narrative, '{indicators}', narrative->'indicators' || '[{"fieldOfAction":"LABOUR_MARKET","code":"REFERRALS","label":"Vermittlungen","value":5}]'::jsonb) WHERE id = $1`,
      [proof.id],
    );
    const legacy = await ok(t.http().get(`/api/v1/proofs-of-use/${proof.id}`).set(bearer(tk.provider)));
    expect(legacy.narrative.indicators[2]).toEqual({ indicatorId: null, fieldOfAction: 'LABOUR_MARKET', code: 'REFERRALS', label: 'Vermittlungen', unit: null, version: null, value: 5 });
  });

});
