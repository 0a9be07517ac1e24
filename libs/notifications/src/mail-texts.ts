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

// ───────────── what happened to the Träger's own records (issue 14 item 4) ─────────────

const de = (d: string): string => CalendarDate.parse(d).toGermanString();

/** The application arrived (first submission or resubmission after a request for changes). */
export function applicationReceivedText(
  p: { reference: string; title: string; receivedOn: string; versionNo: number },
  link: string | null,
  signature: Signature,
): MessageText {
  const resubmitted = p.versionNo > 1;
  return {
    subject: `Eingangsbestätigung: Antrag ${p.reference}`,
    body: compose(
      [
        resubmitted
          ? `Ihr überarbeiteter Antrag ${p.reference} („${p.title}“) ist am ${de(p.receivedOn)} beim Landratsamt eingegangen (Fassung ${p.versionNo}).`
          : `Ihr Antrag ${p.reference} („${p.title}“) ist am ${de(p.receivedOn)} beim Landratsamt eingegangen.`,
        '',
        'Wir prüfen ihn und melden uns, sobald eine Entscheidung getroffen ist oder wir Ergänzungen benötigen. Die Eingangsbestätigung finden Sie beim Antrag in Förderfluss.',
        'Bitte beachten Sie: Der Eingang des Antrags ist keine Bewilligung. Mit dem Vorhaben darf vor der Bewilligung nur mit Zustimmung zum vorzeitigen Vorhabenbeginn begonnen werden.',
      ],
      link,
      signature,
    ),
  };
}

/** The Landratsamt asks for changes to the application. */
export function changesRequestedText(p: { reference: string; title: string; requestedOn: string }, link: string | null, signature: Signature): MessageText {
  return {
    subject: `Ergänzungen erbeten: Antrag ${p.reference}`,
    body: compose(
      [
        `das Landratsamt hat Ihren Antrag ${p.reference} („${p.title}“) am ${de(p.requestedOn)} geprüft und bittet Sie um Änderungen oder Ergänzungen.`,
        '',
        'Die Hinweise finden Sie beim Antrag in Förderfluss. Bitte überarbeiten Sie den Antrag und reichen Sie ihn erneut ein.',
      ],
      link,
      signature,
    ),
  };
}

/** A Bescheid or Vertrag (or a change of it) is in force. */
export function decisionIssuedText(
  p: { reference: string; title: string; instrument: 'BESCHEID' | 'VERTRAG'; versionKind: 'ORIGINAL' | 'AMENDMENT' | 'REVOCATION'; versionNo: number; maxAmount: Money; decisionDate: string },
  link: string | null,
  signature: Signature,
): MessageText {
  const what =
    p.versionKind === 'REVOCATION'
      ? 'Widerrufsbescheid'
      : p.versionKind === 'AMENDMENT'
        ? p.instrument === 'VERTRAG'
          ? 'Änderungsvertrag'
          : 'Änderungsbescheid'
        : p.instrument === 'VERTRAG'
          ? 'Weiterleitungsvertrag'
          : 'Zuwendungsbescheid';
  // A Bescheid is issued (erlassen); a contract is concluded (geschlossen) and then in force.
  const contract = p.instrument === 'VERTRAG' && p.versionKind !== 'REVOCATION';
  return {
    subject: contract ? `${what} ${p.reference} in Kraft` : `${what} ${p.reference} erlassen`,
    body: compose(
      [
        `zu Ihrem Vorhaben „${p.title}“ wurde am ${de(p.decisionDate)} der ${what} ${p.reference} (Fassung ${p.versionNo}) ${contract ? 'geschlossen' : 'erlassen'}.`,
        `Die Zuwendung beträgt höchstens ${p.maxAmount.formatEur()}.`,
        '',
        p.versionKind === 'ORIGINAL'
          ? 'Das Schreiben mit den Nebenbestimmungen finden Sie beim Bescheid in Förderfluss. Dort können Sie auch die Mittel abrufen.'
          : 'Das Schreiben finden Sie beim Bescheid in Förderfluss.',
      ],
      link,
      signature,
    ),
  };
}

/** The application is rejected (Ablehnungsbescheid). */
export function applicationRejectedText(
  p: { reference: string; applicationReference: string; title: string; decisionDate: string },
  link: string | null,
  signature: Signature,
): MessageText {
  return {
    subject: `Ablehnung: Antrag ${p.applicationReference}`,
    body: compose(
      [
        `über Ihren Antrag ${p.applicationReference} zum Vorhaben „${p.title}“ wurde am ${de(p.decisionDate)} entschieden: Er wird abgelehnt (Bescheid ${p.reference}).`,
        '',
        'Den Ablehnungsbescheid mit Begründung und Rechtsbehelfsbelehrung finden Sie in Förderfluss.',
      ],
      link,
      signature,
    ),
  };
}

/** A Mittelabruf is approved for payout. */
export function paymentRequestApprovedText(p: { reference: string; amount: Money; valueDate: string }, link: string | null, signature: Signature): MessageText {
  return {
    subject: `Mittelabruf ${p.reference} freigegeben`,
    body: compose(
      [
        `Ihr Mittelabruf ${p.reference} wurde über ${p.amount.formatEur()} zur Auszahlung freigegeben.`,
        `Gewünschte Wertstellung: ${de(p.valueDate)}. Sobald die Zahlung ausgeführt ist, erhalten Sie eine weitere Nachricht.`,
      ],
      link,
      signature,
    ),
  };
}

/** A Mittelabruf is refused. */
export function paymentRequestRefusedText(p: { reference: string; amount: Money; reason: string | null }, link: string | null, signature: Signature): MessageText {
  return {
    subject: `Mittelabruf ${p.reference} abgelehnt`,
    body: compose(
      [
        `Ihr Mittelabruf ${p.reference} über ${p.amount.formatEur()} wurde abgelehnt.`,
        p.reason ? `Begründung: ${p.reason}` : null,
        '',
        'Sie können einen neuen Mittelabruf stellen, wenn die Voraussetzungen vorliegen.',
      ],
      link,
      signature,
    ),
  };
}

/** The bank executed the payout of a Mittelabruf. */
export function payoutExecutedText(p: { reference: string; amount: Money; paidOn: string; ibanEnd: string | null }, link: string | null, signature: Signature): MessageText {
  return {
    subject: `Auszahlung zum Mittelabruf ${p.reference} ausgeführt`,
    body: compose(
      [
        `die Auszahlung zu Ihrem Mittelabruf ${p.reference} über ${p.amount.formatEur()} wurde mit Wertstellung ${de(p.paidOn)} ausgeführt${p.ibanEnd ? ` (Konto mit der IBAN-Endung ${p.ibanEnd})` : ''}.`,
        '',
        'Bitte denken Sie daran, die Mittel innerhalb von zwei Monaten nach der Auszahlung für fällige Zahlungen zu verwenden.',
      ],
      link,
      signature,
    ),
  };
}

/** The Festsetzung after the Verwendungsnachweis is made. */
export function settlementMadeText(
  p: { reference: string; title: string; finalGrant: Money; recoveryAmount: Money; decisionDate: string },
  link: string | null,
  signature: Signature,
): MessageText {
  return {
    subject: `Festsetzung der Zuwendung ${p.reference}`,
    body: compose(
      [
        `nach Prüfung Ihres Verwendungsnachweises zum Vorhaben „${p.title}“ wurde die Zuwendung am ${de(p.decisionDate)} auf ${p.finalGrant.formatEur()} festgesetzt.`,
        p.recoveryAmount.isPositive()
          ? `Es ist ein Betrag von ${p.recoveryAmount.formatEur()} zurückzuzahlen; dazu erhalten Sie eine gesonderte Nachricht mit der Fälligkeit.`
          : 'Eine Rückforderung ergibt sich nicht.',
      ],
      link,
      signature,
    ),
  };
}

/** A Rückforderung with its due date, to the Träger. */
export function recoveryDueText(p: { reference: string; principal: Money; due: string }, link: string | null, signature: Signature): MessageText {
  return {
    subject: `Rückforderung ${p.reference}: fällig am ${de(p.due)}`,
    body: compose(
      [
        `zu Ihrer Zuwendung wird ein Betrag von ${p.principal.formatEur()} zurückgefordert (${p.reference}).`,
        `Bitte zahlen Sie ihn bis zum ${de(p.due)} unter Angabe des Zeichens ${p.reference} zurück. Zinsen nach § 49a Abs. 3 ThürVwVfG werden gesondert berechnet.`,
      ],
      link,
      signature,
    ),
  };
}

/** A Mahnung (1st or 2nd) of a Rückforderung, to the Träger; its letter is in the app. */
export function dunningText(p: { reference: string; title: string; level: number; totalDue: Money; deadline: string }, link: string | null, signature: Signature): MessageText {
  return {
    subject: `${p.level}. Mahnung: Rückforderung ${p.reference}, zahlbar bis ${de(p.deadline)}`,
    body: compose(
      [
        `zur Rückforderung ${p.reference} (Projekt „${p.title}“) ist bis heute keine vollständige Zahlung eingegangen. Wir haben Ihnen daher die ${p.level}. Mahnung geschrieben; Sie finden sie als PDF beim Vorgang.`,
        `Offen sind ${p.totalDue.formatEur()} einschließlich der Zinsen nach § 49a Abs. 3 ThürVwVfG. Bitte zahlen Sie den Betrag bis zum ${de(p.deadline)} unter Angabe des Aktenzeichens.`,
        ...(p.level >= 2 ? ['', 'Geht der Betrag nicht fristgerecht ein, wird die Forderung ohne weitere Ankündigung beigetrieben.'] : []),
        '',
        'Haben Sie bereits gezahlt, betrachten Sie diese Nachricht bitte als gegenstandslos.',
      ],
      link,
      signature,
    ),
  };
}

/** A Rückforderung past its due date, to the Träger. */
export function recoveryOverdueProviderText(
  p: { reference: string; outstanding: Money; due: string; daysOverdue: number },
  link: string | null,
  signature: Signature,
): MessageText {
  return {
    subject: `Überfällig: Rückforderung ${p.reference} (fällig am ${de(p.due)})`,
    body: compose(
      [
        `die Rückforderung ${p.reference} war am ${de(p.due)} fällig und ist seit ${days(p.daysOverdue)} überfällig.`,
        `Offen ist noch ein Betrag von ${p.outstanding.formatEur()} zuzüglich Zinsen nach § 49a Abs. 3 ThürVwVfG.`,
        '',
        `Bitte überweisen Sie den Betrag umgehend unter Angabe des Zeichens ${p.reference}. Haben Sie bereits gezahlt, betrachten Sie diese Nachricht bitte als gegenstandslos.`,
      ],
      link,
      signature,
    ),
  };
}

/** The Ausschlussfrist of a Projektaufruf was extended; to every Träger. */
export function callDeadlineExtendedText(
  p: { title: string; previousDeadline: string; deadline: string; reason: string },
  link: string | null,
  signature: Signature,
): MessageText {
  return {
    subject: `Frist verlängert: ${p.title} – Anträge bis ${de(p.deadline)}`,
    body: compose(
      [
        `die Ausschlussfrist für den Projektaufruf „${p.title}“ wurde vom ${de(p.previousDeadline)} auf den ${de(p.deadline)} verlängert.`,
        `Grund: ${p.reason}`,
        '',
        `Anträge zu diesem Aufruf können bis zum Ende des ${de(p.deadline)} in Förderfluss eingereicht werden.`,
      ],
      link,
      signature,
    ),
  };
}

/** The user was made assignee or stand-in of a case (to the Landratsamt's people). */
export function caseAssignedText(
  p: { caseNoun: string; reference: string; title: string; role: 'ASSIGNEE' | 'STAND_IN'; assigneeName: string | null; by: string | null },
  link: string | null,
  signature: Signature,
): MessageText {
  const what = p.role === 'ASSIGNEE' ? 'zuständig' : `Vertretung${p.assigneeName ? ` für ${p.assigneeName}` : ''}`;
  return {
    subject: `${p.caseNoun} ${p.reference}: Sie sind ${p.role === 'ASSIGNEE' ? 'zuständig' : 'Vertretung'}`,
    body: compose(
      [
        `${p.by ? `${p.by} hat Sie` : 'Sie wurden'} für den Vorgang ${p.reference} („${p.title}“, ${p.caseNoun}) eingetragen: ${what}.`,
        'Sie finden ihn in Ihrer Arbeitsliste unter „Meine Fälle“.',
      ],
      link,
      signature,
    ),
  };
}

/** A Wiedervorlage was set on a case the user is assignee or stand-in of. */
export function followUpAddedText(
  p: { caseNoun: string; reference: string; title: string; due: string; note: string | null; by: string | null },
  link: string | null,
  signature: Signature,
): MessageText {
  return {
    subject: `Wiedervorlage ${p.reference} am ${de(p.due)}`,
    body: compose(
      [
        `${p.by ? `${p.by} hat` : 'Es wurde'} für den Vorgang ${p.reference} („${p.title}“, ${p.caseNoun}) eine Wiedervorlage zum ${de(p.due)} angelegt.`,
        ...(p.note ? ['', `Notiz: ${p.note}`] : []),
        '',
        'Am Tag der Wiedervorlage steht sie in Ihrer Arbeitsliste unter „Fällige Wiedervorlagen“.',
      ],
      link,
      signature,
    ),
  };
}
