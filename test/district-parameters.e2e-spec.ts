/**
 * Issue 20: the programme parameters a Kreis may choose. The Richtlinie is the Land's; it leaves the
 * Bagatellgrenze, the Stichprobe and the Mahnfristen to each Kreis as Bewilligungsbehörde. Over HTTP
 * on the demo Land: who writes at which level, whose values a calculation and a record take, and
 * that one Kreis never sees or changes another's.
 */
import { CalendarDate } from '@foerderfluss/core';
import { ParametersService } from '@foerderfluss/programmes';
import { GREIZ } from '../seeds/demo/land';
import { bearer, createTestContext, DEMO, TestContext } from './support/harness';
import { SAVINGS_1000 } from './support/fixtures';

const PROGRAMME = 'SOZIALBERATUNG_FLUECHTLINGE';
const CHOICES = ['DE_MINIMIS_AMOUNT', 'SAMPLE_SHARE_PERCENT', 'DUNNING_FIRST_DAYS', 'DUNNING_SECOND_DAYS', 'DUNNING_PAYMENT_DAYS'];
const GREIZ_STAFF = 'sachbearbeitung.greiz@demo.foerderfluss.de';

interface Value {
  id: string;
  code: string;
  value: string;
  validFrom: string;
  districtId: string | null;
  version: number;
}
interface Parameter {
  code: string;
  inForce: Value | null;
  values: Value[];
  districtChoice: boolean;
  districtValues: Value[];
  allowedActions: string[];
}
interface ParameterList {
  districtId: string | null;
  districtName: string | null;
  writeLevel: string | null;
  items: Parameter[];
}

/** A = 99.000, 1.000 below plan, for a case in 2027: reduced under a Bagatellgrenze of 500, not under 2.000. */
const CASE_2027 = { ...SAVINGS_1000, parametersOn: '2027-06-30' };

describe('programme parameters a Kreis chooses (issue 20)', () => {
  let t: TestContext;
  const LOGINS = {
    admin: DEMO.admin,
    staff: DEMO.staff,
    landAdmin: DEMO.landAdmin,
    land: 'land@demo.foerderfluss.de',
    greizAdmin: DEMO.greizAdmin,
    greizStaff: GREIZ_STAFF,
    provider: DEMO.provider,
  } as const;
  let tk: Record<keyof typeof LOGINS, string>;
  let altenburg: string;
  let greiz: string;

  beforeAll(async () => {
    t = await createTestContext();
    const entries = await Promise.all(Object.entries(LOGINS).map(async ([key, email]) => [key, await t.login(email)] as const));
    tk = Object.fromEntries(entries) as Record<keyof typeof LOGINS, string>;
    const ids = (await t.db.query(`SELECT code, id FROM organisation WHERE code = ANY($1)`, [['DISTRICT_ALTENBURGER_LAND', GREIZ]])).rows as { code: string; id: string }[];
    altenburg = ids.find((r) => r.code === 'DISTRICT_ALTENBURGER_LAND')!.id;
    greiz = ids.find((r) => r.code === GREIZ)!.id;
  });
  afterAll(() => t.close());

  const list = async (token: string, query = ''): Promise<ParameterList> =>
    (await t.http().get(`/api/v1/programmes/${PROGRAMME}/parameters${query}`).set(bearer(token)).expect(200)).body as ParameterList;
  const byCode = (l: ParameterList) => Object.fromEntries(l.items.map((p) => [p.code, p]));
  const add = (token: string, code: string, value: string, validFrom: string) =>
    t.http().post(`/api/v1/programmes/${PROGRAMME}/parameters/${code}/values`).set(bearer(token)).send({ value, validFrom });
  const finalGrant = (token: string) => t.http().post('/api/v1/calculations/final-grant').set(bearer(token)).send(CASE_2027).expect(200);
  const deMinimisSource = (body: { parameterSources: { items: { name: string }[] } }) => body.parameterSources.items.find((i) => i.name === 'deMinimisAmount');

  it('the parameter screen says which parameters a Kreis may choose and where each caller writes', async () => {
    const own = await list(tk.admin);
    expect(own).toMatchObject({ districtId: altenburg, districtName: expect.stringContaining('Altenburger Land'), writeLevel: 'DISTRICT' });
    expect(own.items.filter((p) => p.districtChoice).map((p) => p.code).sort()).toEqual([...CHOICES].sort());
    // A Kreis's ADMIN may add only what the Richtlinie leaves to the Kreis.
    expect(own.items.filter((p) => p.allowedActions.includes('ADD_VALUE')).map((p) => p.code).sort()).toEqual([...CHOICES].sort());

    const staff = await list(tk.staff);
    expect(staff).toMatchObject({ districtId: altenburg, writeLevel: null });
    expect(staff.items.every((p) => p.allowedActions.length === 0)).toBe(true);

    const land = await list(tk.landAdmin);
    expect(land).toMatchObject({ districtId: null, districtName: null, writeLevel: 'PROGRAMME' });
    expect(land.items.every((p) => p.allowedActions.includes('ADD_VALUE'))).toBe(true);
    expect((await list(tk.land)).writeLevel).toBeNull();

    // Träger read no parameters; a Kreis user cannot look into another Kreis; nonsense ids are a German 400.
    await t.http().get(`/api/v1/programmes/${PROGRAMME}/parameters`).set(bearer(tk.provider)).expect(403);
    const foreign = await t.http().get(`/api/v1/programmes/${PROGRAMME}/parameters?districtId=${altenburg}`).set(bearer(tk.greizStaff)).expect(404);
    expect(foreign.body).toMatchObject({ code: 'DISTRICT_NOT_FOUND', detail: 'Der Landkreis wurde nicht gefunden.' });
    const bad = await t.http().get(`/api/v1/programmes/${PROGRAMME}/parameters?districtId=kaputt`).set(bearer(tk.landAdmin)).expect(400);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(bad.body.errors).toEqual([{ path: 'districtId', message: expect.stringMatching(/UUID|Kennung/i) }]);
  });

  it("a Kreis's ADMIN sets its own Bagatellgrenze: its Kreis calculates with it, the other Kreis keeps the programme's", async () => {
    const created = await add(tk.admin, 'DE_MINIMIS_AMOUNT', '2000', '2027-01-01').expect(201);
    expect(created.body).toMatchObject({ code: 'DE_MINIMIS_AMOUNT', value: '2000.00', validFrom: '2027-01-01', districtId: altenburg, version: 1 });

    const own = await finalGrant(tk.staff);
    expect(own.body).toMatchObject({ finalGrant: '90000.00', recovery: '0.00', parametersUsed: { deMinimisAmount: '2000.00' } });
    expect(deMinimisSource(own.body)).toEqual({ name: 'deMinimisAmount', source: 'DISTRICT', parameterCode: 'DE_MINIMIS_AMOUNT', validFrom: '2027-01-01', districtId: altenburg });

    const other = await finalGrant(tk.greizStaff);
    expect(other.body).toMatchObject({ finalGrant: '89000.00', parametersUsed: { deMinimisAmount: '500.00' } });
    expect(deMinimisSource(other.body)).toMatchObject({ source: 'PROGRAMME', validFrom: '2024-01-01' });

    // The screen of each Kreis: its own value and what is in force for it.
    const mine = byCode(await list(tk.staff, '?on=2027-06-30')).DE_MINIMIS_AMOUNT!;
    expect(mine.districtValues.map((v) => v.value)).toEqual(['2000.00']);
    expect(mine.inForce).toMatchObject({ value: '2000.00', districtId: altenburg });
    expect(mine.values.map((v) => v.value)).toEqual(['500.00']);
    const theirs = byCode(await list(tk.greizAdmin, '?on=2027-06-30')).DE_MINIMIS_AMOUNT!;
    expect(theirs.districtValues).toEqual([]);
    expect(theirs.inForce).toMatchObject({ value: '500.00', districtId: null });
    // The Land may look at any Kreis's values.
    const seenByLand = byCode(await list(tk.land, `?on=2027-06-30&districtId=${altenburg}`)).DE_MINIMIS_AMOUNT!;
    expect(seenByLand.inForce).toMatchObject({ value: '2000.00', districtId: altenburg });

    // Audited with its Kreis, so the Kreis's audit log shows it and no other Kreis's does.
    const events = (await t.db.query(`SELECT action, actor_email, district_id, after FROM audit_event WHERE entity_id = $1`, [created.body.id])).rows;
    expect(events).toEqual([
      {
        action: 'programme.parameter.district.create',
        actor_email: DEMO.admin,
        district_id: altenburg,
        after: expect.objectContaining({ code: 'DE_MINIMIS_AMOUNT', value: '2000.00', validFrom: '2027-01-01', districtId: altenburg }),
      },
    ]);
  });

  it("the Kreis's own value wins over a later change of the programme's; the programme's change reaches the other Kreise", async () => {
    await add(tk.landAdmin, 'DE_MINIMIS_AMOUNT', '750', '2027-03-01').expect(201);
    expect((await finalGrant(tk.staff)).body.parametersUsed).toMatchObject({ deMinimisAmount: '2000.00' });
    expect((await finalGrant(tk.greizStaff)).body.parametersUsed).toMatchObject({ deMinimisAmount: '750.00' });
    // The rule as the libs take it: always the Kreis of the record.
    const service = t.app.get(ParametersService);
    const on = CalendarDate.parse('2027-06-30');
    expect((await service.inForce(PROGRAMME, on, altenburg)).deMinimisAmount.toApiString()).toBe('2000.00');
    expect((await service.inForce(PROGRAMME, on, greiz)).deMinimisAmount.toApiString()).toBe('750.00');
    expect((await service.inForce(PROGRAMME, on, null)).deMinimisAmount.toApiString()).toBe('750.00');
    // Before its own value, the Kreis had the programme's.
    expect((await service.inForce(PROGRAMME, CalendarDate.parse('2026-06-30'), altenburg)).deMinimisAmount.toApiString()).toBe('500.00');
  });

  it('a Kreis cannot set what the Land sets alone, nor touch another Kreis’s value; the Land does not set a Kreis’s choice', async () => {
    const before = (await t.db.query(`SELECT count(*)::int AS n FROM programme_parameter`)).rows[0].n as number;
    const refused = await add(tk.admin, 'STATE_RATE_PERCENT', '90', '2027-01-01').expect(403);
    expect(refused.body.code).toBe('PROGRAMME_PARAMETER_SET_BY_STATE');
    expect(refused.body.detail).toMatch(/^Den Parameter „Fördersatz des Landes“ legt das Land für alle Kreise fest\. Ihr Kreis kann eigene Werte für diese Parameter festlegen: .*Bagatellgrenze/);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM programme_parameter`)).rows[0].n).toBe(before);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM district_programme_parameter WHERE code = 'STATE_RATE_PERCENT'`)).rows[0].n).toBe(0);

    const own = byCode(await list(tk.admin)).DE_MINIMIS_AMOUNT!.districtValues[0]!;
    // Greiz's ADMIN: another Kreis's value does not exist for it.
    await t.http().patch(`/api/v1/programmes/${PROGRAMME}/parameters/DE_MINIMIS_AMOUNT/values/${own.id}`).set(bearer(tk.greizAdmin)).send({ value: '1' }).expect(404);
    // The Land's ADMIN corrects programme values only; the Kreis's value is not one of them.
    await t.http().patch(`/api/v1/programmes/${PROGRAMME}/parameters/DE_MINIMIS_AMOUNT/values/${own.id}`).set(bearer(tk.landAdmin)).send({ value: '1' }).expect(404);
    // Staff of the Kreis itself may not change it either.
    await add(tk.staff, 'DE_MINIMIS_AMOUNT', '100', '2028-01-01').expect(403);
    expect((await t.db.query(`SELECT value FROM district_programme_parameter WHERE id = $1`, [own.id])).rows).toEqual([{ value: '2000.00' }]);
  });

  it("the Kreis's ADMIN corrects its own value with the version it saw; a duplicate day is a German 409 at validFrom", async () => {
    const own = byCode(await list(tk.admin)).DE_MINIMIS_AMOUNT!.districtValues[0]!;
    const corrected = await t
      .http()
      .patch(`/api/v1/programmes/${PROGRAMME}/parameters/DE_MINIMIS_AMOUNT/values/${own.id}`)
      .set(bearer(tk.admin))
      .send({ value: '1500', version: own.version })
      .expect(200);
    expect(corrected.body).toMatchObject({ value: '1500.00', districtId: altenburg, version: own.version + 1 });
    await t
      .http()
      .patch(`/api/v1/programmes/${PROGRAMME}/parameters/DE_MINIMIS_AMOUNT/values/${own.id}`)
      .set(bearer(tk.admin))
      .send({ value: '1400', version: own.version })
      .expect(409);
    const duplicate = await add(tk.admin, 'DE_MINIMIS_AMOUNT', '900', '2027-01-01').expect(409);
    expect(duplicate.body).toMatchObject({ code: 'PROGRAMME_PARAMETER_VALID_FROM_TAKEN', errors: [{ path: 'validFrom' }] });
    const invalid = await add(tk.admin, 'DUNNING_FIRST_DAYS', 'zwei Wochen', '2027-01-01').expect(400);
    expect(invalid.body.errors).toEqual([{ path: 'value', message: expect.stringMatching(/ganze Zahl von Tagen/) }]);
    // Greiz sets its own Mahnfrist independently, on the same day.
    await add(tk.greizAdmin, 'DUNNING_FIRST_DAYS', '21', '2027-01-01').expect(201);
    const events = (await t.db.query(`SELECT action, district_id FROM audit_event WHERE entity_id = $1 ORDER BY id`, [own.id])).rows;
    expect(events).toEqual([
      { action: 'programme.parameter.district.create', district_id: altenburg },
      { action: 'programme.parameter.district.correct', district_id: altenburg },
    ]);
  });

  it('without a Land level (one Kreis alone) the Kreis’s ADMIN writes the programme’s values, as before', async () => {
    // Simulates an install without the Land: no organisation of kind STATE remains.
    await t.db.query(`UPDATE organisation SET kind = 'PROVIDER' WHERE kind = 'STATE'`);
    expect((await list(tk.admin)).writeLevel).toBe('PROGRAMME');
    const created = await add(tk.admin, 'STATE_RATE_PERCENT', '85', '2029-01-01').expect(201);
    expect(created.body).toMatchObject({ code: 'STATE_RATE_PERCENT', value: '85', districtId: null });
  });
});
