import type { Content } from 'pdfmake/interfaces';
import { eur, germanDate, readDate, readIsDecision, readMoney, readText } from './format';
import { CONTRACT_RECOVERY_CLAUSE } from './forwarding-contract';
import { quoted } from './grant-terms';
import {
  addressAndInfoBlock,
  buildDocument,
  centeredTitle,
  closingBlocks,
  heading,
  Inline,
  keyValueBlock,
  letterheadBlock,
  letterInfoRows,
  numberedList,
  paragraph,
  recipientLines,
  salutation,
  subjectBlock,
  validateLetterhead,
} from './layout';
import type { Letterhead, SettlementLetterModel } from './letter-models';
import { LetterModelError } from './letters.errors';
import { renderPdf, RenderOptions } from './pdf-engine';

/**
 * Festsetzung of the final grant after the Verwendungsnachweis when nothing is to be recovered.
 * BESCHEID: Festsetzungsbescheid with Rechtsbehelfsbelehrung; VERTRAG: Mitteilung of the
 * Festsetzung under the contract (no Verwaltungsakt, none). With a Rückforderung the
 * Rückforderungsbescheid is the letter of the Festsetzung.
 */
export function settlementDocument(model: SettlementLetterModel, letterhead: Letterhead) {
  validateLetterhead(letterhead);
  const isDecision = readIsDecision(model.instrument);
  const date = readDate(model.letterDate, 'letterDate');
  const decisionDate = readDate(model.decisionDate, 'decisionDate');
  const lastAmendment = model.lastAmendmentDate ? readDate(model.lastAmendmentDate, 'lastAmendmentDate') : null;
  const proofReceived = readDate(model.proofReceivedDate, 'proofReceivedDate');
  const periodStart = readDate(model.periodStart, 'periodStart');
  const periodEnd = readDate(model.periodEnd, 'periodEnd');
  const title = readText(model.projectTitle, 'projectTitle');
  const maxAmount = readMoney(model.maxAmount, 'maxAmount');
  const recognised = readMoney(model.recognisedCosts, 'recognisedCosts');
  const finalGrant = readMoney(model.finalGrant, 'finalGrant');
  const paid = readMoney(model.paidAmount, 'paidAmount');
  if (finalGrant.greaterThan(maxAmount)) throw new LetterModelError('finalGrant', 'darf den Höchstbetrag nicht übersteigen');
  if (paid.greaterThan(finalGrant)) throw new LetterModelError('paidAmount', 'übersteigt die festgesetzte Zuwendung: dann ist ein Rückforderungsbescheid zu schreiben');
  if (!Array.isArray(model.reasons) || model.reasons.length === 0) throw new LetterModelError('reasons', 'die Festsetzung braucht eine Begründung');

  const basis = isDecision
    ? `Zuwendungsbescheid vom ${germanDate(decisionDate)}` + (lastAmendment ? ` in der Fassung des Änderungsbescheides vom ${germanDate(lastAmendment)}` : '')
    : `Weiterleitungsvertrag vom ${germanDate(decisionDate)}` + (lastAmendment ? ` in der Fassung der Änderung vom ${germanDate(lastAmendment)}` : '');
  const documentName = isDecision ? 'Festsetzungsbescheid' : 'Mitteilung der Festsetzung';

  const tenor: (Inline | Inline[])[] = [
    [
      `Die Zuwendung für das Projekt ${quoted(title)} (Bewilligungszeitraum ${germanDate(periodStart)} bis ${germanDate(periodEnd)}) wird `,
      isDecision ? '' : `nach § ${CONTRACT_RECOVERY_CLAUSE} Abs. 2 des Weiterleitungsvertrages `,
      'auf ',
      { text: eur(finalGrant), bold: true },
      ' festgesetzt.',
    ],
    `Ausgezahlt wurden ${eur(paid)}. Ein Erstattungsbetrag ergibt sich nicht.`,
    `Mit der Festsetzung ist das Verfahren zur Prüfung der Verwendung abgeschlossen; das Prüfungsrecht des Landkreises, des Landes und des Thüringer Rechnungshofes bleibt unberührt.`,
  ];

  const content: Content[] = [
    letterheadBlock(letterhead),
    addressAndInfoBlock(letterhead, recipientLines(model.recipient), letterInfoRows(letterhead, model, date, [{ label: 'Ihr Nachweis vom', value: germanDate(proofReceived) }]), model.deliveryNote),
    subjectBlock([
      isDecision ? 'Festsetzung der Zuwendung (Festsetzungsbescheid)' : 'Festsetzung der Zuwendung nach dem Weiterleitungsvertrag',
      `${basis}, Projekt ${quoted(title)}`,
      `Ihr Verwendungsnachweis vom ${germanDate(proofReceived)}`,
    ]),
    salutation(model.salutation),
    paragraph(`nach Prüfung des von Ihnen am ${germanDate(proofReceived)} vorgelegten Verwendungsnachweises ${isDecision ? 'ergeht folgender' : 'teilen wir Ihnen Folgendes mit:'}`),
    ...(isDecision ? [centeredTitle('Bescheid:'), heading('I. Entscheidung')] : [heading('I. Festsetzung')]),
    numberedList(tenor),
    heading('II. Berechnung'),
    keyValueBlock([
      ['Höchstbetrag der Zuwendung', eur(maxAmount)],
      ['Anerkannte zuwendungsfähige Ausgaben', eur(recognised)],
      ['Festgesetzte Zuwendung', { text: eur(finalGrant), bold: true }],
      ['Bereits ausgezahlt', eur(paid)],
    ]),
    heading(isDecision ? 'III. Begründung' : 'III. Erläuterung'),
    numberedList(model.reasons.map((r, i) => readText(r, `reasons[${i}]`))),
    paragraph(
      isDecision
        ? 'Die Zuwendung ist nach Nr. 2 ANBest-P nach Maßgabe der Finanzierungsart auf die nachgewiesenen zuwendungsfähigen Ausgaben festzusetzen. ' +
            'Da nicht mehr ausgezahlt wurde als die festgesetzte Zuwendung, ist nichts zu erstatten.'
        : `Der Landkreis setzt die Zuwendung nach § ${CONTRACT_RECOVERY_CLAUSE} Abs. 2 des Weiterleitungsvertrages nach Prüfung des Verwendungsnachweises fest. Da nicht mehr ausgezahlt wurde als die festgesetzte Zuwendung, ist nichts zu erstatten.`,
    ),
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

/** Festsetzungsbescheid (BESCHEID, with Rechtsbehelfsbelehrung) or Mitteilung der Festsetzung (VERTRAG) as PDF bytes. */
export async function renderFestsetzungsbescheid(model: SettlementLetterModel, letterhead: Letterhead, options?: RenderOptions): Promise<Buffer> {
  return renderPdf(settlementDocument(model, letterhead), options);
}
