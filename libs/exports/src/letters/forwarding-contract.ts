import type { Content } from 'pdfmake/interfaces';
import { germanDate, monthsDative, percentagePointsDative, readCount, readDate, readText } from './format';
import { financingSentence, grantKeyFigures, quoted, readGrant } from './grant-terms';
import {
  buildDocument,
  COLOR,
  Inline,
  keyValueBlock,
  letterheadBlock,
  numberedList,
  paragraph,
  placeOf,
  validateLetterhead,
} from './layout';
import {
  AUDIT_PARTY_CONTRACT,
  auditRightText,
  generalConditionTitles,
  guidelineText,
  legalBasisText,
  NOTIFICATION_DUTY_TEXT,
  paymentRequestText,
  planBindingText,
  proofDeadlineParts,
  retentionText,
} from './legal-texts';
import type { ContractSignature, ForwardingContractModel, Letterhead } from './letter-models';
import { LetterModelError } from './letters.errors';
import { renderPdf, RenderOptions } from './pdf-engine';
import { planTables, readPlan } from './plan-table';

/**
 * The § of the Weiterleitungsvertrag on Erstattung and Verzinsung; the Zahlungsaufforderung
 * (recovery under a Vertrag) cites it.
 */
export const CONTRACT_RECOVERY_CLAUSE = 8;

export type ClauseItem = Inline | Inline[] | { content: Content };

/** "§ 3 Kosten- und Finanzierungsplan" with its paragraphs numbered "(1)", "(2)", …; tables in between are not numbered. */
export function clause(no: number, title: string, items: ClauseItem[]): Content[] {
  const isContent = (item: ClauseItem): item is { content: Content } => typeof item === 'object' && !Array.isArray(item) && 'content' in item;
  // A clause with a single paragraph is not numbered.
  const numbered = items.filter((item) => !isContent(item)).length > 1;
  let n = 0;
  const body = items.map((item) => {
    if (isContent(item)) return item.content;
    n++;
    const parts = Array.isArray(item) ? item : [item];
    return paragraph(numbered ? [`(${n}) `, ...parts] : parts);
  });
  return [{ text: `§ ${no} ${title}`, bold: true, fontSize: 10.5, alignment: 'center', margin: [0, 10, 0, 4], headlineLevel: 1 }, ...body];
}

export function signatureColumn(heading: string, signature: ContractSignature, placeDefault: string | null): Content {
  const place = signature.place ?? placeDefault;
  return {
    stack: [
      { text: `${place ?? '……………………'}, den ……………………` },
      { text: ' ', margin: [0, 0, 0, 26] },
      { canvas: [{ type: 'line', x1: 0, y1: 0, x2: 190, y2: 0, lineWidth: 0.5, lineColor: COLOR.rule }] },
      { text: heading, bold: true, margin: [0, 2, 0, 0] },
      ...(signature.name ? [{ text: signature.name }] : []),
      ...(signature.title ? [{ text: signature.title, color: COLOR.muted }] : []),
    ],
  };
}

/** Weiterleitungsvertrag (instrument VERTRAG): §§ 1–9 and two signature blocks; no Rechtsbehelfsbelehrung. */
export function forwardingContractDocument(model: ForwardingContractModel, letterhead: Letterhead) {
  validateLetterhead(letterhead);
  const date = readDate(model.documentDate, 'documentDate');
  const applicationDate = readDate(model.applicationDate, 'applicationDate');
  readCount(model.versionNo, 'versionNo');
  const g = readGrant(model.grant, 'grant');
  const figures = readPlan(model.plan, 'plan');
  const general = generalConditionTitles(model.conditions, 'conditions');
  const special = model.conditions.special ?? [];
  const proofs = proofDeadlineParts(model.deadlines, 'deadlines', 'Vertrages');
  const provider = model.provider;
  if (!provider?.name?.trim()) throw new LetterModelError('provider.name', 'darf nicht leer sein');
  const representedBy = readText(model.providerRepresentedBy, 'providerRepresentedBy');
  const points = percentagePointsDative(model.parameters?.interestSurchargePercentagePoints, 'parameters.interestSurchargePercentagePoints');
  const months = model.parameters.paymentRequestHorizonMonths;
  const a = letterhead.address;
  const p = provider.address;

  const content: Content[] = [
    letterheadBlock(letterhead),
    { text: 'Weiterleitungsvertrag', fontSize: 16, bold: true, alignment: 'center', margin: [0, 4, 0, 4] },
    {
      text: `über die Weiterleitung einer Zuwendung nach der ${guidelineText(model.programme)}`,
      alignment: 'center',
      margin: [30, 0, 30, 10],
    },
    keyValueBlock([
      ['Aktenzeichen', { text: model.reference, bold: true }],
      ['Projekt', quoted(g.projectTitle)],
      ['Ansprechpartner/in im Landratsamt', `${model.officer.name}, Telefon ${model.officer.phone}, E-Mail ${model.officer.email ?? letterhead.email}`],
    ]),
    { text: 'Zwischen', margin: [0, 6, 0, 4] },
    {
      stack: [
        { text: `dem ${letterhead.districtName}`, bold: true },
        `${a.street}, ${a.postalCode} ${a.city},`,
        `vertreten durch ${letterhead.representedBy ?? 'den Landrat'},`,
        { text: '– nachfolgend „Landkreis“ genannt –', italics: true },
      ],
      margin: [20, 0, 0, 6],
    },
    { text: 'und', margin: [0, 0, 0, 4] },
    {
      stack: [
        { text: provider.name, bold: true },
        ...(provider.additionalLines ?? []),
        `${p.street}, ${p.postalCode} ${p.city},`,
        `vertreten durch ${representedBy},`,
        { text: '– nachfolgend „Zuwendungsempfänger“ genannt –', italics: true },
      ],
      margin: [20, 0, 0, 8],
    },
    { text: 'Präambel', bold: true, alignment: 'center', margin: [0, 6, 0, 4] },
    paragraph(
      `Der Landkreis leitet auf der Grundlage ${legalBasisText(model.programme, letterhead.districtName, 'programme')} ` +
        'Zuwendungen des Landes Thüringen zusammen mit eigenen Mitteln an freie Träger weiter. Der Zuwendungsempfänger ' +
        `hat mit Antrag vom ${germanDate(applicationDate)} eine Zuwendung für das Projekt ${quoted(g.projectTitle)} beantragt. ` +
        'Die Vertragsparteien schließen daher folgenden öffentlich-rechtlichen Vertrag (§§ 54 ff. ThürVwVfG):',
    ),

    ...clause(1, 'Gegenstand und Zweck', [
      [
        'Der Landkreis gewährt dem Zuwendungsempfänger für das Projekt ',
        { text: quoted(g.projectTitle), bold: true },
        ` eine Zuwendung zur Projektförderung für ${g.purpose}.`,
      ],
      `Bewilligungszeitraum ist der Zeitraum vom ${germanDate(g.periodStart)} bis ${germanDate(g.periodEnd)}. ` +
        `Zuwendungsfähig sind nur Ausgaben, die ${
          g.eligibleFrom && g.eligibleFrom.isAfter(g.periodStart) ? `ab dem ${germanDate(g.eligibleFrom)} und ` : ''
        }im Bewilligungszeitraum entstehen und geleistet werden.`,
    ]),
    ...clause(2, 'Art und Höhe der Zuwendung', [
      financingSentence(g),
      'Die Zuwendung wird aus Mitteln des Landes Thüringen und aus Kreismitteln finanziert. Im Einzelnen:',
      { content: grantKeyFigures(g, figures) },
    ]),
    ...clause(3, 'Kosten- und Finanzierungsplan', [
      'Der folgende Kosten- und Finanzierungsplan ist Bestandteil dieses Vertrages:',
      ...planTables(model.plan, figures).map((c) => ({ content: c })),
      planBindingText(model.parameters, 'parameters'),
    ]),
    ...clause(4, 'Mittelabruf und Auszahlung', [
      paymentRequestText(model.parameters, 'parameters'),
      'Die Mittel werden auf schriftliche Anforderung des Zuwendungsempfängers auf das von ihm benannte Konto ausgezahlt.',
    ]),
    ...clause(5, 'Nebenbestimmungen', [
      `Bestandteil dieses Vertrages sind ${general.inText}; sie gelten entsprechend, soweit dieser Vertrag nichts ` +
        'Abweichendes bestimmt. An die Stelle des Zuwendungsbescheides tritt dieser Vertrag.',
      ...(special.length > 0 ? ['Darüber hinaus gilt:', { content: numberedList(special) }] : []),
      NOTIFICATION_DUTY_TEXT,
    ]),
    ...clause(6, 'Verwendungsnachweis', [
      proofs.deadline,
      ...(proofs.interim ? [proofs.interim.intro, { content: numberedList(proofs.interim.items) }] : []),
      retentionText(model.parameters, 'parameters'),
    ]),
    ...clause(7, 'Prüfungsrecht', [auditRightText(letterhead, model.programme, AUDIT_PARTY_CONTRACT)]),
    ...clause(CONTRACT_RECOVERY_CLAUSE, 'Rücktritt, Kündigung, Erstattung und Verzinsung', [
      'Der Landkreis kann vom Vertrag zurücktreten oder ihn ganz oder teilweise kündigen, wenn die Zuwendung nicht oder nicht ' +
        'mehr zweckentsprechend verwendet wird, der Zuwendungsempfänger Pflichten aus diesem Vertrag nicht erfüllt, ' +
        'insbesondere den Verwendungsnachweis nicht fristgerecht vorlegt, oder die Zuwendung durch unrichtige oder ' +
        'unvollständige Angaben erlangt hat.',
      'Ermäßigen sich nach Vertragsschluss die zuwendungsfähigen Ausgaben oder treten neue Deckungsmittel hinzu, ermäßigt ' +
        'sich die Zuwendung nach Maßgabe der Finanzierungsart. Der Landkreis setzt die endgültige Zuwendung nach Prüfung ' +
        'des Verwendungsnachweises fest.',
      'Soweit die ausgezahlten Mittel die endgültige Zuwendung übersteigen oder der Landkreis zurücktritt oder kündigt, ' +
        'hat der Zuwendungsempfänger den überzahlten Betrag zu erstatten. Der Erstattungsbetrag ist vom Tag nach der ' +
        `Auszahlung bis zum Tag der Erstattung mit ${points} über dem Basiszinssatz nach § 247 BGB jährlich zu ` +
        'verzinsen (entsprechend § 49a Abs. 3 ThürVwVfG).',
      `Werden ausgezahlte Mittel nicht innerhalb von ${monthsDative(months)} nach der Auszahlung zweckentsprechend ` +
        'verwendet, kann der Landkreis für die Zeit von der Auszahlung bis zur zweckentsprechenden Verwendung Zinsen in ' +
        'gleicher Höhe verlangen (entsprechend § 49a Abs. 4 ThürVwVfG).',
    ]),
    ...clause(9, 'Schlussbestimmungen', [
      'Änderungen und Ergänzungen dieses Vertrages bedürfen der Schriftform (§ 57 ThürVwVfG). Mündliche Nebenabreden bestehen nicht.',
      'Ergänzend gelten die Vorschriften des Thüringer Verwaltungsverfahrensgesetzes und, soweit sich aus diesen nichts ' +
        'anderes ergibt, die Vorschriften des Bürgerlichen Gesetzbuchs entsprechend (§ 62 ThürVwVfG).',
      'Sollte eine Bestimmung dieses Vertrages unwirksam sein oder werden, bleiben die übrigen Bestimmungen wirksam. Die ' +
        'Vertragsparteien werden die unwirksame Bestimmung durch eine wirksame ersetzen, die ihrem Zweck am nächsten kommt.',
      'Der Vertrag wird mit der Unterzeichnung durch beide Vertragsparteien wirksam. Er wird zweifach ausgefertigt; jede ' +
        'Vertragspartei erhält eine Ausfertigung.',
    ]),
    {
      columns: [
        signatureColumn(`Für den ${letterhead.districtName}`, model.districtSignature ?? {}, placeOf(letterhead)),
        signatureColumn('Für den Zuwendungsempfänger', model.providerSignature ?? {}, null),
      ],
      columnGap: 30,
      unbreakable: true,
      margin: [0, 18, 0, 0],
    },
  ];

  return buildDocument(
    {
      letterhead,
      reference: model.reference,
      footerTitle: 'Weiterleitungsvertrag',
      title: `Weiterleitungsvertrag ${model.reference}`,
      subject: `Weiterleitungsvertrag (Fassung ${model.versionNo}) – Projekt ${quoted(g.projectTitle)}`,
      date,
      contactFooter: true,
    },
    content,
  );
}

/** Weiterleitungsvertrag as PDF bytes. */
export async function renderWeiterleitungsvertrag(model: ForwardingContractModel, letterhead: Letterhead, options?: RenderOptions): Promise<Buffer> {
  return renderPdf(forwardingContractDocument(model, letterhead), options);
}
