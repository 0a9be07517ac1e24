import { Money } from '@foerderfluss/core';
import { paymentApprovalText, proofDueText, recoveryOverdueText } from './mail-texts';

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
