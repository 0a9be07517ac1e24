/**
 * Consistency checks for the seed data modules (reference and demo).
 * Pure data, no database: these only guard against typos and broken invariants that
 * the idempotent upsert-by-code seeding relies on.
 */
import { isValidBIC, isValidIBAN } from 'ibantools';

import { Money } from '@foerderfluss/core';
import { DEMO_BUDGET_YEARS } from './demo/budget-years';
import { DEMO_HISTORY } from './demo/history-data';
import { DEMO_INDICATOR_TARGETS } from './demo/indicator-targets';
import { DEMO_ORGANISATIONS } from './demo/organisations';
import { DEMO_USERS } from './demo/users';
import { GREIZ, LAND_DISTRICT_PROVIDERS, LAND_ORGANISATIONS, LAND_SOCIAL_AREAS, LAND_USERS, SAALE_ORLA, TWO_DISTRICT_PROVIDER } from './demo/land';
import { LAND_KREISE } from './demo/land-data';
import { INDICATORS } from './reference/indicators';
import { BASE_RATES } from './reference/base-rates';
import { COST_CATEGORIES } from './reference/cost-categories';
import { FIELDS_OF_ACTION } from './reference/fields-of-action';
import { PROGRAMME, PROGRAMME_PARAMETERS, PROGRAMMES } from './reference/programme';
import { SOCIAL_AREAS } from './reference/social-areas';

const CODE_PATTERN = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;
const DECIMAL_PATTERN = /^-?(0|[1-9]\d*)(\.\d+)?$/;

function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

function duplicates(values: readonly string[]): string[] {
  return values.filter((value, index) => values.indexOf(value) !== index);
}

const coded: ReadonlyArray<[string, readonly { readonly code: string }[]]> = [
  ['FIELDS_OF_ACTION', FIELDS_OF_ACTION],
  ['SOCIAL_AREAS', SOCIAL_AREAS],
  ['COST_CATEGORIES', COST_CATEGORIES],
  ['PROGRAMMES', PROGRAMMES],
  ['PROGRAMME_PARAMETERS', PROGRAMME_PARAMETERS],
  ['DEMO_ORGANISATIONS', DEMO_ORGANISATIONS],
];

describe('seed data', () => {
  describe.each(coded)('%s codes', (_name, rows) => {
    it('are unique', () => {
      expect(duplicates(rows.map((row) => row.code))).toEqual([]);
    });

    it('are UPPER_SNAKE_CASE', () => {
      for (const row of rows) expect(row.code).toMatch(CODE_PATTERN);
    });
  });

  describe('fields of action', () => {
    it('has exactly the 8 Handlungsfelder of the Leitlinien', () => {
      expect(FIELDS_OF_ACTION).toHaveLength(8);
    });

    it('is ordered 1..8 with German names and descriptions', () => {
      expect(FIELDS_OF_ACTION.map((f) => f.sortOrder)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      for (const field of FIELDS_OF_ACTION) {
        expect(field.name.trim()).not.toBe('');
        expect(field.description.trim()).not.toBe('');
      }
    });
  });

  describe('social areas', () => {
    const municipalities = SOCIAL_AREAS.flatMap((area): readonly string[] => area.municipalities);

    it('assigns every Gemeinde to at most one Sozialraum', () => {
      expect(duplicates(municipalities)).toEqual([]);
    });

    it('covers the 30 Gemeinden of the Landkreis', () => {
      expect(municipalities).toHaveLength(30);
      expect(municipalities).toEqual(expect.arrayContaining(['Altenburg', 'Schmölln', 'Meuselwitz', 'Lucka', 'Gößnitz']));
    });

    it('has unique sort orders', () => {
      expect(duplicates(SOCIAL_AREAS.map((area) => String(area.sortOrder)))).toEqual([]);
    });
  });

  describe('cost categories', () => {
    it('has the Kostenarten of the Richtlinie', () => {
      expect(COST_CATEGORIES.map((c) => c.code)).toEqual([
        'PERSONNEL',
        'MATERIAL_ADMIN',
        'FEES',
        'INTERPRETING',
        'INVESTMENT',
      ]);
    });

    it('marks only INVESTMENT as not eligible, in line with the programme', () => {
      const eligible = COST_CATEGORIES.filter((c) => c.eligibleInProgramme).map((c) => c.code);
      expect(COST_CATEGORIES.find((c) => c.code === 'INVESTMENT')?.eligibleInProgramme).toBe(false);
      expect([...PROGRAMME.eligibleCostCategoryCodes].sort()).toEqual([...eligible].sort());
    });
  });

  describe('base rates', () => {
    it('are decimal strings with valid dates', () => {
      for (const rate of BASE_RATES) {
        expect(typeof rate.ratePercent).toBe('string');
        expect(rate.ratePercent).toMatch(DECIMAL_PATTERN);
        expect(isIsoDate(rate.validFrom)).toBe(true);
      }
    });

    it('are in strictly ascending date order', () => {
      const dates = BASE_RATES.map((rate) => rate.validFrom);
      const sorted = [...new Set(dates)].sort();
      expect(dates).toEqual(sorted);
    });

    it('starts and ends as in DOMAIN.md §5', () => {
      expect(BASE_RATES[0]).toEqual({ validFrom: '2020-01-01', ratePercent: '-0.88' });
      expect(BASE_RATES[BASE_RATES.length - 1]).toEqual({ validFrom: '2026-07-01', ratePercent: '1.52' });
    });
  });

  describe('programme', () => {
    it('allows the four Finanzierungsarten', () => {
      expect([...PROGRAMME.eligibleFinancingTypes].sort()).toEqual(['DEFICIT', 'FIXED', 'FULL', 'SHARE']);
    });

    it('has every DOMAIN.md §7 parameter and the Mahnwesen days as a string valid from 2024-01-01', () => {
      expect(PROGRAMME_PARAMETERS.map((p) => p.code).sort()).toEqual(
        [
          'DAY_COUNT',
          'DE_MINIMIS_AMOUNT',
          'DUNNING_FIRST_DAYS',
          'DUNNING_PAYMENT_DAYS',
          'DUNNING_SECOND_DAYS',
          'INTEREST_SURCHARGE_PP',
          'INTERIM_PROOF_DUE_DAY_MONTH',
          'OVERRUN_TOLERANCE_PERCENT',
          'PAYMENT_HORIZON_MONTHS',
          'PROOF_DUE_MONTHS',
          'RECEIPT_RETENTION_YEARS',
          'SAMPLE_SHARE_PERCENT',
          'STATE_RATE_PERCENT',
        ].sort(),
      );
      for (const parameter of PROGRAMME_PARAMETERS) {
        expect(typeof parameter.value).toBe('string');
        expect(parameter.validFrom).toBe('2024-01-01');
        expect(parameter.description.trim()).not.toBe('');
      }
    });

    it('keeps numeric parameters as decimal strings', () => {
      const nonNumeric = new Set(['DAY_COUNT', 'INTERIM_PROOF_DUE_DAY_MONTH']);
      for (const parameter of PROGRAMME_PARAMETERS) {
        if (!nonNumeric.has(parameter.code)) expect(parameter.value).toMatch(DECIMAL_PATTERN);
      }
    });
  });

  describe('demo organisations', () => {
    it('has every IBAN valid (German, 22 characters, correct check digits) and a valid BIC', () => {
      for (const org of DEMO_ORGANISATIONS) {
        expect({ code: org.code, iban: org.iban, valid: isValidIBAN(org.iban) }).toEqual({
          code: org.code,
          iban: org.iban,
          valid: true,
        });
        expect(org.iban).toMatch(/^DE\d{20}$/);
        expect(isValidBIC(org.bic)).toBe(true);
      }
    });

    it('has one STATE, one DISTRICT and at least six fictitious PROVIDERs', () => {
      const kinds = DEMO_ORGANISATIONS.map((org) => org.kind);
      expect(kinds.filter((kind) => kind === 'STATE')).toHaveLength(1);
      expect(kinds.filter((kind) => kind === 'DISTRICT')).toHaveLength(1);
      const providers = DEMO_ORGANISATIONS.filter((org) => org.kind === 'PROVIDER');
      expect(providers.length).toBeGreaterThanOrEqual(6);
      for (const provider of providers) expect(provider.name).toContain('(Demo)');
    });

    it('uses the demo mail domain and valid dates only', () => {
      for (const org of DEMO_ORGANISATIONS) {
        expect(org.contactEmail).toMatch(/^[a-z0-9.-]+@demo\.foerderfluss\.de$/);
        expect(org.postalCode).toMatch(/^\d{5}$/);
        if (org.nonProfitNoticeDate !== null) expect(isIsoDate(org.nonProfitNoticeDate)).toBe(true);
        expect(org.nonProfitNoticeDate === null).toBe(!org.nonProfit);
      }
    });
  });

  describe('demo history (2024, 2025)', () => {
    const planned = (p: (typeof DEMO_HISTORY)[number]['projects'][number]) => {
      const personnel = p.position ? Money.of(p.position.gross).times(p.position.fte).times(12) : Money.ZERO;
      return personnel.plus(Money.sum(p.costs.map((c) => Money.of(c.amount))));
    };

    it.each(DEMO_HISTORY.map((h) => [h.year, h] as const))('%i: 5–7 projects of demo Träger, a budget year, a Sozialraum left out, one recovery', (_year, h) => {
      expect(h.projects.length).toBeGreaterThanOrEqual(5);
      expect(h.projects.length).toBeLessThanOrEqual(7);
      expect(DEMO_BUDGET_YEARS.some((y) => y.year === h.year)).toBe(true);
      const providers = DEMO_ORGANISATIONS.filter((o) => o.kind === 'PROVIDER').map((o) => o.code);
      for (const p of h.projects) expect(providers).toContain(p.providerCode);
      const funded = new Set(h.projects.map((p) => p.socialAreaCode));
      expect(SOCIAL_AREAS.filter((a) => !funded.has(a.code)).length).toBeGreaterThanOrEqual(1);
      expect(h.projects.filter((p) => p.recovery).length).toBe(1);
    });

    it.each(DEMO_HISTORY.flatMap((h) => h.projects.map((p) => [p.title, p] as const)))('%s: figures divide into six Abrufe; Kennzahlen of the Bescheid\'s Handlungsfeld', (_title, p) => {
      const total = planned(p);
      // Fehlbedarf: the Träger carries 10 %, so every Abruf's share is exactly 90 %; Vollfinanzierung: none.
      expect(Money.of(p.ownFunds).toApiString()).toBe(p.financingType === 'DEFICIT' ? total.times('0.1').toApiString() : '0.00');
      const grant = total.minus(Money.of(p.ownFunds));
      expect(grant.dividedBy(6).isWholeCents()).toBe(true);
      for (const c of p.costs) expect(Money.of(c.amount).dividedBy(6).isWholeCents()).toBe(true);
      expect(p.indicators.length).toBeGreaterThan(0);
      for (const [field, code, value] of p.indicators) {
        expect(field).toBe(p.fieldsOfAction[0]);
        expect(INDICATORS.some((i) => i.fieldOfAction === field && i.code === code)).toBe(true);
        expect(Number.isInteger(value) && value >= 0).toBe(true);
      }
      // A recovery only where less was spent than planned
      const actual = Money.sum(
        [...(p.position ? [['PERSONNEL', Money.of(p.position.gross).times(p.position.fte).times(12)] as const] : []), ...p.costs.map((c) => [c.category, Money.of(c.amount)] as const)].map(
          ([category, plan]) => (p.actuals?.[category] ? Money.of(p.actuals[category]) : plan),
        ),
      );
      expect(actual.lessThan(total)).toBe(p.recovery !== undefined);
    });

    it('a Soll for every seeded Kennzahl and 2024–2027, as decimal strings', () => {
      expect(DEMO_INDICATOR_TARGETS.map((t) => `${t.fieldOfAction}/${t.code}`).sort()).toEqual(INDICATORS.map((i) => `${i.fieldOfAction}/${i.code}`).sort());
      for (const t of DEMO_INDICATOR_TARGETS) {
        expect(Object.keys(t.targets)).toEqual(['2024', '2025', '2026', '2027']);
        for (const v of Object.values(t.targets)) expect(v).toMatch(DECIMAL_PATTERN);
      }
    });
  });

  describe('demo Land (issue 20): Greiz and Saale-Orla-Kreis', () => {
    const all = [...DEMO_ORGANISATIONS, ...LAND_ORGANISATIONS];
    const planned = (p: (typeof DEMO_HISTORY)[number]['projects'][number]) => {
      const personnel = p.position ? Money.of(p.position.gross).times(p.position.fte).times(12) : Money.ZERO;
      return personnel.plus(Money.sum(p.costs.map((c) => Money.of(c.amount))));
    };

    it('organisation codes and user e-mails are unique across the whole demo; IBANs and BICs valid; Träger fictitious', () => {
      expect(duplicates(all.map((o) => o.code))).toEqual([]);
      expect(duplicates([...DEMO_USERS, ...LAND_USERS].map((u) => u.email))).toEqual([]);
      for (const org of LAND_ORGANISATIONS) {
        expect([org.code, isValidIBAN(org.iban), isValidBIC(org.bic)]).toEqual([org.code, true, true]);
        expect(org.iban).toMatch(/^DE\d{20}$/);
        expect(org.contactEmail).toMatch(/^[a-z0-9.-]+@demo\.foerderfluss\.de$/);
        expect(org.postalCode).toMatch(/^\d{5}$/);
        expect(org.nonProfitNoticeDate === null).toBe(!org.nonProfit);
        if (org.kind === 'PROVIDER') expect(org.name).toContain('(Demo)');
      }
      expect(LAND_ORGANISATIONS.filter((o) => o.kind === 'DISTRICT').map((o) => o.code)).toEqual([GREIZ, SAALE_ORLA]);
    });

    it('every user belongs to a demo organisation; the Land users to STATE_THURINGIA', () => {
      for (const u of LAND_USERS) expect(all.some((o) => o.code === u.organisationCode)).toBe(true);
      expect(LAND_USERS.filter((u) => u.email.startsWith('land')).map((u) => u.organisationCode)).toEqual(['STATE_THURINGIA', 'STATE_THURINGIA', 'STATE_THURINGIA']);
    });

    it('three Träger and a few Sozialräume per Kreis, codes prefixed GRZ_/SOK_', () => {
      for (const [district, prefix] of [[GREIZ, 'GRZ_'], [SAALE_ORLA, 'SOK_']] as const) {
        expect(LAND_DISTRICT_PROVIDERS[district]).toHaveLength(3);
        for (const code of LAND_DISTRICT_PROVIDERS[district]!) expect(LAND_ORGANISATIONS.some((o) => o.code === code && o.kind === 'PROVIDER')).toBe(true);
        const areas = LAND_SOCIAL_AREAS[district]!;
        expect(areas.length).toBeGreaterThanOrEqual(3);
        for (const a of areas) expect(a.code).toMatch(CODE_PATTERN);
        for (const a of areas) expect(a.code.startsWith(prefix)).toBe(true);
      }
      const codes = [...SOCIAL_AREAS, ...Object.values(LAND_SOCIAL_AREAS).flat()].map((a) => a.code);
      expect(duplicates(codes)).toEqual([]);
    });

    it.each(LAND_KREISE.map((k) => [k.code, k] as const))('%s: budget years 80/20, Anträge 2026 in its Sozialräume, the Träger of traeger@ in Greiz', (code, k) => {
      expect(k.budgetYears.map((y) => y.year)).toEqual([2025, 2026]);
      for (const y of k.budgetYears) {
        // The Land's 80 % and the Kreis's 20 %: the Kreis's share is a quarter of the Land's.
        expect(Money.of(y.stateMaxAmount).dividedBy(4).toApiString()).toBe(Money.of(y.districtShareAmount).toApiString());
        expect(isIsoDate(y.stateGrantDate) && isIsoDate(y.stateProofDue)).toBe(true);
      }
      const areas = LAND_SOCIAL_AREAS[code]!;
      const inKreis = (areaCode: string, municipality: string | null) => {
        const area = areas.find((a) => a.code === areaCode);
        return !!area && (municipality === null || area.municipalities.length === 0 || area.municipalities.includes(municipality));
      };
      for (const a of k.applications2026) {
        expect([a.title, inKreis(a.socialAreaCode, a.municipality)]).toEqual([a.title, true]);
        expect(a.submittedOn <= k.call2026.deadline).toBe(true);
        expect([...LAND_DISTRICT_PROVIDERS[code]!, ...k.alsoRegistered]).toContain(a.providerCode);
      }
      expect(k.applications2026.some((a) => a.providerCode === TWO_DISTRICT_PROVIDER)).toBe(code === GREIZ);
      for (const h of k.history) for (const p of h.projects) expect([p.title, inKreis(p.socialAreaCode, p.municipality)]).toEqual([p.title, true]);
    });

    it.each(LAND_KREISE.flatMap((k) => k.history.flatMap((h) => h.projects.map((p) => [p.title, p, h] as const))))(
      '%s: figures divide into six Abrufe; own funds; a recovery only where less was spent',
      (_title, p, h) => {
        const total = planned(p);
        expect(Money.of(p.ownFunds).toApiString()).toBe(p.financingType === 'DEFICIT' ? total.times('0.1').toApiString() : '0.00');
        expect(total.minus(Money.of(p.ownFunds)).dividedBy(6).isWholeCents()).toBe(true);
        for (const c of p.costs) expect(Money.of(c.amount).dividedBy(6).isWholeCents()).toBe(true);
        for (const [field, code] of p.indicators) {
          expect(field).toBe(p.fieldsOfAction[0]);
          expect(INDICATORS.some((i) => i.fieldOfAction === field && i.code === code)).toBe(true);
        }
        const spent = Money.sum(
          [...(p.position ? [['PERSONNEL', Money.of(p.position.gross).times(p.position.fte).times(12)] as const] : []), ...p.costs.map((c) => [c.category, Money.of(c.amount)] as const)].map(
            ([category, plan]) => (p.actuals?.[category] ? Money.of(p.actuals[category]) : plan),
          ),
        );
        expect(spent.lessThan(total)).toBe(p.recovery !== undefined);
        // The drawdown in January covers the Land's 80 % of the year's grants.
        const grants = Money.sum(h.projects.map((q) => planned(q).minus(Money.of(q.ownFunds))));
        expect(Money.of(h.drawdown).lessThan(grants.times('0.8'))).toBe(false);
      },
    );
  });
});
