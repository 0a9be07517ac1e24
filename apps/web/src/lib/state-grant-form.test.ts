import { describe, expect, it } from 'vitest';
import { budgetYearFromGrantSchema, emptyStateGrant, stateGrantSchema, toBudgetYearFromGrantBody, toCreateStateGrantBody } from './state-grant-form';

const GREIZ = '6f1c2a7e-1b2c-4d3e-8f90-0123456789ab';

describe('Zuweisung form (issue 20)', () => {
  it('sends only what was entered: the API takes the Verteilungsschlüssel, 80 % and the usual periods otherwise', () => {
    const v = { ...emptyStateGrant(2027, GREIZ), reference: ' TLVwA 250-4.1-2027/003 ' };
    expect(stateGrantSchema.safeParse(v).success).toBe(true);
    expect(toCreateStateGrantBody(v)).toEqual({ districtId: GREIZ, year: 2027, reference: 'TLVwA 250-4.1-2027/003' });
  });

  it('turns German amounts and percentages into the API decimal strings', () => {
    const v = { ...emptyStateGrant(2026, GREIZ), reference: 'Z-1', amount: '419.250,00', stateRatePercent: '80', periodStart: '2026-01-01', periodEnd: '2026-12-31', proofDue: '2027-06-30', note: ' Hinweis ' };
    expect(toCreateStateGrantBody(v)).toEqual({
      districtId: GREIZ,
      year: 2026,
      reference: 'Z-1',
      amount: '419250.00',
      stateRatePercent: '80',
      periodStart: '2026-01-01',
      periodEnd: '2026-12-31',
      proofDue: '2027-06-30',
      note: 'Hinweis',
    });
  });

  it('refuses a missing Kreis or Aktenzeichen, a bad amount, a percentage over 100 and an end before the start, in German', () => {
    const r = stateGrantSchema.safeParse({ ...emptyStateGrant(2026), amount: '12,345', stateRatePercent: '120', periodStart: '2026-12-31', periodEnd: '2026-01-01' });
    expect(r.success).toBe(false);
    const messages = Object.fromEntries((r.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]));
    expect(messages.districtId).toBe('Bitte den Kreis wählen.');
    expect(messages.reference).toBe('Bitte das Aktenzeichen des Zuweisungsbescheids angeben.');
    expect(messages.amount).toMatch(/Nachkommastellen|Betrag/);
    expect(messages.stateRatePercent).toContain('zwischen 0 und 100');
    expect(messages.periodEnd).toBe('Das Ende darf nicht vor dem Beginn liegen.');
  });

  it('maps the Kreis budget year from a Zuweisung', () => {
    const v = { districtShareAmount: '104.812,50', districtBudgetLine: ' 31.5.01.7180 ', applicationDeadline: '' };
    expect(budgetYearFromGrantSchema.safeParse(v).success).toBe(true);
    expect(toBudgetYearFromGrantBody(v)).toEqual({ districtShareAmount: '104812.50', districtBudgetLine: '31.5.01.7180', applicationDeadline: null });
  });
});
