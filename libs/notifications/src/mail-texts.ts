import { CalendarDate, Money } from '@foerderfluss/core';

/** What a notification says, in German: the subject and a plain-text body (also the mail). */
export interface MessageText {
  subject: string;
  body: string;
}

export interface Signature {
  /** "Landkreis Altenburger Land – Landratsamt" */
  name: string;
  /** "Integrationsmanagement" */
  department: string;
}

const FOOTER = 'Diese Nachricht wurde von Förderfluss automatisch erstellt. Sie erhalten sie, weil Sie für den Vorgang zuständig sind.';

function days(n: number): string {
  return n === 1 ? 'einem Tag' : `${n} Tagen`;
}

function compose(lines: (string | null)[], link: string | null, signature: Signature): string {
  return [
    'Guten Tag,',
    '',
    ...lines.filter((l): l is string => l !== null),
    ...(link ? ['', `Zum Vorgang: ${link}`] : []),
    '',
    'Mit freundlichen Grüßen',
    signature.name,
    signature.department,
    '',
    '--',
    FOOTER,
  ].join('\n');
}

/** VN or Zwischennachweis: due in n days, or overdue. */
export function proofDueText(
  p: { kind: 'FINAL' | 'INTERIM'; coveredYear: number | null; reference: string; projectTitle: string; due: string; daysLeft: number },
  link: string | null,
  signature: Signature,
): MessageText {
  const what = p.kind === 'FINAL' ? 'Verwendungsnachweis' : `Zwischennachweis für das Jahr ${p.coveredYear}`;
  const due = CalendarDate.parse(p.due).toGermanString();
  const project = `zum Vorgang ${p.reference} („${p.projectTitle}“)`;
  if (p.daysLeft < 0) {
    return {
      subject: `Überfällig: ${what} ${p.reference} (fällig am ${due})`,
      body: compose(
        [
          `der ${what} ${project} war bis zum ${due} vorzulegen und ist seit ${days(-p.daysLeft)} überfällig.`,
          '',
          'Bitte reichen Sie ihn umgehend ein oder setzen Sie sich mit dem Landratsamt in Verbindung. Wird der Nachweis nicht vorgelegt, kann die Zuwendung ganz oder teilweise zurückgefordert werden.',
        ],
        link,
        signature,
      ),
    };
  }
  const when = p.daysLeft === 0 ? 'heute' : `in ${days(p.daysLeft)}`;
  return {
    subject: `Erinnerung: ${what} ${p.reference} fällig am ${due}`,
    body: compose(
      [
        `der ${what} ${project} ist bis zum ${due} vorzulegen, also ${when}.`,
        '',
        p.kind === 'FINAL'
          ? 'Bitte reichen Sie Sachbericht, zahlenmäßigen Nachweis und Belegliste rechtzeitig in Förderfluss ein.'
          : 'Bitte reichen Sie den Zwischennachweis (Sachbericht und zahlenmäßiger Nachweis des Jahres) rechtzeitig in Förderfluss ein.',
      ],
      link,
      signature,
    ),
  };
}

/** A checked Mittelabruf waiting for the approver. */
export function paymentApprovalText(
  p: { reference: string; providerName: string; amount: Money; checkedOn: string; valueDate: string },
  link: string | null,
  signature: Signature,
): MessageText {
  return {
    subject: `Freigabe erbeten: Mittelabruf ${p.reference}`,
    body: compose(
      [
        `der Mittelabruf ${p.reference} von ${p.providerName} über ${p.amount.formatEur()} wurde am ${CalendarDate.parse(p.checkedOn).toGermanString()} sachlich geprüft und wartet auf die Freigabe durch eine zweite Person (Vier-Augen-Prinzip).`,
        `Gewünschte Wertstellung: ${CalendarDate.parse(p.valueDate).toGermanString()}.`,
      ],
      link,
      signature,
    ),
  };
}

/** A Rückforderung past its due date. */
export function recoveryOverdueText(
  p: { reference: string; providerName: string; outstanding: Money; due: string; daysOverdue: number },
  link: string | null,
  signature: Signature,
): MessageText {
  return {
    subject: `Überfällig: Rückforderung ${p.reference} (fällig am ${CalendarDate.parse(p.due).toGermanString()})`,
    body: compose(
      [
        `die Rückforderung ${p.reference} gegenüber ${p.providerName} war am ${CalendarDate.parse(p.due).toGermanString()} fällig und ist seit ${days(p.daysOverdue)} überfällig.`,
        `Offen ist noch eine Hauptforderung von ${p.outstanding.formatEur()} zuzüglich Zinsen nach § 49a Abs. 3 ThürVwVfG.`,
        '',
        'Bitte prüfen Sie den Zahlungseingang und veranlassen Sie gegebenenfalls die Mahnung.',
      ],
      link,
      signature,
    ),
  };
}
