import type { Content } from 'pdfmake/interfaces';
import { germanDate, readCount, readDate } from './format';
import { financingSentence, grantKeyFigures, quoted, readGrant } from './grant-terms';
import {
  addressAndInfoBlock,
  amountLine,
  buildDocument,
  bulletList,
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
import {
  AUDIT_PARTY_LETTER,
  auditRightText,
  generalConditionTitles,
  guidelineText,
  interestNoticeText,
  legalBasisText,
  NOTIFICATION_DUTY_TEXT,
  paymentRequestText,
  planBindingText,
  proofDeadlineParts,
  retentionText,
} from './legal-texts';
import type { GrantDecisionLetterModel, Letterhead } from './letter-models';
import { renderPdf, RenderOptions } from './pdf-engine';
import { planTables, readPlan } from './plan-table';

/**
 * Zuwendungsbescheid (Weiterleitungsbescheid, instrument BESCHEID): Tenor with Höchstbetrag,
 * Finanzierungsart and Mittelherkunft, the approved plan, Nebenbestimmungen, VN deadlines,
 * Prüfungsrecht, Hinweise, Begründung and Rechtsbehelfsbelehrung.
 */
export function grantDecisionDocument(model: GrantDecisionLetterModel, letterhead: Letterhead) {
  validateLetterhead(letterhead);
  const date = readDate(model.letterDate, 'letterDate');
  const applicationDate = readDate(model.applicationDate, 'applicationDate');
  readCount(model.versionNo, 'versionNo');
  const g = readGrant(model.grant, 'grant');
  const figures = readPlan(model.plan, 'plan');
  const general = generalConditionTitles(model.conditions, 'conditions');
  const special = model.conditions.special ?? [];
  const proofs = proofDeadlineParts(model.deadlines, 'deadlines', 'Bescheides');

  const content: Content[] = [
    letterheadBlock(letterhead),
    addressAndInfoBlock(
      letterhead,
      recipientLines(model.recipient),
      letterInfoRows(letterhead, model, date, [{ label: 'Ihr Antrag vom', value: germanDate(applicationDate) }]),
      model.deliveryNote,
    ),
    subjectBlock([
      'Zuwendungsbescheid (Weiterleitungsbescheid)',
      `Zuwendung nach der ${guidelineText(model.programme)}`,
      `Projekt ${quoted(g.projectTitle)}, Bewilligungszeitraum ${germanDate(g.periodStart)} bis ${germanDate(g.periodEnd)}`,
    ]),
    salutation(model.salutation),
    paragraph(
      `auf Ihren Antrag vom ${germanDate(applicationDate)} und auf der Grundlage ${legalBasisText(model.programme, letterhead.districtName, 'programme')} ` +
        'ergeht folgender',
    ),
    centeredTitle('Bescheid:'),

    heading('I. Bewilligung'),
    paragraph([
      `1. Der ${letterhead.districtName} bewilligt Ihnen für das Projekt `,
      { text: quoted(g.projectTitle), bold: true },
      ` für den Bewilligungszeitraum vom ${germanDate(g.periodStart)} bis ${germanDate(g.periodEnd)} eine Zuwendung ` +
        `zur Projektförderung für ${g.purpose} in Höhe von bis zu`,
    ]),
    amountLine(g.maxAmount, 'Höchstbetrag'),
    paragraph(['2. ', ...financingSentence(g)]),
    paragraph(
      '3. Die Zuwendung wird aus Mitteln des Landes Thüringen und aus Kreismitteln finanziert (Mittelherkunft). ' +
        'Die Zuwendung im Einzelnen:',
    ),
    grantKeyFigures(g, figures),
    heading('4. Kosten- und Finanzierungsplan', 2),
    paragraph(`Der folgende Kosten- und Finanzierungsplan ist Bestandteil dieses Bescheides. ${planBindingText(model.parameters, 'parameters')}`),
    ...planTables(model.plan, figures),

    heading('II. Nebenbestimmungen'),
    paragraph(`1. Bestandteil dieses Bescheides sind ${general.inText}, soweit im Folgenden nichts Abweichendes bestimmt ist.`),
    ...(special.length > 0
      ? [paragraph('2. Besondere Nebenbestimmungen:'), numberedList(special)]
      : [paragraph('2. Besondere Nebenbestimmungen werden nicht erteilt.')]),
    heading('3. Verwendungsnachweis', 2),
    paragraph(proofs.deadline),
    ...(proofs.interim ? [paragraph(proofs.interim.intro), numberedList(proofs.interim.items)] : []),
    heading('4. Prüfungsrecht', 2),
    paragraph(auditRightText(letterhead, model.programme, AUDIT_PARTY_LETTER)),

    heading('III. Hinweise'),
    bulletList([
      paymentRequestText(model.parameters, 'parameters'),
      interestNoticeText(model.parameters, 'parameters'),
      retentionText(model.parameters, 'parameters'),
      NOTIFICATION_DUTY_TEXT,
      'Bei Verstößen gegen diesen Bescheid oder seine Nebenbestimmungen kann der Bescheid nach §§ 48, 49 ThürVwVfG ' +
        'ganz oder teilweise, auch mit Wirkung für die Vergangenheit, zurückgenommen oder widerrufen und die ' +
        'Zuwendung nach § 49a ThürVwVfG zurückgefordert werden.',
    ]),

    heading('IV. Begründung'),
    paragraph(
      `Sie haben mit Antrag vom ${germanDate(applicationDate)} eine Zuwendung für das Projekt ${quoted(g.projectTitle)} beantragt. ` +
        `Das Vorhaben entspricht dem Zweck der ${guidelineText(model.programme)}; die Zuwendungsvoraussetzungen ` +
        'sind erfüllt. Die Zuwendung wird als freiwillige Leistung ohne Rechtsanspruch nach pflichtgemäßem Ermessen ' +
        'im Rahmen der verfügbaren Haushaltsmittel gewährt. Die Nebenbestimmungen beruhen auf § 36 Abs. 2 ThürVwVfG ' +
        'und stellen die zweckentsprechende, wirtschaftliche und sparsame Verwendung der Mittel sicher.',
    ),
    ...(model.justification ?? []).map((p) => paragraph(p)),

    ...closingBlocks({ remedy: letterhead, signatory: model.signatory, enclosures: model.enclosures ?? general.titles }),
  ];

  return buildDocument(
    {
      letterhead,
      reference: model.reference,
      footerTitle: `Zuwendungsbescheid vom ${germanDate(date)}`,
      title: `Zuwendungsbescheid ${model.reference}`,
      subject: `Zuwendungsbescheid (Fassung ${model.versionNo}) – Projekt ${quoted(g.projectTitle)}`,
      date,
      contactFooter: true,
    },
    content,
  );
}

/** Zuwendungsbescheid as PDF bytes. */
export async function renderZuwendungsbescheid(model: GrantDecisionLetterModel, letterhead: Letterhead, options?: RenderOptions): Promise<Buffer> {
  return renderPdf(grantDecisionDocument(model, letterhead), options);
}
