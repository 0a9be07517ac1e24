import { AUDIT_ACTION_LABELS, auditActionLabel, formatAuditEvent, userIdsIn } from './history-format';

const TZ = 'Europe/Berlin';
const names = new Map([['u-1', 'Sabine Kretzschmar'], ['u-2', 'Dr. Thomas Reinhardt']]);
const texts = (e: Parameters<typeof formatAuditEvent>[0]): string[] => formatAuditEvent(e, names, TZ).changes.map((c) => c.text);

describe('the German reading of audit events', () => {
  it('names a status step with the lifecycle labels of the entity', () => {
    expect(texts({ action: 'application.start-review', entity: 'Application', before: { status: 'SUBMITTED' }, after: { status: 'IN_REVIEW' } })).toEqual(['Status: eingereicht → in Prüfung']);
    expect(formatAuditEvent({ action: 'application.start-review', entity: 'Application', before: null, after: null }, names, TZ).actionLabel).toBe('Prüfung begonnen');
  });

  it('lists only what changed between two snapshots, money in euro, dates in German, technical fields not at all', () => {
    const before = { id: 'x', version: 3, status: 'DRAFT', title: 'Alt', periodStart: '2026-01-01', totals: { requestedAmount: '1000.00', totalCosts: '1200.00' }, financingPlan: { costLines: [1] } };
    const after = { id: 'x', version: 4, status: 'DRAFT', title: 'Neu', periodStart: '2026-02-01', totals: { requestedAmount: '1234.5', totalCosts: '1200.00' }, financingPlan: { costLines: [2] } };
    expect(texts({ action: 'application.update', entity: 'Application', before, after })).toEqual([
      'Titel: Alt → Neu',
      'Beginn des Zeitraums: 01.01.2026 → 01.02.2026',
      'Kosten- und Finanzierungsplan geändert',
      'beantragte Zuwendung: 1.000,00 € → 1.234,50 €',
    ]);
  });

  it('summarises a record that was created (one side only) by its summary fields', () => {
    expect(texts({ action: 'decision.propose', entity: 'Decision', before: null, after: { status: 'PROPOSED', kind: 'ORIGINAL', maxAmount: '15200.00', purpose: 'lang', proposedBy: 'u-1', proofDue: '2026-12-31' } })).toEqual([
      'Status: vorgeschlagen',
      'Art: Erstbescheid',
      'Höchstbetrag: 15.200,00 €',
      'Frist Verwendungsnachweis: 31.12.2026',
    ]);
  });

  it('names people by display name', () => {
    const e = { action: 'case.assign', entity: 'Application', before: { caseReference: 'A-1', assigneeId: null, standInId: null }, after: { caseReference: 'A-1', assigneeId: 'u-1', standInId: 'u-2' } };
    expect(texts(e)).toEqual(['Zuständig: – → Sabine Kretzschmar', 'Vertretung: – → Dr. Thomas Reinhardt']);
    expect(userIdsIn(e).sort()).toEqual(['u-1', 'u-2']);
  });

  it('reads a Wiedervorlage by its day (subject) and note, and its completion by the status', () => {
    const add = formatAuditEvent({ action: 'case.follow-up.add', entity: 'Decision', before: null, after: { followUpId: 'f', dueDate: '2026-12-07', note: 'Unterlagen?' } }, names, TZ);
    expect(add.subject).toBe('Wiedervorlage zum 07.12.2026');
    expect(add.changes.map((c) => c.text)).toEqual(['Notiz: Unterlagen?']);
    const done = formatAuditEvent(
      { action: 'case.follow-up.done', entity: 'Decision', before: { dueDate: '2026-12-07', followUpStatus: 'OPEN' }, after: { dueDate: '2026-12-07', followUpStatus: 'DONE' } },
      names,
      TZ,
    );
    expect(done.changes.map((c) => c.text)).toEqual(['Wiedervorlage: offen → erledigt']);
  });

  it('shows no English code: an unknown coded value leaves its field out, an unknown action says so in German', () => {
    expect(texts({ action: 'decision.close', entity: 'Decision', before: { status: 'IN_FORCE' }, after: { status: 'SOMETHING_NEW' } })).toEqual([]);
    expect(auditActionLabel('x.y')).toBe('Sonstige Änderung (x.y)');
  });

  it('names the part of the record an event is about', () => {
    expect(formatAuditEvent({ action: 'receipt.delete', entity: 'Receipt', before: { proofId: 'p', receiptNumber: 'SM-01' }, after: null }, names, TZ).subject).toBe('Beleg SM-01');
    expect(formatAuditEvent({ action: 'attachment.uploaded', entity: 'Attachment', before: null, after: { fileName: 'Satzung.pdf', kind: 'STATUTES' } }, names, TZ).changes.map((c) => c.text)).toEqual([
      'Art: Satzung',
      'Datei: Satzung.pdf',
    ]);
  });

  it('reads a Beleg decision by its result, not against the review state recorded before it', () => {
    expect(texts({ action: 'proof.review.receipt', entity: 'ProofOfUse', before: { status: 'IN_PROGRESS', cursory: { complete: true } }, after: { outcome: 'REDUCED', amount: '80.00', note: 'Teil privat' } })).toEqual([
      'Betrag: 80,00 €',
      'Ergebnis: gekürzt',
      'Notiz: Teil privat',
    ]);
  });

  it('has one German label for every action it knows, none of them the code', () => {
    for (const [code, label] of Object.entries(AUDIT_ACTION_LABELS)) {
      expect(label).not.toBe(code);
      expect(label).not.toMatch(/^[a-z-]+(\.[a-z-]+)+$/);
    }
  });
});
