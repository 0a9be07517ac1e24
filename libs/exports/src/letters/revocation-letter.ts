import type { Content } from 'pdfmake/interfaces';
import { eur, germanDate, percentagePointsDative, readCount, readDate, readIsDecision, readMoney, readText } from './format';
import { CONTRACT_RECOVERY_CLAUSE } from './forwarding-contract';
import { quoted } from './grant-terms';
import {
  addressAndInfoBlock,
  amountLine,
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
  shareText,
  subjectBlock,
  validateLetterhead,
} from './layout';
import { guidelineText } from './legal-texts';
import type { Letterhead, RevocationLetterModel } from './letter-models';
import { LetterModelError } from './letters.errors';
import { renderPdf, RenderOptions } from './pdf-engine';
import { readSourceSplit } from './plan-table';

/**
 * Widerruf of a grant (an approved REVOCATION version). BESCHEID: Widerrufsbescheid under § 49
 * Abs. 3 ThürVwVfG, in full or in part, with the new Höchstbetrag, the Erstattung of what was paid
 * beyond it (§ 49a Abs. 1) and its interest (§ 49a Abs. 3), and a Rechtsbehelfsbelehrung: a
 * Widerruf is a Verwaltungsakt. VERTRAG: the same as a Kündigung under the contract's
 * § CONTRACT_RECOVERY_CLAUSE, without one (a contract is not revoked by Verwaltungsakt).
 */
export function revocationDocument(model: RevocationLetterModel, letterhead: Letterhead) {
  validateLetterhead(letterhead);
  const isDecision = readIsDecision(model.instrument);
  const date = readDate(model.letterDate, 'letterDate');
  const original = readDate(model.originalDecisionDate, 'originalDecisionDate');
  const lastAmendment = model.lastAmendmentDate ? readDate(model.lastAmendmentDate, 'lastAmendmentDate') : null;
  const effective = readDate(model.effectiveDate, 'effectiveDate');
  const periodStart = readDate(model.periodStart, 'periodStart');
  const periodEnd = readDate(model.periodEnd, 'periodEnd');
  const previousNo = readCount(model.previousVersionNo, 'previousVersionNo');
  const newNo = readCount(model.newVersionNo, 'newVersionNo');
  if (newNo !== previousNo + 1) throw new LetterModelError('newVersionNo', `muss auf die Fassung ${previousNo} folgen (erwartet ${previousNo + 1})`);
  const title = readText(model.projectTitle, 'projectTitle');
  const previousMax = readMoney(model.previousMaxAmount, 'previousMaxAmount');
  const newMax = readMoney(model.newMaxAmount, 'newMaxAmount');
  if (!newMax.lessThan(previousMax) || newMax.isNegative()) {
    throw new LetterModelError('newMaxAmount', `muss zwischen 0,00 € und dem bisherigen Höchstbetrag (${previousMax.formatEur()}) liegen`);
  }
  const split = readSourceSplit(model.newSourceSplit, newMax, 'newSourceSplit');
  const recovery = readMoney(model.recoveryAmount, 'recoveryAmount');
  if (recovery.isNegative()) throw new LetterModelError('recoveryAmount', 'darf nicht negativ sein');
  if (!Array.isArray(model.reasons) || model.reasons.length === 0) {
    throw new LetterModelError('reasons', 'ein Widerruf braucht eine Begründung');
  }
  const points = percentagePointsDative(model.parameters?.interestSurchargePercentagePoints, 'parameters.interestSurchargePercentagePoints');
  const full = newMax.isZero();
  const clause = `§ ${CONTRACT_RECOVERY_CLAUSE}`;

  /** "Zuwendungsbescheid vom 20.01.2026 in der Fassung des Änderungsbescheides vom 15.05.2026" */
  const basis = isDecision
    ? `Zuwendungsbescheid vom ${germanDate(original)}` + (lastAmendment ? ` in der Fassung des Änderungsbescheides vom ${germanDate(lastAmendment)}` : '')
    : `Weiterleitungsvertrag vom ${germanDate(original)}` + (lastAmendment ? ` in der Fassung der Änderung vom ${germanDate(lastAmendment)}` : '');
  const documentName = isDecision ? (full ? 'Widerrufsbescheid' : 'Teilwiderrufsbescheid') : full ? 'Kündigung' : 'Teilkündigung';

  const tenor: (Inline | Inline[])[] = [
    isDecision
      ? [
          `Der ${basis} (Fassung ${previousNo}) wird nach § 49 Abs. 3 Satz 1 ThürVwVfG mit Wirkung vom `,
          { text: germanDate(effective), bold: true },
          full ? ' an ' : ' an insoweit ',
          { text: full ? 'vollständig widerrufen' : 'widerrufen', bold: true },
          full ? '.' : `, als die Zuwendung den Betrag von ${eur(newMax)} übersteigt (Teilwiderruf).`,
        ]
      : [
          `Der Landkreis kündigt den ${basis} (Fassung ${previousNo}) nach ${clause} Abs. 1 des Vertrages mit Wirkung vom `,
          { text: germanDate(effective), bold: true },
          ' an ',
          { text: full ? 'vollständig' : 'teilweise', bold: true },
          full ? '.' : `, soweit die Zuwendung den Betrag von ${eur(newMax)} übersteigt.`,
        ],
    full
      ? 'Eine Zuwendung wird für das Projekt nicht (mehr) gewährt; weitere Auszahlungen erfolgen nicht.'
      : [`Der Höchstbetrag der Zuwendung beträgt damit `, { text: eur(newMax), bold: true }, ` (bisher ${eur(previousMax)}); weitere Auszahlungen sind nur bis zu diesem Betrag möglich.`],
  ];
  if (recovery.isPositive()) {
    tenor.push(
      isDecision
        ? [
            `Die bereits ausgezahlten Mittel sind, soweit sie ${full ? 'ausgezahlt wurden' : 'den neuen Höchstbetrag übersteigen'}, nach § 49a Abs. 1 ThürVwVfG zu erstatten. Der zu erstattende Betrag wird auf `,
            { text: eur(recovery), bold: true },
            ' festgesetzt.',
          ]
        : [
            `Nach ${clause} Abs. 3 des Vertrages haben Sie die bereits ausgezahlten Mittel, soweit sie ${full ? 'ausgezahlt wurden' : 'den neuen Höchstbetrag übersteigen'}, zu erstatten, das sind `,
            { text: eur(recovery), bold: true },
            '.',
          ],
      isDecision
        ? `Der Erstattungsbetrag ist nach § 49a Abs. 3 ThürVwVfG vom ${germanDate(effective)} an bis zur Erstattung mit ${points} über dem Basiszinssatz nach § 247 BGB jährlich zu verzinsen. Über die Zahlungsfrist und die Höhe der Zinsen ergeht ein gesonderter Bescheid.`
        : `Der Erstattungsbetrag ist nach ${clause} Abs. 3 des Vertrages von der Auszahlung an bis zur Erstattung mit ${points} über dem Basiszinssatz nach § 247 BGB jährlich zu verzinsen. Zahlungsfrist und Zinsen teilen wir Ihnen gesondert mit.`,
    );
  } else {
    tenor.push('Eine Erstattung ist nicht zu leisten: Bisher wurde nicht mehr als der neue Höchstbetrag ausgezahlt.');
  }
  if (!full) tenor.push([{ text: `Im Übrigen gilt der ${basis} mit seinen Nebenbestimmungen unverändert fort.`, bold: true }]);

  const content: Content[] = [
    letterheadBlock(letterhead),
    addressAndInfoBlock(letterhead, recipientLines(model.recipient), letterInfoRows(letterhead, model, date), model.deliveryNote),
    subjectBlock([
      isDecision ? `${documentName} zum Zuwendungsbescheid vom ${germanDate(original)}` : `${documentName} des Weiterleitungsvertrages vom ${germanDate(original)}`,
      `Zuwendung nach der ${guidelineText(model.programme)}`,
      `Projekt ${quoted(title)} (Bewilligungszeitraum ${germanDate(periodStart)} bis ${germanDate(periodEnd)})`,
    ]),
    salutation(model.salutation),
    ...(isDecision
      ? [paragraph('nach Prüfung der Sach- und Rechtslage ergeht folgender'), centeredTitle('Bescheid:'), heading('I. Entscheidung')]
      : [paragraph('nach Prüfung der Sach- und Rechtslage teilen wir Ihnen Folgendes mit:'), heading('I. Kündigung')]),
    numberedList(tenor),
    ...(full
      ? []
      : [
          amountLine(newMax, 'neuer Höchstbetrag'),
          paragraph(`Davon sind ${eur(split.state)} (${shareText(split.state, newMax)}) Landesmittel und ${eur(split.district)} (${shareText(split.district, newMax)}) Kreismittel.`),
        ]),
    heading('II. Übersicht'),
    keyValueBlock([
      [`Höchstbetrag bisher (Fassung ${previousNo})`, eur(previousMax)],
      [`Höchstbetrag neu (Fassung ${newNo})`, { text: eur(newMax), bold: true }],
      [isDecision ? 'Widerruf wirksam ab' : 'Kündigung wirksam ab', germanDate(effective)],
      ['Zu erstatten', { text: eur(recovery), bold: true }],
    ]),
    heading(isDecision ? 'III. Begründung' : 'III. Erläuterung'),
    ...model.reasons.map((r, i) => paragraph(readText(r, `reasons[${i}]`))),
    ...(isDecision
      ? [
          paragraph(
            'Nach § 49 Abs. 3 Satz 1 ThürVwVfG kann ein rechtmäßiger Verwaltungsakt, der eine Geldleistung zur Erfüllung eines ' +
              'bestimmten Zwecks gewährt, ganz oder teilweise auch mit Wirkung für die Vergangenheit widerrufen werden, wenn die ' +
              'Leistung nicht, nicht alsbald nach der Erbringung oder nicht mehr für den bestimmten Zweck verwendet wird (Nr. 1) ' +
              'oder wenn mit dem Verwaltungsakt eine Auflage verbunden ist und der Begünstigte diese nicht oder nicht innerhalb ' +
              'einer ihm gesetzten Frist erfüllt hat (Nr. 2).',
          ),
          paragraph(
            'Die Entscheidung liegt im pflichtgemäßen Ermessen. Nach den haushaltsrechtlichen Grundsätzen der Wirtschaftlichkeit ' +
              'und Sparsamkeit (§ 7 ThürLHO) ist der Widerruf im Regelfall geboten; besondere Umstände, die ein Absehen vom ' +
              `Widerruf rechtfertigen könnten, sind nicht ersichtlich. ${recovery.isPositive() ? 'Soweit der Bescheid widerrufen ist, sind bereits erbrachte Leistungen nach § 49a Abs. 1 ThürVwVfG zu erstatten; der Betrag ist durch schriftlichen Verwaltungsakt festzusetzen.' : ''}`.trim(),
          ),
        ]
      : [
          paragraph(
            `Nach ${clause} Abs. 1 des Weiterleitungsvertrages kann der Landkreis den Vertrag ganz oder teilweise kündigen, wenn die ` +
              'Zuwendung nicht oder nicht mehr zweckentsprechend verwendet wird oder der Zuwendungsempfänger Pflichten aus dem ' +
              `Vertrag nicht erfüllt. Der Anspruch auf Erstattung und Verzinsung folgt aus ${clause} Abs. 3 des Vertrages.`,
          ),
        ]),
    ...closingBlocks({ remedy: isDecision ? letterhead : null, signatory: model.signatory, enclosures: model.enclosures }),
  ];

  return buildDocument(
    {
      letterhead,
      reference: model.reference,
      footerTitle: `${documentName} vom ${germanDate(date)}`,
      title: `${documentName} ${model.reference}`,
      subject: `${documentName} (Fassung ${newNo}) – Projekt ${quoted(title)}`,
      date,
      contactFooter: true,
    },
    content,
  );
}

/** Widerrufsbescheid (BESCHEID, with Rechtsbehelfsbelehrung) or Kündigung (VERTRAG) as PDF bytes. */
export async function renderWiderrufsbescheid(model: RevocationLetterModel, letterhead: Letterhead, options?: RenderOptions): Promise<Buffer> {
  return renderPdf(revocationDocument(model, letterhead), options);
}
