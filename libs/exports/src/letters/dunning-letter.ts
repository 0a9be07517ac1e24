import type { Content } from 'pdfmake/interfaces';
import { eur, germanDate, percentagePointsDative, readDate, readIsDecision, readMoney, readText } from './format';
import { CONTRACT_RECOVERY_CLAUSE } from './forwarding-contract';
import { quoted } from './grant-terms';
import {
  addressAndInfoBlock,
  buildDocument,
  closingBlocks,
  heading,
  Inline,
  keyValueBlock,
  letterheadBlock,
  letterInfoRows,
  paragraph,
  paymentDetailsBlock,
  recipientLines,
  salutation,
  subjectBlock,
  validateLetterhead,
} from './layout';
import type { DunningLetterModel, Letterhead } from './letter-models';
import { LetterModelError } from './letters.errors';
import { renderPdf, RenderOptions } from './pdf-engine';

/**
 * Mahnung of an overdue Rückforderung (Mahnwesen, issue 16 item 4). The 1st reminds of the claim;
 * the 2nd announces enforcement (ThürVwZVG for a Rückforderungsbescheid, the courts for a contract
 * claim). Each states the Aktenzeichen, the claim, the § 49a (3) interest up to its date, a new
 * Zahlungsfrist and the account of the Kreiskasse. A Mahnung is no Verwaltungsakt: no
 * Rechtsbehelfsbelehrung. The renderer checks the sums it prints.
 */
export function dunningDocument(model: DunningLetterModel, letterhead: Letterhead) {
  validateLetterhead(letterhead);
  if (model.level !== 1 && model.level !== 2) throw new LetterModelError('level', `muss 1 oder 2 sein, nicht ${JSON.stringify(model.level)}`);
  const isDecision = readIsDecision(model.instrument);
  const second = model.level === 2;
  const date = readDate(model.letterDate, 'letterDate');
  const recoveryDate = readDate(model.recoveryLetterDate, 'recoveryLetterDate');
  const recoveryDue = readDate(model.recoveryDueDate, 'recoveryDueDate');
  const deadline = readDate(model.paymentDeadline, 'paymentDeadline');
  if (deadline.isBefore(date)) throw new LetterModelError('paymentDeadline', 'darf nicht vor dem Datum der Mahnung liegen');
  const interestUntil = readDate(model.interestUntil, 'interestUntil');
  const firstDate = second ? readDate(model.firstDunningDate, 'firstDunningDate') : null;
  const firstDeadline = second ? readDate(model.firstDunningDeadline, 'firstDunningDeadline') : null;
  const recoveryReference = readText(model.recoveryReference, 'recoveryReference');
  const title = readText(model.projectTitle, 'projectTitle');
  const principal = readMoney(model.principal, 'principal');
  const repaid = readMoney(model.repaidPrincipal, 'repaidPrincipal');
  const outstanding = readMoney(model.outstandingPrincipal, 'outstandingPrincipal');
  if (!outstanding.equals(principal.minus(repaid))) throw new LetterModelError('outstandingPrincipal', `muss Forderung − getilgt = ${principal.minus(repaid).formatEur()} sein`);
  const interest = readMoney(model.interest, 'interest');
  const interestPaid = readMoney(model.interestPaid, 'interestPaid');
  const interestOutstanding = readMoney(model.interestOutstanding, 'interestOutstanding');
  if (!interestOutstanding.equals(interest.minus(interestPaid).atLeastZero())) {
    throw new LetterModelError('interestOutstanding', `muss Zinsen − gezahlte Zinsen = ${interest.minus(interestPaid).atLeastZero().formatEur()} sein`);
  }
  const total = readMoney(model.totalDue, 'totalDue');
  if (!total.equals(outstanding.plus(interestOutstanding))) throw new LetterModelError('totalDue', `muss offene Forderung + offene Zinsen = ${outstanding.plus(interestOutstanding).formatEur()} sein`);
  if (!total.isPositive()) throw new LetterModelError('totalDue', 'es ist nichts offen');
  const points = percentagePointsDative(model.parameters?.interestSurchargePercentagePoints, 'parameters.interestSurchargePercentagePoints');
  const account = letterhead.bankAccounts[0]!;
  const source = isDecision ? `Rückforderungsbescheid vom ${germanDate(recoveryDate)}` : `Zahlungsaufforderung vom ${germanDate(recoveryDate)}`;
  const documentName = second ? '2. Mahnung' : '1. Mahnung';

  const opening: Inline[] = [
    `mit ${isDecision ? 'unserem' : 'unserer'} ${source} haben wir einen Betrag von ${eur(principal)} zurückgefordert und Sie gebeten, ihn bis zum `,
    { text: germanDate(recoveryDue), bold: true },
    ' zu zahlen.',
    second && firstDate && firstDeadline
      ? ` Mit unserer Mahnung vom ${germanDate(firstDate)} haben wir Ihnen eine weitere Frist bis zum ${germanDate(firstDeadline)} gesetzt.`
      : '',
    ` Bis heute ist die Forderung ${repaid.isPositive() || interestPaid.isPositive() ? 'nicht vollständig' : 'nicht'} bei uns eingegangen.`,
  ];

  const figures: [string, Inline | Inline[]][] = [
    ['Aktenzeichen / Verwendungszweck', { text: model.reference, bold: true }],
    ['Rückforderung', recoveryReference],
    ['Forderung (Rückforderungsbetrag)', eur(principal)],
    ...(repaid.isPositive() ? ([['bereits getilgt', `– ${eur(repaid)}`]] as [string, string][]) : []),
    ['Offene Hauptforderung', eur(outstanding)],
    [`Zinsen nach § 49a Abs. 3 ThürVwVfG bis ${germanDate(interestUntil)}`, eur(interest)],
    ...(interestPaid.isPositive() ? ([['davon bereits gezahlt', `– ${eur(interestPaid)}`]] as [string, string][]) : []),
    ['Offene Zinsen', eur(interestOutstanding)],
    ['Zu zahlen insgesamt', { text: eur(total), bold: true }],
  ];

  const content: Content[] = [
    letterheadBlock(letterhead),
    addressAndInfoBlock(
      letterhead,
      recipientLines(model.recipient),
      letterInfoRows(letterhead, model, date, [{ label: isDecision ? 'Bescheid vom' : 'Aufforderung vom', value: germanDate(recoveryDate) }]),
      model.deliveryNote,
    ),
    subjectBlock([
      second ? `${documentName} – Ankündigung der Vollstreckung` : documentName,
      `Rückforderung ${recoveryReference} aus ${isDecision ? 'dem' : 'der'} ${source}`,
      `Projekt ${quoted(title)}`,
    ]),
    salutation(model.salutation),
    paragraph(opening),
    paragraph(
      second
        ? `Wir mahnen Sie hiermit ein zweites Mal und fordern Sie letztmalig auf, den offenen Betrag von ${eur(total)} bis zum ${germanDate(deadline)} zu zahlen.`
        : `Wir bitten Sie, den offenen Betrag von ${eur(total)} bis zum ${germanDate(deadline)} zu zahlen.`,
    ),
    heading('Offene Forderung'),
    keyValueBlock(figures),
    paragraph(
      `Die Zinsen betragen ${points} über dem Basiszinssatz nach § 247 BGB jährlich (${isDecision ? '§ 49a Abs. 3 ThürVwVfG' : `§ ${CONTRACT_RECOVERY_CLAUSE} Abs. 3 des Weiterleitungsvertrages`}). ` +
        `Sie sind bis zum ${germanDate(interestUntil)} berechnet und laufen bis zum Tag des Zahlungseingangs weiter; die weiteren Zinsen werden gesondert geltend gemacht.`,
      { fontSize: 9 },
    ),
    // The payment instruction stays on one page with its heading.
    {
      stack: [
        heading('Zahlungshinweise'),
        paragraph('Bitte überweisen Sie den Betrag auf das folgende Konto der Kreiskasse und geben Sie als Verwendungszweck unbedingt das Aktenzeichen an:'),
        paymentDetailsBlock(letterhead, account, total, model.reference, deadline),
      ],
      unbreakable: true,
    },
    ...(second
      ? [
          heading('Hinweis auf die Vollstreckung'),
          paragraph(
            isDecision
              ? `Geht der Betrag nicht bis zum ${germanDate(deadline)} ein, wird die Forderung aus dem bestandskräftigen oder vollziehbaren ${source} ohne weitere Ankündigung im Verwaltungsvollstreckungsverfahren nach dem Thüringer Verwaltungszustellungs- und Vollstreckungsgesetz (ThürVwZVG) beigetrieben. Die Kosten der Vollstreckung haben Sie zu tragen.`
              : `Geht der Betrag nicht bis zum ${germanDate(deadline)} ein, wird der ${letterhead.districtName} den Anspruch aus § ${CONTRACT_RECOVERY_CLAUSE} Abs. 3 des Weiterleitungsvertrages ohne weitere Ankündigung gerichtlich geltend machen. Die Kosten des Verfahrens haben Sie zu tragen.`,
          ),
        ]
      : []),
    paragraph('Sollten Sie den Betrag inzwischen gezahlt haben, betrachten Sie dieses Schreiben bitte als gegenstandslos.'),
    ...closingBlocks({ remedy: null, signatory: model.signatory, enclosures: model.enclosures }),
  ];

  return buildDocument(
    {
      letterhead,
      reference: model.reference,
      footerTitle: `${documentName} vom ${germanDate(date)}`,
      title: `${documentName} ${recoveryReference}`,
      subject: `${documentName} – Rückforderung ${recoveryReference}`,
      date,
      contactFooter: true,
    },
    content,
  );
}

/** Mahnung (1st or 2nd) as PDF bytes. */
export async function renderMahnung(model: DunningLetterModel, letterhead: Letterhead, options?: RenderOptions): Promise<Buffer> {
  return renderPdf(dunningDocument(model, letterhead), options);
}
