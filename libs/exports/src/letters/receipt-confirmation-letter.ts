import type { Content } from 'pdfmake/interfaces';
import { eur, germanDate, readDate, readMoney, readText } from './format';
import { quoted } from './grant-terms';
import { addressAndInfoBlock, buildDocument, closingBlocks, letterheadBlock, letterInfoRows, paragraph, recipientLines, salutation, subjectBlock, validateLetterhead } from './layout';
import { guidelineText } from './legal-texts';
import type { Letterhead, ReceiptConfirmationModel } from './letter-models';
import { LetterModelError } from './letters.errors';
import { renderPdf, RenderOptions } from './pdf-engine';

/**
 * Eingangsbestätigung (issue 14 item 4): the Antrag (or its revised version) arrived on this day.
 * No decision, no Rechtsbehelfsbelehrung: it confirms receipt and says that it is not a Bewilligung
 * and that the project may not begin before one without consent.
 */
export function receiptConfirmationDocument(model: ReceiptConfirmationModel, letterhead: Letterhead) {
  validateLetterhead(letterhead);
  const date = readDate(model.letterDate, 'letterDate');
  const received = readDate(model.receivedOn, 'receivedOn');
  const title = readText(model.projectTitle, 'projectTitle');
  const reference = readText(model.applicationReference, 'applicationReference');
  const requested = readMoney(model.requestedAmount, 'requestedAmount');
  const start = readDate(model.periodStart, 'periodStart');
  const end = readDate(model.periodEnd, 'periodEnd');
  if (!Number.isInteger(model.versionNo) || model.versionNo < 1) throw new LetterModelError('versionNo', 'die Fassung muss eine positive ganze Zahl sein');
  const revised = model.versionNo > 1;

  const content: Content[] = [
    letterheadBlock(letterhead),
    addressAndInfoBlock(letterhead, recipientLines(model.recipient), letterInfoRows(letterhead, model, date, [{ label: 'Ihr Antrag vom', value: germanDate(received) }])),
    subjectBlock([
      'Eingangsbestätigung',
      `${revised ? `Überarbeiteter Antrag (Fassung ${model.versionNo})` : 'Antrag'} ${reference} auf Gewährung einer Zuwendung nach der ${guidelineText(model.programme)}`,
      `Projekt ${quoted(title)}`,
    ]),
    salutation(model.salutation),
    paragraph([
      `hiermit bestätigen wir, dass Ihr ${revised ? `überarbeiteter Antrag (Fassung ${model.versionNo})` : 'Antrag'} zum Projektaufruf ${quoted(readText(model.callTitle, 'callTitle'))} am `,
      { text: germanDate(received), bold: true },
      ` bei uns eingegangen ist. Er wird unter der Antragsnummer `,
      { text: reference, bold: true },
      ' geführt; bitte geben Sie diese bei Rückfragen an.',
    ]),
    paragraph(
      `Beantragt ist eine Zuwendung in Höhe von ${eur(requested)} für das Projekt ${quoted(title)} im Zeitraum vom ${germanDate(start)} bis ${germanDate(end)}.`,
    ),
    paragraph(
      'Wir prüfen Ihren Antrag und teilen Ihnen das Ergebnis mit. Benötigen wir weitere Angaben oder Unterlagen, melden wir uns bei Ihnen. ' +
        'Den Stand des Verfahrens können Sie jederzeit in Förderfluss einsehen.',
    ),
    paragraph([
      { text: 'Bitte beachten Sie: ', bold: true },
      'Diese Bestätigung ist keine Bewilligung, und aus ihr ergibt sich kein Anspruch auf eine Zuwendung. ' +
        'Mit dem Projekt darf vor der Bewilligung nur begonnen werden, wenn einem vorzeitigen Vorhabenbeginn schriftlich zugestimmt wurde; ' +
        'ein vorher begonnenes Projekt kann in der Regel nicht gefördert werden.',
    ]),
    ...closingBlocks({ remedy: null, signatory: model.signatory, enclosures: model.enclosures }),
  ];

  return buildDocument(
    {
      letterhead,
      reference: model.reference,
      footerTitle: `Eingangsbestätigung vom ${germanDate(date)}`,
      title: `Eingangsbestätigung ${reference}`,
      subject: `Eingangsbestätigung – Projekt ${quoted(title)}`,
      date,
      contactFooter: true,
    },
    content,
  );
}

/** Eingangsbestätigung as PDF bytes. */
export async function renderEingangsbestaetigung(model: ReceiptConfirmationModel, letterhead: Letterhead, options?: RenderOptions): Promise<Buffer> {
  return renderPdf(receiptConfirmationDocument(model, letterhead), options);
}
