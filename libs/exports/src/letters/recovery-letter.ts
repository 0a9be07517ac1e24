import { CalendarDate, countDaysInclusive, Money } from '@foerderfluss/core';
import type { Content } from 'pdfmake/interfaces';
import { eur, germanDate, percentagePointsDative, percentText, readCount, readDate, readIsDecision, readMoney, readPercent, readText } from './format';
import { CONTRACT_RECOVERY_CLAUSE } from './forwarding-contract';
import { quoted } from './grant-terms';
import {
  addressAndInfoBlock,
  buildDocument,
  centeredTitle,
  closingBlocks,
  dataTable,
  heading,
  Inline,
  keyValueBlock,
  letterheadBlock,
  letterInfoRows,
  numberedList,
  paragraph,
  paymentDetailsBlock,
  recipientLines,
  salutation,
  subjectBlock,
  validateLetterhead,
} from './layout';
import type { Letterhead, RecoveryLetterModel } from './letter-models';
import { LetterModelError } from './letters.errors';
import { renderPdf, RenderOptions } from './pdf-engine';

/**
 * Festsetzung and Rückforderung after the VN, with the § 49a (3) interest table and the Kreis's
 * account for the payment (Verwendungszweck = Aktenzeichen). BESCHEID: Rückforderungsbescheid with
 * Rechtsbehelfsbelehrung. VERTRAG: the same content as a Zahlungsaufforderung under the contract's
 * recovery clause, without one (a contractual claim is no Verwaltungsakt).
 */
export function recoveryDocument(model: RecoveryLetterModel, letterhead: Letterhead) {
  validateLetterhead(letterhead);
  const isDecision = readIsDecision(model.instrument);
  if (isDecision && model.legalGround !== 'CONDITION' && model.legalGround !== 'REVOCATION') {
    throw new LetterModelError('legalGround', `muss CONDITION oder REVOCATION sein, nicht ${JSON.stringify(model.legalGround)}`);
  }
  const date = readDate(model.letterDate, 'letterDate');
  const decisionDate = readDate(model.decisionDate, 'decisionDate');
  const lastAmendment = model.lastAmendmentDate ? readDate(model.lastAmendmentDate, 'lastAmendmentDate') : null;
  const proofReceived = readDate(model.proofReceivedDate, 'proofReceivedDate');
  const periodStart = readDate(model.periodStart, 'periodStart');
  const periodEnd = readDate(model.periodEnd, 'periodEnd');
  const dueDate = readDate(model.dueDate, 'dueDate');
  const title = readText(model.projectTitle, 'projectTitle');
  const maxAmount = readMoney(model.maxAmount, 'maxAmount');
  const recognised = readMoney(model.recognisedCosts, 'recognisedCosts');
  const finalGrant = readMoney(model.finalGrant, 'finalGrant');
  const paid = readMoney(model.paidAmount, 'paidAmount');
  const recovery = readMoney(model.recoveryAmount, 'recoveryAmount');
  if (finalGrant.greaterThan(maxAmount)) throw new LetterModelError('finalGrant', 'darf den Höchstbetrag nicht übersteigen');
  if (!recovery.equals(paid.minus(finalGrant).atLeastZero())) {
    throw new LetterModelError('recoveryAmount', `muss ausgezahlt − festgesetzt = ${paid.minus(finalGrant).atLeastZero().formatEur()} sein`);
  }
  if (!recovery.isPositive()) throw new LetterModelError('recoveryAmount', 'es ist nichts zurückzufordern');
  if (!Array.isArray(model.reasons) || model.reasons.length === 0) {
    throw new LetterModelError('reasons', 'die Festsetzung braucht eine Begründung');
  }
  const points = percentagePointsDative(model.parameters?.interestSurchargePercentagePoints, 'parameters.interestSurchargePercentagePoints');
  const interest = model.interest ? readInterest(model) : null;
  const notes = (model.interestNotes ?? []).map((n, i) => readText(n, `interestNotes[${i}]`));
  const totalDue = interest ? recovery.plus(interest.total) : recovery;
  const account = letterhead.bankAccounts[0]!;

  /** "Zuwendungsbescheid vom 20.01.2026 (in der Fassung des Änderungsbescheides vom …)" */
  const basis = isDecision
    ? `Zuwendungsbescheid vom ${germanDate(decisionDate)}` +
      (lastAmendment ? ` in der Fassung des Änderungsbescheides vom ${germanDate(lastAmendment)}` : '')
    : `Weiterleitungsvertrag vom ${germanDate(decisionDate)}` +
      (lastAmendment ? ` in der Fassung der Änderung vom ${germanDate(lastAmendment)}` : '');
  const clause = `§ ${CONTRACT_RECOVERY_CLAUSE}`;
  const documentName = isDecision ? 'Rückforderungsbescheid' : 'Zahlungsaufforderung';

  const tenor: (Inline | Inline[])[] = [
    [
      `Die Zuwendung für das Projekt ${quoted(title)} (Bewilligungszeitraum ${germanDate(periodStart)} bis ${germanDate(periodEnd)}) wird `,
      isDecision ? '' : `nach ${clause} Abs. 2 des Weiterleitungsvertrages `,
      'auf ',
      { text: eur(finalGrant), bold: true },
      ' festgesetzt.',
    ],
  ];
  if (isDecision) {
    tenor.push(
      model.legalGround === 'REVOCATION'
        ? `Der ${basis} wird nach § 49 Abs. 3 Satz 1 Nr. 1 ThürVwVfG mit Wirkung für die Vergangenheit insoweit widerrufen, als die Zuwendung den Betrag von ${eur(finalGrant)} übersteigt.`
        : `Der ${basis} ist insoweit unwirksam geworden, als die Zuwendung den Betrag von ${eur(finalGrant)} übersteigt (Eintritt der auflösenden Bedingung nach Nr. 2 ANBest-P).`,
      [
        'Der zu viel gezahlte Betrag von ',
        { text: eur(recovery), bold: true },
        ` ist nach § 49a Abs. 1 ThürVwVfG zu erstatten. Er ist bis zum `,
        { text: germanDate(dueDate), bold: true },
        ' zu zahlen.',
      ],
    );
  } else {
    tenor.push([
      `Nach ${clause} Abs. 3 des Weiterleitungsvertrages sind Sie verpflichtet, den zu viel gezahlten Betrag von `,
      { text: eur(recovery), bold: true },
      ' zu erstatten. Wir fordern Sie auf, den Betrag bis zum ',
      { text: germanDate(dueDate), bold: true },
      ' zu zahlen.',
    ]);
  }
  // § 49a (3): the rule is stated in every letter; the amount is what has accrued by the letter's
  // date with the Basiszinssätze known, and the interest keeps running until payment.
  tenor.push([
    isDecision
      ? `Der Erstattungsbetrag ist nach § 49a Abs. 3 ThürVwVfG vom Eintritt der Unwirksamkeit an bis zur Erstattung mit ${points} über dem Basiszinssatz nach § 247 BGB jährlich zu verzinsen.`
      : `Der Erstattungsbetrag ist nach ${clause} Abs. 3 des Weiterleitungsvertrages von der Auszahlung an bis zur Erstattung mit ${points} über dem Basiszinssatz nach § 247 BGB jährlich zu verzinsen.`,
    ...(interest
      ? [
          ` Die bis zum ${germanDate(interest.until)} aufgelaufenen Zinsen ${isDecision ? 'werden auf' : 'betragen'} `,
          { text: eur(interest.total), bold: true },
          isDecision ? ' festgesetzt (Berechnung unter II.).' : ' (Berechnung unter II.).',
        ]
      : []),
    ' Die Zinsen laufen bis zum Tag des Zahlungseingangs weiter.',
    ...notes.map((n) => ` ${n}`),
  ]);

  const figures: [string, Inline | Inline[]][] = [
    ['Höchstbetrag der Zuwendung', eur(maxAmount)],
    ['Anerkannte zuwendungsfähige Ausgaben', eur(recognised)],
    ['Festgesetzte Zuwendung', eur(finalGrant)],
    ['Bereits ausgezahlt', eur(paid)],
    ['Erstattungsbetrag', { text: eur(recovery), bold: true }],
  ];
  if (interest) figures.push([`Zinsen bis ${germanDate(interest.until)}`, eur(interest.total)], ['Zu zahlen insgesamt', { text: eur(totalDue), bold: true }]);

  const content: Content[] = [
    letterheadBlock(letterhead),
    addressAndInfoBlock(
      letterhead,
      recipientLines(model.recipient),
      letterInfoRows(letterhead, model, date, [{ label: 'Ihr Nachweis vom', value: germanDate(proofReceived) }]),
      model.deliveryNote,
    ),
    subjectBlock([
      isDecision
        ? 'Festsetzung der Zuwendung und Rückforderung (Rückforderungsbescheid)'
        : `Zahlungsaufforderung: Festsetzung der Zuwendung und Erstattung nach ${clause} des Weiterleitungsvertrages`,
      `${basis}, Projekt ${quoted(title)}`,
      `Ihr Verwendungsnachweis vom ${germanDate(proofReceived)}`,
    ]),
    salutation(model.salutation),
    ...(isDecision
      ? [
          paragraph(`nach Prüfung des von Ihnen am ${germanDate(proofReceived)} vorgelegten Verwendungsnachweises ergeht folgender`),
          centeredTitle('Bescheid:'),
          heading('I. Entscheidung'),
        ]
      : [
          paragraph(`nach Prüfung des von Ihnen am ${germanDate(proofReceived)} vorgelegten Verwendungsnachweises teilen wir Ihnen Folgendes mit:`),
          heading('I. Festsetzung und Zahlungsaufforderung'),
        ]),
    numberedList(tenor),

    heading('II. Berechnung'),
    keyValueBlock(figures),
    ...(interest ? interestBlocks(interest, points, isDecision) : []),

    heading('III. Zahlungshinweise'),
    paragraph(
      `Bitte überweisen Sie ${eur(totalDue)} bis zum ${germanDate(dueDate)} auf das folgende Konto des Landkreises und geben Sie ` +
        'als Verwendungszweck unbedingt das Aktenzeichen an:',
    ),
    paymentDetailsBlock(letterhead, account, totalDue, model.reference, dueDate),
    paragraph(
      interest
        ? `Für jeden Tag nach dem ${germanDate(interest.until)} bis zum Zahlungseingang fallen weitere Zinsen an; ` +
            'ihre Festsetzung bleibt vorbehalten.'
        : 'Bitte beachten Sie die Zahlungsfrist. Die Zinsen bis zum Zahlungseingang werden gesondert festgesetzt.',
    ),

    heading(isDecision ? 'IV. Begründung' : 'IV. Erläuterung'),
    paragraph(
      `Mit dem ${basis} wurde Ihnen für das Projekt ${quoted(title)} eine Zuwendung von bis zu ` +
        `${eur(maxAmount)} ${isDecision ? 'bewilligt' : 'gewährt'}; ausgezahlt wurden ${eur(paid)}. Die Prüfung des am ` +
        `${germanDate(proofReceived)} vorgelegten Verwendungsnachweises hat Folgendes ergeben:`,
    ),
    numberedList(model.reasons.map((r, i) => readText(r, `reasons[${i}]`))),
    paragraph(
      `Anerkannt werden zuwendungsfähige Ausgaben in Höhe von ${eur(recognised)}. Daraus ergibt sich eine Zuwendung von ` +
        `${eur(finalGrant)}; der Unterschied zum ausgezahlten Betrag von ${eur(recovery)} ist zu erstatten.`,
    ),
    ...(isDecision ? decisionGrounds(model.legalGround) : contractGrounds(clause)),

    ...closingBlocks({ remedy: isDecision ? letterhead : null, signatory: model.signatory, enclosures: model.enclosures }),
  ];

  return buildDocument(
    {
      letterhead,
      reference: model.reference,
      footerTitle: `${documentName} vom ${germanDate(date)}`,
      title: `${documentName} ${model.reference}`,
      subject: `${documentName} – Projekt ${quoted(title)}`,
      date,
      contactFooter: true,
    },
    content,
  );
}

function decisionGrounds(ground: RecoveryLetterModel['legalGround']): Content[] {
  if (ground === 'REVOCATION') {
    return [
      paragraph(
        'Soweit die Zuwendung nicht für den im Bescheid bestimmten Zweck verwendet wurde, kann der Zuwendungsbescheid nach ' +
          '§ 49 Abs. 3 Satz 1 Nr. 1 ThürVwVfG auch mit Wirkung für die Vergangenheit widerrufen werden. Die Entscheidung liegt ' +
          'im pflichtgemäßen Ermessen. Nach den haushaltsrechtlichen Grundsätzen der Wirtschaftlichkeit und Sparsamkeit ' +
          '(§ 7 ThürLHO) ist der Widerruf im Regelfall geboten; besondere Umstände, die ein Absehen vom Widerruf rechtfertigen ' +
          'könnten, sind nicht ersichtlich. Der zu erstattende Betrag ist nach § 49a Abs. 1 ThürVwVfG durch schriftlichen ' +
          'Verwaltungsakt festzusetzen.',
      ),
    ];
  }
  return [
    paragraph(
      'Nach Nr. 2 ANBest-P ermäßigt sich die Zuwendung, wenn sich nach der Bewilligung die zuwendungsfähigen Ausgaben ' +
        'ermäßigen oder neue Deckungsmittel hinzutreten. Insoweit ist der Zuwendungsbescheid durch den Eintritt dieser ' +
        'auflösenden Bedingung unwirksam geworden. Der überzahlte Betrag ist nach § 49a Abs. 1 Satz 1 ThürVwVfG zu erstatten ' +
        'und durch schriftlichen Verwaltungsakt festzusetzen (§ 49a Abs. 1 Satz 2 ThürVwVfG).',
    ),
  ];
}

function contractGrounds(clause: string): Content[] {
  return [
    paragraph(
      `Der Anspruch auf Erstattung und Verzinsung folgt aus ${clause} Abs. 2 und 3 des Weiterleitungsvertrages. Sollte der ` +
        'Betrag nicht fristgerecht eingehen, behält sich der Landkreis vor, den Anspruch ohne weitere Ankündigung gerichtlich ' +
        'geltend zu machen.',
    ),
  ];
}

interface ReadInterest {
  until: CalendarDate;
  rows: { from: string; to: string; days: number; rate: string; principal: Money; amount: Money }[];
  total: Money;
}

/** Reads the interest table and checks it: days per segment, total = Σ segments rounded once. */
function readInterest(model: RecoveryLetterModel): ReadInterest {
  const interest = model.interest!;
  const until = readDate(interest.calculatedUntil, 'interest.calculatedUntil');
  if (!Array.isArray(interest.segments) || interest.segments.length === 0) {
    throw new LetterModelError('interest.segments', 'mindestens ein Zinsabschnitt ist erforderlich');
  }
  const rows = interest.segments.map((s, i) => {
    const path = `interest.segments[${i}]`;
    const from = readDate(s.from, `${path}.from`);
    const to = readDate(s.to, `${path}.to`);
    const days = readCount(s.days, `${path}.days`);
    if (days !== countDaysInclusive(from, to)) {
      throw new LetterModelError(`${path}.days`, `${days} passt nicht zum Zeitraum ${germanDate(from)}–${germanDate(to)} (${countDaysInclusive(from, to)} Tage)`);
    }
    if (to.isAfter(until)) throw new LetterModelError(`${path}.to`, 'liegt nach dem Ende der Zinsberechnung');
    return {
      from: germanDate(from),
      to: germanDate(to),
      days,
      rate: percentText(readPercent(s.ratePercent, `${path}.ratePercent`)),
      principal: readMoney(s.principal, `${path}.principal`),
      amount: readMoney(s.amount, `${path}.amount`),
    };
  });
  const total = readMoney(interest.total, 'interest.total');
  const expected = Money.sum(rows.map((r) => r.amount)).round();
  if (!total.equals(expected)) {
    throw new LetterModelError('interest.total', `muss die gerundete Summe der Abschnitte sein (${expected.formatEur()})`);
  }
  return { until, rows, total };
}

function interestBlocks(interest: ReadInterest, points: string, isDecision: boolean): Content[] {
  const totalDays = interest.rows.reduce((sum, r) => sum + r.days, 0);
  return [
    paragraph(
      `Zinsberechnung: Basiszinssatz nach § 247 BGB zuzüglich ${points}, ` +
        'tageweise je Zinsabschnitt (Teilung zum 1. Januar und 1. Juli und bei jeder Änderung des Basiszinssatzes). ' +
        (isDecision ? 'Die Verzinsung beginnt mit dem Tag nach dem Eintritt der Unwirksamkeit.' : 'Die Verzinsung beginnt mit dem Tag nach der Auszahlung.'),
    ),
    dataTable(
      [
        { header: 'von', width: 58 },
        { header: 'bis', width: 58 },
        { header: 'Tage', width: 30, align: 'right' },
        { header: 'Zinsbasis', width: '*', align: 'right' },
        { header: 'Zinssatz p. a.', width: 58, align: 'right' },
        { header: 'Betrag', width: 70, align: 'right' },
      ],
      [
        ...interest.rows.map((r) => [r.from, r.to, String(r.days), eur(r.principal), r.rate, eur(r.amount)]),
        [{ text: 'Zinsen insgesamt', colSpan: 2 }, String(totalDays), '', '', eur(interest.total)],
      ],
      { totalRows: new Set([interest.rows.length]) },
    ),
    paragraph('Die Zinsen werden je Abschnitt mit voller Genauigkeit berechnet und nur in der Summe auf den Cent gerundet.', {
      fontSize: 8.5,
    }),
  ];
}

/**
 * Rückforderungsbescheid (instrument BESCHEID) or Zahlungsaufforderung (instrument VERTRAG, no
 * Rechtsbehelfsbelehrung) as PDF bytes.
 */
export async function renderRueckforderungsbescheid(model: RecoveryLetterModel, letterhead: Letterhead, options?: RenderOptions): Promise<Buffer> {
  return renderPdf(recoveryDocument(model, letterhead), options);
}
