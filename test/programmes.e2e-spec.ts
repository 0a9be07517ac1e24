import { DataSource } from 'typeorm';
import { CalendarDate, DomainError, Money, Rate } from '@foerderfluss/core';
import { BaseRatesService, ParametersService } from '@foerderfluss/programmes';
import { applyReferenceSeeds } from '../seeds/reference/apply';
import { bearer, createTestContext, DEMO, TestContext } from './support/harness';
import { SAVINGS_1000, SECTION_4 } from './support/fixtures';

const PROGRAMME = 'SOZIALBERATUNG_FLUECHTLINGE';

interface ParameterValue {
  id: string;
  code: string;
  value: string;
  validFrom: string;
  version: number;
}
interface Parameter {
  code: string;
  label: string;
  unit: string;
  description: string;
  inForce: ParameterValue | null;
  values: ParameterValue[];
}
interface BaseRateRow {
  id: string;
  validFrom: string;
  ratePercent: string;
  version: number;
}

describe('programmes, parameters and the Basiszinssatz table', () => {
  let t: TestContext;
  let admin: string;
  /** The Land's ADMIN writes the programme's values (issue 20); `admin` is the Altenburger Land's. */
  let landAdmin: string;
  let staff: string;
  let auditor: string;
  let provider: string;

  beforeAll(async () => {
    t = await createTestContext();
    [admin, landAdmin, staff, auditor, provider] = await Promise.all([
      t.login(DEMO.admin),
      t.login(DEMO.landAdmin),
      t.login(DEMO.staff),
      t.login(DEMO.auditor),
      t.login(DEMO.provider),
    ]);
  });
  afterAll(() => t.close());

  const api = (path: string) => `/api/v1${path}`;
  const auditRows = async (action: string, entityId?: string) =>
    (
      await t.db.query(
        `SELECT actor_email, before, after FROM audit_event WHERE action = $1 AND ($2::text IS NULL OR entity_id = $2) ORDER BY id`,
        [action, entityId ?? null],
      )
    ).rows as { actor_email: string; before: Record<string, unknown> | null; after: Record<string, unknown> | null }[];
  const auditCount = async () => (await t.db.query('SELECT count(*)::int AS n FROM audit_event')).rows[0].n as number;
  const parameters = async (on?: string): Promise<Record<string, Parameter>> => {
    const res = await t.http().get(api(`/programmes/${PROGRAMME}/parameters${on ? `?on=${on}` : ''}`)).set(bearer(staff)).expect(200);
    return Object.fromEntries(res.body.items.map((p: Parameter) => [p.code, p]));
  };
  const finalGrant = (body: object) => t.http().post(api('/calculations/final-grant')).set(bearer(staff)).send(body).expect(200);

  describe('programme', () => {
    it('is seeded with its eligible Kostenarten (not INVESTMENT) and Finanzierungsarten', async () => {
      const list = await t.http().get(api('/programmes')).set(bearer(auditor)).expect(200);
      expect(list.body.nextCursor).toBeNull();
      expect(list.body.items).toHaveLength(1);
      const p = list.body.items[0];
      expect(p).toMatchObject({
        code: PROGRAMME,
        shortTitle: 'Sozialberatungsrichtlinie Flüchtlinge',
        ministryCode: 'TMMJV',
        grantingAuthorityCode: 'TLVwA',
        stateFinancingType: 'SHARE',
        eligibleFinancingTypes: ['SHARE', 'DEFICIT', 'FULL', 'FIXED'],
        validFrom: '2024-01-01',
      });
      expect(p.eligibleCostCategories.map((c: { code: string }) => c.code)).toEqual(['PERSONNEL', 'MATERIAL_ADMIN', 'FEES', 'INTERPRETING']);
      const one = await t.http().get(api(`/programmes/${p.id}`)).set(bearer(staff)).expect(200);
      expect(one.body.code).toBe(PROGRAMME);
      await t.http().get(api('/programmes/GIBT_ES_NICHT')).set(bearer(staff)).expect(404);
    });

    it('is not readable by Träger', async () => {
      await t.http().get(api('/programmes')).set(bearer(provider)).expect(403);
      await t.http().get(api(`/programmes/${PROGRAMME}/parameters`)).set(bearer(provider)).expect(403);
    });
  });

  describe('parameters', () => {
    it('lists every DOMAIN §7 parameter with its seeded value in force', async () => {
      const res = await t.http().get(api(`/programmes/${PROGRAMME}/parameters?on=2026-06-30`)).set(bearer(auditor)).expect(200);
      expect(res.body).toMatchObject({ programmeCode: PROGRAMME, on: '2026-06-30' });
      const inForce = Object.fromEntries(res.body.items.map((p: Parameter) => [p.code, p.inForce?.value]));
      expect(inForce).toEqual({
        PAYMENT_HORIZON_MONTHS: '2',
        INTEREST_SURCHARGE_PP: '5',
        DAY_COUNT: 'ACT_ACT',
        DE_MINIMIS_AMOUNT: '500.00',
        PROOF_DUE_MONTHS: '6',
        INTERIM_PROOF_DUE_DAY_MONTH: '04-30',
        OVERRUN_TOLERANCE_PERCENT: '20',
        SAMPLE_SHARE_PERCENT: '10',
        RECEIPT_RETENTION_YEARS: '5',
        STATE_RATE_PERCENT: '80',
        DUNNING_FIRST_DAYS: '14',
        DUNNING_SECOND_DAYS: '14',
        DUNNING_PAYMENT_DAYS: '7',
      });
      const deMinimis = res.body.items.find((p: Parameter) => p.code === 'DE_MINIMIS_AMOUNT');
      expect(deMinimis).toMatchObject({ unit: 'EUR', label: 'Bagatellgrenze', description: expect.stringMatching(/Bagatellgrenze/) });
      // before the first value nothing is in force
      expect((await parameters('2023-12-31')).DE_MINIMIS_AMOUNT.inForce).toBeNull();
    });

    it('ParametersService.inForce gives typed values, and 422 in German when one is missing', async () => {
      const service = t.app.get(ParametersService);
      const values = await service.inForce(PROGRAMME, CalendarDate.parse('2026-06-30'), null);
      expect(values.deMinimisAmount).toBeInstanceOf(Money);
      expect(values.deMinimisAmount.toApiString()).toBe('500.00');
      expect(values.overrunTolerance).toBeInstanceOf(Rate);
      expect(values.overrunTolerance.fraction.toString()).toBe('0.2');
      expect(values.interestSurchargePercentagePoints.toString()).toBe('5');
      expect(values).toMatchObject({
        paymentRequestHorizonMonths: 2,
        dayCount: 'ACT_ACT',
        finalProofDueMonths: 6,
        interimProofDue: { day: 30, month: 4 },
        receiptRetentionYears: 5,
      });
      expect(values.stateFundingRate.toPercentString()).toBe('80');
      expect(values.inDepthSampleRate.toPercentString()).toBe('10');
      const missing = await service.inForce(PROGRAMME, CalendarDate.parse('2023-12-31'), null).catch((e: unknown) => e);
      expect(missing).toBeInstanceOf(DomainError);
      expect(missing).toMatchObject({ status: 422, code: 'PROGRAMME_PARAMETER_MISSING' });
      expect((missing as DomainError).detail).toMatch(/^Für das Förderprogramm „Sozialberatungsrichtlinie Flüchtlinge“ ist am 31\.12\.2023 kein Wert für den Parameter/);
    });

    it('the Land\'s ADMIN adds a dated value: later calculations use it, earlier ones do not, and it is audited', async () => {
      // Bagatellgrenze 500: a saving of 1.000 reduces Z to 89.000
      const before = await finalGrant({ ...SAVINGS_1000, parametersOn: '2027-06-30' });
      expect(before.body).toMatchObject({ finalGrant: '89000.00', parametersUsed: { deMinimisAmount: '500.00' } });

      const created = await t
        .http()
        .post(api(`/programmes/${PROGRAMME}/parameters/DE_MINIMIS_AMOUNT/values`))
        .set(bearer(landAdmin))
        .send({ value: '2000', validFrom: '2027-01-01' })
        .expect(201);
      expect(created.body).toMatchObject({ code: 'DE_MINIMIS_AMOUNT', value: '2000.00', validFrom: '2027-01-01', version: 1 });

      const after = await finalGrant({ ...SAVINGS_1000, parametersOn: '2027-06-30' });
      expect(after.body).toMatchObject({
        finalGrant: '90000.00',
        recovery: '0.00',
        parametersUsed: { deMinimisAmount: '2000.00' },
        breakdown: { deMinimisApplied: true },
      });
      expect(after.body.parameterSources.items).toContainEqual({
        name: 'deMinimisAmount',
        source: 'PROGRAMME',
        parameterCode: 'DE_MINIMIS_AMOUNT',
        validFrom: '2027-01-01',
      });
      const earlier = await finalGrant({ ...SAVINGS_1000, parametersOn: '2026-12-31' });
      expect(earlier.body).toMatchObject({ finalGrant: '89000.00', parametersUsed: { deMinimisAmount: '500.00' } });

      const events = await auditRows('programme.parameter.create', created.body.id);
      expect(events).toEqual([
        {
          actor_email: DEMO.landAdmin,
          before: null,
          after: expect.objectContaining({ programmeCode: PROGRAMME, code: 'DE_MINIMIS_AMOUNT', value: '2000.00', validFrom: '2027-01-01' }),
        },
      ]);
      expect((await parameters('2027-01-01')).DE_MINIMIS_AMOUNT.values.map((v) => v.validFrom)).toEqual(['2027-01-01', '2024-01-01']);
    });

    it('the Land\'s ADMIN corrects a value: the next calculation changes, before and after are audited', async () => {
      const tolerance = (await parameters()).OVERRUN_TOLERANCE_PERCENT.values[0]!;
      expect((await finalGrant(SECTION_4)).body).toMatchObject({ finalGrant: '89000.00', recognisedCosts: '99000.00' });

      const corrected = await t
        .http()
        .patch(api(`/programmes/${PROGRAMME}/parameters/OVERRUN_TOLERANCE_PERCENT/values/${tolerance.id}`))
        .set(bearer(landAdmin))
        .send({ value: '40.0', version: tolerance.version })
        .expect(200);
      expect(corrected.body).toMatchObject({ value: '40', version: tolerance.version + 1 });

      const res = await finalGrant(SECTION_4);
      expect(res.body).toMatchObject({ finalGrant: '90000.00', recognisedCosts: '100000.00', parametersUsed: { overrunTolerancePercent: '40' } });

      const events = await auditRows('programme.parameter.correct', tolerance.id);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        actor_email: DEMO.landAdmin,
        before: { code: 'OVERRUN_TOLERANCE_PERCENT', value: '20', validFrom: '2024-01-01' },
        after: { code: 'OVERRUN_TOLERANCE_PERCENT', value: '40', validFrom: '2024-01-01' },
      });

      // an outdated version is refused; the same value again changes and audits nothing
      const stale = await t
        .http()
        .patch(api(`/programmes/${PROGRAMME}/parameters/OVERRUN_TOLERANCE_PERCENT/values/${tolerance.id}`))
        .set(bearer(landAdmin))
        .send({ value: '30', version: tolerance.version })
        .expect(409);
      expect(stale.body.code).toBe('PROGRAMME_DATA_STALE');
      const n = await auditCount();
      await t
        .http()
        .patch(api(`/programmes/${PROGRAMME}/parameters/OVERRUN_TOLERANCE_PERCENT/values/${tolerance.id}`))
        .set(bearer(landAdmin))
        .send({ value: '40' })
        .expect(200);
      expect(await auditCount()).toBe(n);

      // restore the default for the tests below
      await t
        .http()
        .patch(api(`/programmes/${PROGRAMME}/parameters/OVERRUN_TOLERANCE_PERCENT/values/${tolerance.id}`))
        .set(bearer(landAdmin))
        .send({ value: '20' })
        .expect(200);
    });

    it('validates each value by its unit, in German', async () => {
      const add = (code: string, value: unknown, validFrom = '2028-01-01') =>
        t.http().post(api(`/programmes/${PROGRAMME}/parameters/${code}/values`)).set(bearer(landAdmin)).send({ value, validFrom });
      const cases: [string, unknown, RegExp][] = [
        ['OVERRUN_TOLERANCE_PERCENT', '120', /nicht größer als 100/],
        ['OVERRUN_TOLERANCE_PERCENT', '-1', /nicht negativ/],
        ['DE_MINIMIS_AMOUNT', '500.001', /höchstens zwei Nachkommastellen/],
        ['DE_MINIMIS_AMOUNT', 'fünfhundert', /Dezimalzahl/],
        ['DAY_COUNT', 'ACT_360', /ACT_ACT, ACT_365/],
        ['INTERIM_PROOF_DUE_DAY_MONTH', '02-30', /MM-TT/],
        ['INTERIM_PROOF_DUE_DAY_MONTH', '30.04.', /MM-TT/],
        ['PAYMENT_HORIZON_MONTHS', '2.5', /ganze Zahl/],
        ['INTEREST_SURCHARGE_PP', '5,5', /Dezimalzahl/],
      ];
      for (const [code, value, message] of cases) {
        const res = await add(code, value);
        expect({ code, value, status: res.status }).toEqual({ code, value, status: 400 });
        expect(res.body.code).toBe('PROGRAMME_PARAMETER_VALUE_INVALID');
        expect(res.body.errors).toEqual([{ path: 'value', message: expect.stringMatching(message) }]);
      }
      const number = await add('DE_MINIMIS_AMOUNT', 500);
      expect(number.status).toBe(400);
      expect(number.body.errors).toContainEqual({ path: 'value', message: 'Bitte einen Text angeben.' });
      await add('NO_SUCH_PARAMETER', '1').expect(404);
      const duplicate = await add('DAY_COUNT', 'ACT_365', '2024-01-01').expect(409);
      expect(duplicate.body).toMatchObject({ code: 'PROGRAMME_PARAMETER_VALID_FROM_TAKEN', errors: [{ path: 'validFrom' }] });
      await add('DAY_COUNT', 'ACT_365', '2024-02-30').expect(400);
    });

    it('only ADMIN may change parameters', async () => {
      for (const token of [staff, auditor, provider]) {
        await t
          .http()
          .post(api(`/programmes/${PROGRAMME}/parameters/DE_MINIMIS_AMOUNT/values`))
          .set(bearer(token))
          .send({ value: '1.00', validFrom: '2029-01-01' })
          .expect(403);
      }
    });
  });

  describe('Basiszinssatz table', () => {
    const interest2027 = {
      kind: 'RECOVERY',
      principal: '10000.00',
      startDate: '2026-12-31',
      endDate: '2027-01-31',
      surchargePercentagePoints: '5',
      dayCount: 'ACT_ACT',
    };

    it('is seeded from DOMAIN §5 and readable by every role, Träger included', async () => {
      const table = await rates(provider);
      expect(table.items.map((r) => [r.validFrom, r.ratePercent])).toEqual([
        ['2020-01-01', '-0.88'],
        ['2023-01-01', '1.62'],
        ['2023-07-01', '3.12'],
        ['2024-01-01', '3.62'],
        ['2024-07-01', '3.37'],
        ['2025-01-01', '2.27'],
        ['2025-07-01', '1.27'],
        ['2026-01-01', '1.27'],
        ['2026-07-01', '1.52'],
      ]);
      expect(table.coveredUntil).toBe('2026-12-31');
      await rates(auditor);
    });

    it('an ADMIN adds, corrects and deletes rates, each audited with before and after', async () => {
      const missing = await t.http().post(api('/calculations/interest')).set(bearer(staff)).send(interest2027).expect(422);
      expect(missing.body.detail).toBe('Für das 1. Halbjahr 2027 ist kein Basiszinssatz hinterlegt.');

      const created = await t.http().post(api('/base-rates')).set(bearer(admin)).send({ validFrom: '2027-01-01', ratePercent: '2.02' }).expect(201);
      expect(created.body).toMatchObject({ validFrom: '2027-01-01', ratePercent: '2.02', version: 1 });
      expect((await rates()).coveredUntil).toBe('2027-06-30');
      // 31 days of January 2027 at 7,02 %: 10.000 × 0,0702 × 31 / 365 = 59,62
      const computed = await t.http().post(api('/calculations/interest')).set(bearer(staff)).send(interest2027).expect(200);
      expect(computed.body).toMatchObject({ interest: '59.62', segments: [{ from: '2027-01-01', to: '2027-01-31', baseRatePercent: '2.02' }] });
      expect(await auditRows('base-rate.create', created.body.id)).toEqual([
        { actor_email: DEMO.admin, before: null, after: expect.objectContaining({ validFrom: '2027-01-01', ratePercent: '2.02' }) },
      ]);

      const updated = await t
        .http()
        .patch(api(`/base-rates/${created.body.id}`))
        .set(bearer(admin))
        .send({ ratePercent: '-0.500', version: 1 })
        .expect(200);
      expect(updated.body).toMatchObject({ ratePercent: '-0.5', version: 2 });
      // 4,5 %: 10.000 × 0,045 × 31 / 365 = 38,22
      expect((await t.http().post(api('/calculations/interest')).set(bearer(staff)).send(interest2027).expect(200)).body.interest).toBe('38.22');
      expect(await auditRows('base-rate.update', created.body.id)).toEqual([
        {
          actor_email: DEMO.admin,
          before: expect.objectContaining({ ratePercent: '2.02', version: 1 }),
          after: expect.objectContaining({ ratePercent: '-0.5', version: 2 }),
        },
      ]);

      await t.http().delete(api(`/base-rates/${created.body.id}`)).set(bearer(admin)).expect(204);
      expect(await auditRows('base-rate.delete', created.body.id)).toEqual([
        { actor_email: DEMO.admin, before: expect.objectContaining({ validFrom: '2027-01-01', ratePercent: '-0.5' }), after: null },
      ]);
      await t.http().post(api('/calculations/interest')).set(bearer(staff)).send(interest2027).expect(422);
      await t.http().delete(api(`/base-rates/${created.body.id}`)).set(bearer(admin)).expect(404);
    });

    it('refuses dates other than 1 January / 1 July, duplicates, bad rates and non-admins', async () => {
      const post = (body: object, token = admin) => t.http().post(api('/base-rates')).set(bearer(token)).send(body);
      const offGrid = await post({ validFrom: '2027-02-01', ratePercent: '1.00' }).expect(400);
      expect(offGrid.body.errors).toEqual([{ path: 'validFrom', message: expect.stringMatching(/1\. Januar und zum 1\. Juli/) }]);
      const duplicate = await post({ validFrom: '2026-07-01', ratePercent: '1.00' }).expect(409);
      expect(duplicate.body.code).toBe('BASE_RATE_VALID_FROM_TAKEN');
      const tooHigh = await post({ validFrom: '2027-07-01', ratePercent: '150' }).expect(400);
      expect(tooHigh.body.errors[0].path).toBe('ratePercent');
      const number = await post({ validFrom: '2027-07-01', ratePercent: 1.5 }).expect(400);
      expect(number.body.errors[0]).toMatchObject({ path: 'ratePercent', message: expect.stringMatching(/in Textform/) });
      const tooPrecise = await post({ validFrom: '2027-07-01', ratePercent: '1.1234567' }).expect(400);
      expect(tooPrecise.body.errors[0].path).toBe('ratePercent');
      for (const token of [staff, auditor, provider]) await post({ validFrom: '2027-07-01', ratePercent: '1.00' }, token).expect(403);
      const anyRate = (await rates()).items[0]!;
      await t.http().patch(api(`/base-rates/${anyRate.id}`)).set(bearer(staff)).send({ ratePercent: '0' }).expect(403);
      await t.http().delete(api(`/base-rates/${anyRate.id}`)).set(bearer(auditor)).expect(403);
    });
  });

  describe('reference seed', () => {
    it('the first run (building the template) inserted everything under one audit event', async () => {
      const events = await auditRows('seed.reference.apply');
      expect(events).toHaveLength(1);
      expect(events[0]!.after).toMatchObject({
        programme: 1,
        programme_cost_category: 4,
        programme_parameter_definition: 13,
        programme_parameter: 13,
        base_rate: 9,
      });
    });

    it('a second run changes nothing and writes no audit event', async () => {
      const n = await auditCount();
      const report = await applyReferenceSeeds(t.app.get(DataSource));
      expect(report.changed).toEqual({});
      expect(await auditCount()).toBe(n);
    });

    it('keeps the eligible Kostenarten exactly as in the seed file, audited', async () => {
      await t.db.query(
        `INSERT INTO programme_cost_category (programme_id, cost_category_code) SELECT id, 'INVESTMENT' FROM programme WHERE code = $1`,
        [PROGRAMME],
      );
      await t.db.query(`DELETE FROM programme_cost_category WHERE cost_category_code = 'FEES'`);
      const report = await applyReferenceSeeds(t.app.get(DataSource));
      expect(report.changed).toEqual({ programme_cost_category: 2 });
      const { rows } = await t.db.query(`SELECT cost_category_code AS code FROM programme_cost_category ORDER BY 1`);
      expect(rows.map((r) => r.code)).toEqual(['FEES', 'INTERPRETING', 'MATERIAL_ADMIN', 'PERSONNEL']);
      expect((await auditRows('seed.reference.apply')).at(-1)!.after).toEqual({ programme_cost_category: 2 });
    });

    it("never undoes an admin's edits of dated values, but brings back nothing the admin removed", async () => {
      const table = await rates();
      const r2026 = table.items.find((r) => r.validFrom === '2026-07-01')!;
      const r2020 = table.items.find((r) => r.validFrom === '2020-01-01')!;
      await t.http().patch(api(`/base-rates/${r2026.id}`)).set(bearer(admin)).send({ ratePercent: '1.55' }).expect(200);
      await t.http().delete(api(`/base-rates/${r2020.id}`)).set(bearer(admin)).expect(204);
      const surcharge = (await parameters()).INTEREST_SURCHARGE_PP.values[0]!;
      await t
        .http()
        .patch(api(`/programmes/${PROGRAMME}/parameters/INTEREST_SURCHARGE_PP/values/${surcharge.id}`))
        .set(bearer(landAdmin))
        .send({ value: '6', validFrom: '2024-02-01' })
        .expect(200);

      const n = await auditCount();
      const report = await applyReferenceSeeds(t.app.get(DataSource));
      expect(report.changed).toEqual({});
      expect(await auditCount()).toBe(n);

      const after = await rates();
      expect(after.items.find((r) => r.validFrom === '2026-07-01')?.ratePercent).toBe('1.55');
      expect(after.items.find((r) => r.validFrom === '2020-01-01')).toBeUndefined();
      expect((await parameters()).INTEREST_SURCHARGE_PP.values.map((v) => [v.validFrom, v.value])).toEqual([['2024-02-01', '6']]);
      const table2 = await t.app.get(BaseRatesService).table();
      expect(table2[0]!.validFrom.toISOString()).toBe('2023-01-01');
    });
  });

  async function rates(token = staff): Promise<{ items: BaseRateRow[]; coveredUntil: string | null }> {
    return (await t.http().get(api('/base-rates')).set(bearer(token)).expect(200)).body;
  }
});
