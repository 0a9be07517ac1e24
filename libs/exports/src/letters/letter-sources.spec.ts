import { Money, Rate } from '@foerderfluss/core';
import { DecisionOutcome, DecisionVersion, Instrument, VersionKind, VersionStatus } from '@foerderfluss/decisions';
import { LetterKind } from './generated-document.entity';
import { letterFileName, renderJobKey } from './letter-documents.service';
import { letterKindForVersion, paragraphs, versionChanges } from './letter-model-builder';

function version(overrides: Partial<DecisionVersion> = {}): DecisionVersion {
  return Object.assign(new DecisionVersion(), {
    kind: VersionKind.ORIGINAL,
    status: VersionStatus.APPROVED,
    maxAmount: Money.of('90000.00'),
    periodStart: '2026-01-01',
    periodEnd: '2026-12-31',
    financingType: 'SHARE',
    fundingRatePercent: Rate.fromPercent('90'),
    proofDue: '2027-06-30',
    purpose: 'Sozialberatung',
    conditions: { general: ['ANBest-P'], special: [] },
    ...overrides,
  });
}

describe('which letter a decision version gets', () => {
  const grant = { outcome: DecisionOutcome.GRANT, instrument: Instrument.BESCHEID };
  it.each([
    [grant, version(), LetterKind.GRANT_DECISION],
    [{ ...grant, instrument: Instrument.VERTRAG }, version(), LetterKind.FORWARDING_CONTRACT],
    [{ ...grant, outcome: DecisionOutcome.REJECTION }, version(), LetterKind.REJECTION],
    [grant, version({ kind: VersionKind.AMENDMENT }), LetterKind.AMENDMENT],
    [{ ...grant, instrument: Instrument.VERTRAG }, version({ kind: VersionKind.AMENDMENT }), LetterKind.CONTRACT_AMENDMENT],
    [grant, version({ kind: VersionKind.REVOCATION }), LetterKind.REVOCATION],
    [{ ...grant, instrument: Instrument.VERTRAG }, version({ kind: VersionKind.REVOCATION }), LetterKind.REVOCATION],
    [grant, version({ status: VersionStatus.PROPOSED }), null],
  ])('%j %#', (decision, v, kind) => {
    expect(letterKindForVersion(decision, v)).toBe(kind);
  });
});

describe('German file names', () => {
  it('names kind, Aktenzeichen and version', () => {
    expect(letterFileName(LetterKind.GRANT_DECISION, 'FF-2026-0001', 1)).toBe('Zuwendungsbescheid_FF-2026-0001_v1.pdf');
    expect(letterFileName(LetterKind.AMENDMENT, 'FF-2026-0001', 2)).toBe('Änderungsbescheid_FF-2026-0001_v2.pdf');
    expect(letterFileName(LetterKind.REJECTION, 'FF-2026-0002', 1)).toBe('Ablehnungsbescheid_FF-2026-0002.pdf');
    expect(letterFileName(LetterKind.RECOVERY, 'FF-2026-0003', null, 'VERTRAG')).toBe('Zahlungsaufforderung_FF-2026-0003.pdf');
    expect(letterFileName(LetterKind.PROOF_REVIEW, 'FF-2026-0003/VN', null)).toBe('Prüfvermerk_FF-2026-0003-VN.pdf');
    expect(letterFileName(LetterKind.CONTRACT_AMENDMENT, 'FF-2026-0004', 2)).toBe('Änderungsvertrag_FF-2026-0004_v2.pdf');
    expect(letterFileName(LetterKind.REVOCATION, 'FF-2026-0001', 3, 'BESCHEID')).toBe('Widerrufsbescheid_FF-2026-0001_v3.pdf');
    expect(letterFileName(LetterKind.REVOCATION, 'FF-2026-0004', 2, 'VERTRAG')).toBe('Kündigung_FF-2026-0004_v2.pdf');
    expect(letterFileName(LetterKind.DUNNING, 'FF-2026-0007/R', 2)).toBe('Mahnung-2_FF-2026-0007-R.pdf');
    expect(letterFileName(LetterKind.SETTLEMENT, 'FF-2026-0006', null, 'BESCHEID')).toBe('Festsetzungsbescheid_FF-2026-0006.pdf');
    expect(letterFileName(LetterKind.SETTLEMENT, 'FF-2026-0004', null, 'VERTRAG')).toBe('Festsetzung_FF-2026-0004.pdf');
  });

  it('a retried letter gets a new render job key (the failed job keeps its id in the queue)', () => {
    expect(renderJobKey({ id: 'a1', retryCount: 0 })).toBe('a1');
    expect(renderJobKey({ id: 'a1', retryCount: 2 })).toBe('a1-retry-2');
  });
});

describe('what an Änderungsbescheid lists', () => {
  it('every regulation that changed, typed for German formatting', () => {
    const changes = versionChanges(
      version(),
      version({ maxAmount: Money.of('95000.00'), periodEnd: '2027-03-31', fundingRatePercent: Rate.fromPercent('92.5'), conditions: { general: ['ANBest-P'], special: ['Neu'] } }),
    );
    expect(changes.map((c) => c.subject)).toEqual(['Höchstbetrag der Zuwendung', 'Ende des Bewilligungszeitraums', 'Fördersatz', 'Besondere Nebenbestimmungen']);
    expect(changes[0]).toEqual({ subject: 'Höchstbetrag der Zuwendung', previous: { kind: 'money', amount: '90000.00' }, amended: { kind: 'money', amount: '95000.00' } });
    expect(changes[2]!.amended).toEqual({ kind: 'percent', percent: '92.5' });
    expect(versionChanges(version(), version())).toEqual([]);
  });

  it('splits a Begründung into paragraphs', () => {
    expect(paragraphs('Erstens.\n\n  Zweitens. \r\nDrittens.')).toEqual(['Erstens.', 'Zweitens.', 'Drittens.']);
    expect(paragraphs(null)).toEqual([]);
  });
});
