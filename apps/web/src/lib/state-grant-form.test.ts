import { describe, expect, it } from 'vitest';
import { budgetYearFromGrantSchema, editStateGrantFrom, editStateGrantSchema, emptyStateGrant, stateGrantSchema, toBudgetYearFromGrantBody, toCreateStateGrantBody, toUpdateStateGrantBody } from './state-grant-form';

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

describe('editing a Zuweisung draft (issue 20)', () => {
  const draft = {
    id: '11111111-1111-4111-8111-111111111111',
    districtId: GREIZ,
    districtName: 'Landkreis Greiz – Landratsamt',
    programmeId: '22222222-2222-4222-8222-222222222222',
    year: 2028,
    reference: 'TLVwA 250-4.1-2028/017',
    status: 'DRAFT' as const,
    amount: '250000.00',
    stateRatePercent: '80',
    periodStart: '2028-01-01',
    periodEnd: '2028-12-31',
    proofDue: '2029-06-30',
    note: null,
    proposedBy: null,
    proposedAt: null,
    issuedBy: null,
    issuedOn: null,
    budgetYearId: null,
    version: 1,
    allowedActions: ['edit' as const, 'propose' as const],
  };

  it('shows the draft in German and sends every field back as the API reads it', () => {
    const form = editStateGrantFrom(draft);
    expect(form).toEqual({ reference: 'TLVwA 250-4.1-2028/017', amount: '250.000,00', stateRatePercent: '80', periodStart: '2028-01-01', periodEnd: '2028-12-31', proofDue: '2029-06-30', note: '' });
    const changed = { ...form, amount: '275.500,50', stateRatePercent: '82,5', note: ' geändert ' };
    expect(editStateGrantSchema.safeParse(changed).success).toBe(true);
    expect(toUpdateStateGrantBody(changed)).toEqual({
      reference: 'TLVwA 250-4.1-2028/017',
      amount: '275500.50',
      stateRatePercent: '82.5',
      periodStart: '2028-01-01',
      periodEnd: '2028-12-31',
      proofDue: '2029-06-30',
      note: 'geändert',
    });
    // An emptied note clears it on the API (null), not "unchanged".
    expect(toUpdateStateGrantBody({ ...form, note: '  ' }).note).toBeNull();
  });

  it('refuses an empty amount, a bad percentage, a missing date and an end before the start, in German', () => {
    const r = editStateGrantSchema.safeParse({ ...editStateGrantFrom(draft), amount: '', stateRatePercent: 'achtzig', proofDue: '', periodEnd: '2027-12-31' });
    expect(r.success).toBe(false);
    const messages = Object.fromEntries((r.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]));
    expect(messages.amount).toBe('Bitte einen Betrag angeben.');
    expect(messages.stateRatePercent).toContain('zwischen 0 und 100');
    expect(messages.proofDue).toBe('Bitte die Frist als Datum wie 25.11.2026 angeben.');
    expect(messages.periodEnd).toBe('Das Ende darf nicht vor dem Beginn liegen.');
  });
});
