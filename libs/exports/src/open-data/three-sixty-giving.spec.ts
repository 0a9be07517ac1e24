import { Money } from '@foerderfluss/core';
import { grantsCsv, grantsJson, identifierPart, organisationIdentifier, type PublishedGrantRecord, toPublishedGrant } from './three-sixty-giving';

const record = (over: Partial<PublishedGrantRecord> = {}): PublishedGrantRecord => ({
  reference: 'FF-2026-0007',
  title: 'Sprachcafé',
  purpose: 'Begegnung, "offen" für alle',
  periodStart: '2026-01-01',
  periodEnd: '2026-06-30',
  awardDate: '2025-12-15',
  maxAmount: Money.of('13550.00'),
  recipientId: '0b6f7a0e-0000-4000-8000-000000000001',
  recipientCode: 'PROVIDER_YOUTH_WELFARE',
  recipientName: 'Jugendhilfe Pleißetal e.V.',
  socialAreaName: 'Schmölln und Oberes Sprottental',
  socialAreaMunicipalities: ['Schmölln', 'Gößnitz'],
  municipality: null,
  programmeCode: 'SOZIALBERATUNG_FLUECHTLINGE',
  programmeTitle: 'Richtlinie',
  ...over,
});
const publisher = { prefix: '360G-kreis', funderIdentifier: null, districtId: 'd-1', districtCode: 'DISTRICT_X', districtName: 'Landkreis X' };

describe('360Giving mapping', () => {
  it('identifiers are URL-safe and fall back to the record id without a code', () => {
    expect(identifierPart('FF/2026 0007')).toBe('FF-2026-0007');
    expect(identifierPart('  -A B-  ')).toBe('A-B');
    expect(organisationIdentifier('360G-kreis', null, 'abc-123')).toBe('360G-kreis-ORG-abc-123');
  });

  it('the Gemeinde of the project describes the location, else the Sozialraum’s Gemeinden', () => {
    expect(toPublishedGrant(record(), publisher).beneficiaryLocation).toEqual([{ name: 'Schmölln und Oberes Sprottental', description: 'Schmölln, Gößnitz', countryCode: 'DE' }]);
    expect(toPublishedGrant(record({ municipality: 'Gößnitz' }), publisher).beneficiaryLocation[0]!.description).toBe('Gößnitz');
    expect(toPublishedGrant(record({ socialAreaMunicipalities: [] }), publisher).beneficiaryLocation[0]).toEqual({ name: 'Schmölln und Oberes Sprottental', countryCode: 'DE' });
  });

  it('JSON: the amount a number with two decimals, exact beyond float precision; parses back', () => {
    const text = grantsJson([toPublishedGrant(record({ maxAmount: Money.of('1234567890123.10') }), publisher)]);
    expect(text).toContain('"currency":"EUR","amountAwarded":1234567890123.10,');
    const parsed = JSON.parse(text) as { grants: { id: string; fundingOrganization: unknown }[] };
    expect(parsed.grants[0]!.id).toBe('360G-kreis-FF-2026-0007');
    expect(parsed.grants[0]!.fundingOrganization).toEqual([{ id: '360G-kreis-ORG-DISTRICT_X', name: 'Landkreis X' }]);
    expect(grantsJson([])).toBe('{"grants":[]}');
  });

  it('CSV: quotes where needed, neutralises a formula, amounts with a decimal point', () => {
    const csv = grantsCsv([toPublishedGrant(record({ title: '@SUM(A1)' }), { ...publisher, funderIdentifier: 'XI-LEI-123' })]);
    const [header, row] = csv.slice(1).split('\r\n');
    expect(header!.split(',')[4]).toBe('Amount Awarded');
    expect(row).toContain(`360G-kreis-FF-2026-0007,'@SUM(A1),"Begegnung, ""offen"" für alle",EUR,13550.00,2025-12-15,2026-01-01,2026-06-30,`);
    expect(row).toContain('XI-LEI-123,Landkreis X');
  });
});
