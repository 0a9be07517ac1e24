import type { Content } from 'pdfmake/interfaces';
import { eur, germanDate, readDate, readMoney, readText } from './format';
import { quoted } from './grant-terms';
import {
  addressAndInfoBlock,
  buildDocument,
  centeredTitle,
  closingBlocks,
  heading,
  letterheadBlock,
  letterInfoRows,
  numberedList,
  paragraph,
  recipientLines,
  salutation,
  subjectBlock,
  validateLetterhead,
} from './layout';
import { guidelineText } from './legal-texts';
import type { Letterhead, RejectionLetterModel } from './letter-models';
import { LetterModelError } from './letters.errors';
import { renderPdf, RenderOptions } from './pdf-engine';

/** Ablehnungsbescheid: Tenor, reasons, no legal claim, Rechtsbehelfsbelehrung. */
export function rejectionDocument(model: RejectionLetterModel, letterhead: Letterhead) {
  validateLetterhead(letterhead);
  const date = readDate(model.letterDate, 'letterDate');
  const applicationDate = readDate(model.applicationDate, 'applicationDate');
  const title = readText(model.projectTitle, 'projectTitle');
  const requested = readMoney(model.requestedAmount, 'requestedAmount');
  const period =
    model.periodStart && model.periodEnd
      ? ` für den Zeitraum vom ${germanDate(readDate(model.periodStart, 'periodStart'))} bis ${germanDate(readDate(model.periodEnd, 'periodEnd'))}`
      : '';
  if (!Array.isArray(model.reasons) || model.reasons.length === 0) {
    throw new LetterModelError('reasons', 'eine Ablehnung braucht mindestens einen Grund');
  }

  const content: Content[] = [
    letterheadBlock(letterhead),
    addressAndInfoBlock(
      letterhead,
      recipientLines(model.recipient),
      letterInfoRows(letterhead, model, date, [{ label: 'Ihr Antrag vom', value: germanDate(applicationDate) }]),
      model.deliveryNote,
    ),
    subjectBlock([
      'Ablehnungsbescheid',
      `Ihr Antrag vom ${germanDate(applicationDate)} auf Gewährung einer Zuwendung nach der ${guidelineText(model.programme)}`,
      `Projekt ${quoted(title)}`,
    ]),
    salutation(model.salutation),
    paragraph(`auf Ihren Antrag vom ${germanDate(applicationDate)} ergeht folgender`),
    centeredTitle('Bescheid:'),
    heading('I. Entscheidung'),
    paragraph([
      `Ihr Antrag vom ${germanDate(applicationDate)} auf Gewährung einer Zuwendung in Höhe von `,
      { text: eur(requested), bold: true },
      ` für das Projekt ${quoted(title)}${period} wird `,
      { text: 'abgelehnt', bold: true },
      '.',
    ]),
    heading('II. Begründung'),
    paragraph(
      `Sie haben mit Antrag vom ${germanDate(applicationDate)} eine Zuwendung nach der ${guidelineText(model.programme)} ` +
        `in Höhe von ${eur(requested)} beantragt. Dem Antrag kann aus folgenden Gründen nicht entsprochen werden:`,
    ),
    numberedList(model.reasons.map((r, i) => readText(r, `reasons[${i}]`))),
    paragraph(
      'Ein Rechtsanspruch auf die Gewährung einer Zuwendung besteht nicht. Die Zuwendung ist eine freiwillige Leistung; ' +
        `der ${letterhead.districtName} entscheidet über Anträge nach pflichtgemäßem Ermessen im Rahmen der verfügbaren ` +
        'Haushaltsmittel (§§ 23 und 44 ThürLHO). Nach Abwägung aller Umstände war der Antrag daher abzulehnen.',
    ),
    ...closingBlocks({ remedy: letterhead, signatory: model.signatory, enclosures: model.enclosures }),
  ];

  return buildDocument(
    {
      letterhead,
      reference: model.reference,
      footerTitle: `Ablehnungsbescheid vom ${germanDate(date)}`,
      title: `Ablehnungsbescheid ${model.reference}`,
      subject: `Ablehnungsbescheid – Projekt ${quoted(title)}`,
      date,
      contactFooter: true,
    },
    content,
  );
}

/** Ablehnungsbescheid as PDF bytes. */
export async function renderAblehnungsbescheid(model: RejectionLetterModel, letterhead: Letterhead, options?: RenderOptions): Promise<Buffer> {
  return renderPdf(rejectionDocument(model, letterhead), options);
}
