import type { Content } from 'pdfmake/interfaces';
import { changeValueText, eur, germanDate, readCount, readDate, readMoney, readText } from './format';
import { quoted } from './grant-terms';
import {
  addressAndInfoBlock,
  amountLine,
  buildDocument,
  centeredTitle,
  closingBlocks,
  dataTable,
  heading,
  letterheadBlock,
  letterInfoRows,
  paragraph,
  recipientLines,
  salutation,
  shareText,
  subjectBlock,
  validateLetterhead,
} from './layout';
import { guidelineText } from './legal-texts';
import type { AmendmentLetterModel, Letterhead } from './letter-models';
import { LetterModelError } from './letters.errors';
import { renderPdf, RenderOptions } from './pdf-engine';
import { planTables, readPlan, readSourceSplit } from './plan-table';

/**
 * Änderungsbescheid: version n+1 of a Bescheid. What changes from version n (table: bisher / neu),
 * why, the new Höchstbetrag with its source split, the amended plan if the plan changed, and
 * "Im Übrigen gilt der Bescheid vom … fort", with a Rechtsbehelfsbelehrung.
 */
export function amendmentDocument(model: AmendmentLetterModel, letterhead: Letterhead) {
  validateLetterhead(letterhead);
  const date = readDate(model.letterDate, 'letterDate');
  const original = readDate(model.originalDecisionDate, 'originalDecisionDate');
  const lastAmendment = model.lastAmendmentDate ? readDate(model.lastAmendmentDate, 'lastAmendmentDate') : null;
  const request = model.amendmentRequestDate ? readDate(model.amendmentRequestDate, 'amendmentRequestDate') : null;
  const previousNo = readCount(model.previousVersionNo, 'previousVersionNo');
  const newNo = readCount(model.newVersionNo, 'newVersionNo');
  if (newNo !== previousNo + 1) {
    throw new LetterModelError('newVersionNo', `muss auf die Fassung ${previousNo} folgen (erwartet ${previousNo + 1})`);
  }
  const title = readText(model.projectTitle, 'projectTitle');
  const maxAmount = readMoney(model.newMaxAmount, 'newMaxAmount');
  const split = readSourceSplit(model.newSourceSplit, maxAmount, 'newSourceSplit');
  if (!Array.isArray(model.changes) || model.changes.length === 0) {
    throw new LetterModelError('changes', 'ein Änderungsbescheid braucht mindestens eine Änderung');
  }
  if (!Array.isArray(model.reasons) || model.reasons.length === 0) {
    throw new LetterModelError('reasons', 'ein Änderungsbescheid braucht eine Begründung');
  }
  const planFigures = model.amendedPlan ? readPlan(model.amendedPlan, 'amendedPlan') : null;

  /** "Zuwendungsbescheid vom 20.01.2026 in der Fassung des Änderungsbescheides vom 15.05.2026" */
  const decisionInForce =
    `Zuwendungsbescheid vom ${germanDate(original)}` +
    (lastAmendment ? ` in der Fassung des Änderungsbescheides vom ${germanDate(lastAmendment)}` : '');
  const amendmentNo = newNo - 1;

  const content: Content[] = [
    letterheadBlock(letterhead),
    addressAndInfoBlock(
      letterhead,
      recipientLines(model.recipient),
      letterInfoRows(letterhead, model, date, request ? [{ label: 'Ihr Antrag vom', value: germanDate(request) }] : []),
      model.deliveryNote,
    ),
    subjectBlock([
      `Änderungsbescheid (${amendmentNo}. Änderung) zum Zuwendungsbescheid vom ${germanDate(original)}`,
      `Zuwendung nach der ${guidelineText(model.programme)}`,
      `Projekt ${quoted(title)}`,
    ]),
    salutation(model.salutation),
    paragraph(
      request
        ? `auf Ihren Änderungsantrag vom ${germanDate(request)} ergeht folgender`
        : 'von Amts wegen ergeht folgender',
    ),
    centeredTitle('Änderungsbescheid:'),

    heading('I. Änderungen'),
    paragraph(
      `1. Der ${decisionInForce} (Fassung ${previousNo}) wird wie folgt geändert (Fassung ${newNo}):`,
    ),
    dataTable(
      [
        { header: 'Regelung', width: '*' },
        { header: `bisher (Fassung ${previousNo})`, width: 120, align: 'right' },
        { header: `neu (Fassung ${newNo})`, width: 120, align: 'right' },
      ],
      model.changes.map((c, i) => [
        readText(c.subject, `changes[${i}].subject`),
        changeValueText(c.previous, `changes[${i}].previous`),
        { text: changeValueText(c.amended, `changes[${i}].amended`), bold: true },
      ]),
    ),
    paragraph('2. Der Höchstbetrag der Zuwendung beträgt damit'),
    amountLine(maxAmount, 'Höchstbetrag'),
    paragraph(
      `Davon sind ${eur(split.state)} (${shareText(split.state, maxAmount)}) Landesmittel und ` +
        `${eur(split.district)} (${shareText(split.district, maxAmount)}) Kreismittel.`,
    ),
    ...(planFigures && model.amendedPlan
      ? [
          paragraph(
            '3. Der Kosten- und Finanzierungsplan erhält die folgende Fassung; sie tritt an die Stelle des bisherigen Plans ' +
              'und ist hinsichtlich des Gesamtergebnisses verbindlich.',
          ),
          ...planTables(model.amendedPlan, planFigures),
        ]
      : []),
    paragraph([
      { text: `${planFigures ? 4 : 3}. Im Übrigen gilt der ${decisionInForce} mit seinen Nebenbestimmungen unverändert fort.`, bold: true },
    ]),

    heading('II. Begründung'),
    ...model.reasons.map((r, i) => paragraph(readText(r, `reasons[${i}]`))),
    paragraph(
      request
        ? 'Dem Änderungsantrag wird im Rahmen des pflichtgemäßen Ermessens und der verfügbaren Haushaltsmittel entsprochen.'
        : 'Die Änderung ergeht nach pflichtgemäßem Ermessen unter Beachtung der Grundsätze der Wirtschaftlichkeit und Sparsamkeit (§ 7 ThürLHO).',
    ),

    ...closingBlocks({ remedy: letterhead, signatory: model.signatory, enclosures: model.enclosures }),
  ];

  return buildDocument(
    {
      letterhead,
      reference: model.reference,
      footerTitle: `Änderungsbescheid vom ${germanDate(date)}`,
      title: `Änderungsbescheid ${model.reference}`,
      subject: `Änderungsbescheid (Fassung ${newNo}) – Projekt ${quoted(title)}`,
      date,
      contactFooter: true,
    },
    content,
  );
}

/** Änderungsbescheid as PDF bytes. */
export async function renderAenderungsbescheid(model: AmendmentLetterModel, letterhead: Letterhead, options?: RenderOptions): Promise<Buffer> {
  return renderPdf(amendmentDocument(model, letterhead), options);
}
