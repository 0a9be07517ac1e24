import type { Content } from 'pdfmake/interfaces';
import { Rate } from '@foerderfluss/core';
import { eur, germanDate, percentText, readDate, readMoney, readText } from './format';
import { addressAndInfoBlock, buildDocument, closingBlocks, letterheadBlock, letterInfoRows, paragraph, recipientLines, salutation, subjectBlock, validateLetterhead } from './layout';
import { guidelineText } from './legal-texts';
import type { DecimalString, IsoDate, Letterhead, LetterBase, ProgrammeReference } from './letter-models';
import { LetterModelError } from './letters.errors';
import { renderPdf, RenderOptions } from './pdf-engine';

/** Zuweisungsbescheid of the Land to a Kreis (issue 20): the letterhead is the Land's, the recipient the Kreis. */
export interface StateGrantLetterModel extends LetterBase {
  programme: ProgrammeReference;
  year: number;
  /** H_land. */
  amount: DecimalString;
  /** p_land in percent, e.g. "80". */
  stateRatePercent: string;
  periodStart: IsoDate;
  periodEnd: IsoDate;
  proofDue: IsoDate;
  /** The Kreis in running text: "Landkreis Greiz". */
  districtName: string;
}

/**
 * Zuweisungsbescheid: the Land grants the Kreis up to H_land for the year as Anteilfinanzierung at
 * p_land, for the Bewilligungszeitraum, to be passed on to Träger under the Richtlinie, with the
 * Kreis's Verwendungsnachweis due on the date given (Z_land = min(H_land, p_land × A_kreis), DOMAIN §6).
 * Rechtsbehelfsbelehrung of the Land's authority (the letterhead).
 */
export function stateGrantDocument(model: StateGrantLetterModel, letterhead: Letterhead) {
  validateLetterhead(letterhead);
  const date = readDate(model.letterDate, 'letterDate');
  const amount = readMoney(model.amount, 'amount');
  const start = readDate(model.periodStart, 'periodStart');
  const end = readDate(model.periodEnd, 'periodEnd');
  const due = readDate(model.proofDue, 'proofDue');
  const district = readText(model.districtName, 'districtName');
  if (!Number.isInteger(model.year)) throw new LetterModelError('year', 'das Haushaltsjahr muss eine ganze Zahl sein');
  const rate = Rate.parsePercent(model.stateRatePercent, 'stateRatePercent');
  const reference = readText(model.reference, 'reference');

  const content: Content[] = [
    letterheadBlock(letterhead),
    addressAndInfoBlock(letterhead, recipientLines(model.recipient), letterInfoRows(letterhead, model, date)),
    subjectBlock([
      `Zuweisungsbescheid ${reference}`,
      `Zuweisung von Landesmitteln für das Haushaltsjahr ${model.year} nach der ${guidelineText(model.programme)}`,
    ]),
    salutation(model.salutation),
    paragraph([
      `hiermit weist der ${letterhead.districtName} dem ${district} für das Haushaltsjahr ${model.year} Landesmittel in Höhe von bis zu `,
      { text: eur(amount), bold: true },
      ` (Höchstbetrag) zu. Die Zuwendung wird als Anteilfinanzierung gewährt; der Fördersatz des Landes beträgt ${percentText(rate)} der zuwendungsfähigen Ausgaben.`,
    ]),
    paragraph(`Bewilligungszeitraum: ${germanDate(start)} bis ${germanDate(end)}.`),
    paragraph(
      `Die Mittel sind zur Weiterleitung an Träger nach der ${guidelineText(model.programme)} bestimmt. Sie können bedarfsgerecht abgerufen werden; ` +
        'abgerufene Mittel sind innerhalb von zwei Monaten nach der Auszahlung für fällige Zahlungen zu verwenden.',
    ),
    paragraph([
      'Der Verwendungsnachweis ist bis zum ',
      { text: germanDate(due), bold: true },
      ` vorzulegen. Das Land setzt die Zuwendung danach endgültig fest: höchstens den Höchstbetrag, sonst ${percentText(rate)} der anerkannten zuwendungsfähigen Ausgaben des Kreises. ` +
        'Ausgezahlte Mittel, die die festgesetzte Zuwendung übersteigen, sind zu erstatten.',
    ]),
    ...closingBlocks({ remedy: letterhead, signatory: model.signatory, enclosures: model.enclosures }),
  ];

  return buildDocument(
    {
      letterhead,
      reference,
      footerTitle: `Zuweisungsbescheid vom ${germanDate(date)}`,
      title: `Zuweisungsbescheid ${reference}`,
      subject: `Zuweisungsbescheid ${model.year} – ${district}`,
      date,
      contactFooter: true,
    },
    content,
  );
}

/** Zuweisungsbescheid as PDF bytes. */
export async function renderZuweisungsbescheid(model: StateGrantLetterModel, letterhead: Letterhead, options?: RenderOptions): Promise<Buffer> {
  return renderPdf(stateGrantDocument(model, letterhead), options);
}
