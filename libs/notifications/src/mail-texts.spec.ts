import { Money } from '@foerderfluss/core';
import {
  applicationReceivedText,
  applicationRejectedText,
  changesRequestedText,
  decisionIssuedText,
  paymentApprovalText,
  paymentRequestApprovedText,
  paymentRequestRefusedText,
  payoutExecutedText,
  proofDueText,
  recoveryDueText,
  recoveryOverdueProviderText,
  recoveryOverdueText,
  settlementMadeText,
} from './mail-texts';

const sig = { name: 'Landkreis Altenburger Land – Landratsamt', department: 'Integrationsmanagement' };

describe('German reminder texts', () => {
  it('Zwischennachweis due today, VN overdue', () => {
    const today = proofDueText({ kind: 'INTERIM', coveredYear: 2026, reference: 'FF-2026-0001', projectTitle: 'Lotsen', due: '2027-04-30', daysLeft: 0 }, null, sig);
    expect(today.subject).toBe('Erinnerung: Zwischennachweis für das Jahr 2026 FF-2026-0001 fällig am 30.04.2027');
    expect(today.body).toContain('ist bis zum 30.04.2027 vorzulegen, also heute.');
    const late = proofDueText({ kind: 'FINAL', coveredYear: null, reference: 'FF-2026-0001', projectTitle: 'Lotsen', due: '2027-06-30', daysLeft: -1 }, 'https://x/bescheide/1', sig);
    expect(late.subject).toBe('Überfällig: Verwendungsnachweis FF-2026-0001 (fällig am 30.06.2027)');
    expect(late.body).toContain('seit einem Tag überfällig');
    expect(late.body).toContain('Zum Vorgang: https://x/bescheide/1');
    expect(late.body).toContain('Integrationsmanagement');
  });

  it('approval waiting and recovery overdue, amounts in German', () => {
    const a = paymentApprovalText({ reference: 'FF-2026-0001/2', providerName: 'Träger e. V.', amount: Money.of('12345.6'), checkedOn: '2026-03-03', valueDate: '2026-03-15' }, null, sig);
    expect(a.subject).toBe('Freigabe erbeten: Mittelabruf FF-2026-0001/2');
    expect(a.body).toContain('über 12.345,60 € wurde am 03.03.2026 sachlich geprüft');
    const r = recoveryOverdueText({ reference: 'FF-2026-0001/R', providerName: 'Träger e. V.', outstanding: Money.of('10000'), due: '2026-09-15', daysOverdue: 20 }, null, sig);
    expect(r.subject).toBe('Überfällig: Rückforderung FF-2026-0001/R (fällig am 15.09.2026)');
    expect(r.body).toContain('Hauptforderung von 10.000,00 €');
    expect(r.body).toContain('seit 20 Tagen überfällig');
  });
});

describe('German texts of what happened to the Träger\'s records', () => {
  const link = 'https://x/antraege/1';

  it('every text is formal, signed by the Landratsamt and links the record', () => {
    const texts = [
      applicationReceivedText({ reference: 'A-2026-0001', title: 'Lotsen', receivedOn: '2025-09-01', versionNo: 1 }, link, sig),
      changesRequestedText({ reference: 'A-2026-0001', title: 'Lotsen', requestedOn: '2025-10-28' }, link, sig),
      decisionIssuedText({ reference: 'FF-2026-0001', title: 'Lotsen', instrument: 'BESCHEID', versionKind: 'ORIGINAL', versionNo: 1, maxAmount: Money.of('90000'), decisionDate: '2025-12-15' }, link, sig),
      applicationRejectedText({ reference: 'FF-2026-0002', applicationReference: 'A-2026-0002', title: 'Treff', decisionDate: '2025-12-15' }, link, sig),
      paymentRequestApprovedText({ reference: 'FF-2026-0001/1', amount: Money.of('15000'), valueDate: '2026-01-12' }, link, sig),
      paymentRequestRefusedText({ reference: 'FF-2026-0001/2', amount: Money.of('500'), reason: 'Bankverbindung geändert.' }, link, sig),
      payoutExecutedText({ reference: 'FF-2026-0001/1', amount: Money.of('15000'), paidOn: '2026-01-12', ibanEnd: '3000' }, link, sig),
      settlementMadeText({ reference: 'FF-2026-0001', title: 'Lotsen', finalGrant: Money.of('80000'), recoveryAmount: Money.of('10000'), decisionDate: '2026-08-12' }, link, sig),
      recoveryDueText({ reference: 'FF-2026-0001/R', principal: Money.of('10000'), due: '2026-09-15' }, link, sig),
      recoveryOverdueProviderText({ reference: 'FF-2026-0001/R', outstanding: Money.of('10000'), due: '2026-09-15', daysOverdue: 1 }, link, sig),
    ];
    for (const t of texts) {
      expect(t.body.startsWith('Guten Tag,\n')).toBe(true);
      expect(t.body).toContain(`Zum Vorgang: ${link}`);
      expect(t.body).toContain('Mit freundlichen Grüßen\nLandkreis Altenburger Land – Landratsamt\nIntegrationsmanagement');
      expect(t.body).not.toMatch(/\b(du|dein|deine)\b/i);
      expect(t.body).not.toMatch(/\(n\)|\(e\)|\(s\)/);
    }
  });

  it('subjects and figures in German', () => {
    const received = applicationReceivedText({ reference: 'A-2026-0001', title: 'Lotsen', receivedOn: '2025-09-01', versionNo: 2 }, null, sig);
    expect(received.subject).toBe('Eingangsbestätigung: Antrag A-2026-0001');
    expect(received.body).toContain('überarbeiteter Antrag A-2026-0001 („Lotsen“) ist am 01.09.2025 beim Landratsamt eingegangen (Fassung 2)');
    expect(received.body).not.toContain('Zum Vorgang');
    const contract = decisionIssuedText({ reference: 'FF-2026-0003', title: 'Pool', instrument: 'VERTRAG', versionKind: 'ORIGINAL', versionNo: 1, maxAmount: Money.of('1234.5'), decisionDate: '2025-12-15' }, null, sig);
    expect(contract.subject).toBe('Weiterleitungsvertrag FF-2026-0003 in Kraft');
    expect(contract.body).toContain('der Weiterleitungsvertrag FF-2026-0003 (Fassung 1) geschlossen.');
    expect(contract.body).toContain('höchstens 1.234,50 €');
    expect(decisionIssuedText({ reference: 'FF-1', title: 'x', instrument: 'BESCHEID', versionKind: 'AMENDMENT', versionNo: 2, maxAmount: Money.of('1'), decisionDate: '2025-12-15' }, null, sig).subject).toBe(
      'Änderungsbescheid FF-1 erlassen',
    );
    expect(applicationRejectedText({ reference: 'FF-2026-0002', applicationReference: 'A-2026-0002', title: 'Treff', decisionDate: '2025-12-15' }, null, sig).subject).toBe('Ablehnung: Antrag A-2026-0002');
    const refused = paymentRequestRefusedText({ reference: 'FF-2026-0001/2', amount: Money.of('500'), reason: null }, null, sig);
    expect(refused.subject).toBe('Mittelabruf FF-2026-0001/2 abgelehnt');
    expect(refused.body).not.toContain('Begründung');
    expect(payoutExecutedText({ reference: 'FF-2026-0001/1', amount: Money.of('15000'), paidOn: '2026-01-12', ibanEnd: null }, null, sig).body).toContain(
      'über 15.000,00 € wurde mit Wertstellung 12.01.2026 ausgeführt.',
    );
    expect(settlementMadeText({ reference: 'FF-1', title: 'x', finalGrant: Money.of('90000'), recoveryAmount: Money.ZERO, decisionDate: '2026-08-12' }, null, sig).body).toContain(
      'Eine Rückforderung ergibt sich nicht.',
    );
    expect(recoveryDueText({ reference: 'FF-1/R', principal: Money.of('10000'), due: '2026-09-15' }, null, sig).subject).toBe('Rückforderung FF-1/R: fällig am 15.09.2026');
    expect(recoveryOverdueProviderText({ reference: 'FF-1/R', outstanding: Money.of('10000'), due: '2026-09-15', daysOverdue: 1 }, null, sig).body).toContain('seit einem Tag überfällig');
  });
});
