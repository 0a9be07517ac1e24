import { CalendarDate, Money } from '@foerderfluss/core';
import type { Content } from 'pdfmake/interfaces';
import { eur, financingTypeName, germanDate, percentText, readCount, readDate, readMoney, readPercent, readText } from './format';
import { quoted } from './grant-terms';
import {
  buildDocument,
  CellInput,
  COLOR,
  countShareText,
  dataTable,
  heading,
  Inline,
  keyValueBlock,
  letterheadBlock,
  paragraph,
  placeOf,
  shareText,
  validateLetterhead,
} from './layout';
import type { CursoryCheckResult, Letterhead, ProofReviewRecordModel, ReceiptFindingResult, ReviewOutcome } from './letter-models';
import { LetterModelError } from './letters.errors';
import { renderPdf, RenderOptions } from './pdf-engine';

const CHECK_RESULT: Record<CursoryCheckResult, string> = { OK: 'erfüllt', DEFICIENT: 'Mangel', NOT_APPLICABLE: 'entfällt' };
const FINDING_RESULT: Record<ReceiptFindingResult, string> = { OK: 'anerkannt', REDUCED: 'gekürzt', REJECTED: 'nicht anerkannt' };
const OUTCOME: Record<ReviewOutcome, string> = {
  NO_OBJECTION: 'Keine Beanstandungen; die Zuwendung wird in der ausgezahlten Höhe festgesetzt.',
  REDUCTION: 'Die Zuwendung ist zu kürzen.',
  RECOVERY: 'Die Zuwendung ist zu kürzen; der überzahlte Betrag ist zurückzufordern.',
};

function lookup<K extends string>(table: Record<K, string>, key: K, path: string): string {
  const value = table[key];
  if (value === undefined) throw new LetterModelError(path, `unbekannter Wert ${JSON.stringify(key)}`);
  return value;
}

/**
 * Prüfvermerk: the internal record of the VN check (cursory and in-depth, with sample size and
 * seed), the findings per Beleg, the line-by-line final grant with its flags, the result and the
 * signatures. No addressee and no Rechtsbehelfsbelehrung; the Aktenzeichen on every page.
 */
export function proofReviewDocument(model: ProofReviewRecordModel, letterhead: Letterhead) {
  validateLetterhead(letterhead);
  const date = readDate(model.reviewDate, 'reviewDate');
  const decisionDate = readDate(model.decisionDate, 'decisionDate');
  const due = readDate(model.proofDue, 'proofDue');
  const received = readDate(model.proofReceivedDate, 'proofReceivedDate');
  const maxAmount = readMoney(model.maxAmount, 'maxAmount');
  const finalGrant = readMoney(model.finalGrant, 'finalGrant');
  const paid = readMoney(model.paidAmount, 'paidAmount');
  const recovery = readMoney(model.recoveryAmount, 'recoveryAmount');
  if (!recovery.equals(paid.minus(finalGrant).atLeastZero())) {
    throw new LetterModelError('recoveryAmount', `muss ausgezahlt − festgesetzt = ${paid.minus(finalGrant).atLeastZero().formatEur()} sein`);
  }
  if (model.proofKind !== 'FINAL' && model.proofKind !== 'INTERIM') {
    throw new LetterModelError('proofKind', `muss FINAL oder INTERIM sein, nicht ${JSON.stringify(model.proofKind)}`);
  }
  const proofName = model.proofKind === 'FINAL' ? 'Verwendungsnachweis' : 'Zwischennachweis';
  const rate = model.fundingRatePercent ? readPercent(model.fundingRatePercent, 'fundingRatePercent') : null;
  const reviewer = { name: readText(model.reviewer?.name, 'reviewer.name'), date: readDate(model.reviewer?.date, 'reviewer.date') };
  const coSigner = model.coSigner
    ? { name: readText(model.coSigner.name, 'coSigner.name'), date: readDate(model.coSigner.date, 'coSigner.date') }
    : null;

  const content: Content[] = [
    letterheadBlock(letterhead),
    { text: 'Prüfvermerk', fontSize: 16, bold: true, alignment: 'center', margin: [0, 0, 0, 2] },
    { text: `über die Prüfung des ${proofName}es`, alignment: 'center', margin: [0, 0, 0, 4] },
    { text: 'Interner Vermerk – nicht zur Versendung bestimmt', alignment: 'center', fontSize: 8, color: COLOR.muted, margin: [0, 0, 0, 10] },
    keyValueBlock([
      ['Aktenzeichen', { text: model.reference, bold: true }],
      ['Zuwendungsempfänger', readText(model.providerName, 'providerName')],
      ['Projekt', quoted(readText(model.projectTitle, 'projectTitle'))],
      [
        'Grundlage',
        `${model.instrument === 'VERTRAG' ? 'Weiterleitungsvertrag' : 'Zuwendungsbescheid'} vom ${germanDate(decisionDate)} ` +
          `(Fassung ${readCount(model.decisionVersionNo, 'decisionVersionNo')})`,
      ],
      ['Bewilligungszeitraum', `${germanDate(readDate(model.periodStart, 'periodStart'))} bis ${germanDate(readDate(model.periodEnd, 'periodEnd'))}`],
      ['Finanzierungsart', `${financingTypeName(model.financingType)}${rate ? `, Fördersatz ${percentText(rate)}` : ''}`],
      ['Höchstbetrag', eur(maxAmount)],
      ['Nachweis', `${proofName}, vorzulegen bis ${germanDate(due)}`],
      ['Eingang', `${germanDate(received)} (${received.isAfter(due) ? `verspätet, ${due.daysUntil(received)} Tage nach Fristablauf` : 'fristgerecht'})`],
    ]),

    heading('1. Kursorische Prüfung'),
    paragraph('Prüfung auf Vollständigkeit, Plausibilität und Erreichung des Zuwendungszwecks:'),
    dataTable(
      [
        { header: 'Prüfschritt', width: '*' },
        { header: 'Ergebnis', width: 60 },
        { header: 'Bemerkung', width: 160 },
      ],
      (model.cursoryChecks ?? []).map((c, i) => [
        readText(c.label, `cursoryChecks[${i}].label`),
        { text: lookup(CHECK_RESULT, c.result, `cursoryChecks[${i}].result`), bold: c.result === 'DEFICIENT' },
        c.note ?? '',
      ]),
    ),

    heading('2. Vertiefte Prüfung (Stichprobe)'),
    ...inDepthBlocks(model),

    heading('3. Ermittlung der Zuwendung'),
    ...settlementBlocks(model, { finalGrant, paid, recovery }),

    heading('4. Ergebnis'),
    paragraph({ text: lookup(OUTCOME, model.outcome, 'outcome'), bold: true }),
    ...(model.resultText ?? []).map((t, i) => paragraph(readText(t, `resultText[${i}]`))),

    {
      columns: [
        signatureBox('Geprüft', placeOf(letterhead), reviewer),
        signatureBox('Mitgezeichnet (Vier-Augen-Prinzip)', placeOf(letterhead), coSigner),
      ],
      columnGap: 30,
      unbreakable: true,
      margin: [0, 16, 0, 0],
    },
  ];

  return buildDocument(
    {
      letterhead,
      reference: model.reference,
      footerTitle: `Prüfvermerk vom ${germanDate(date)}`,
      title: `Prüfvermerk ${model.reference}`,
      subject: `Prüfvermerk über die Prüfung des ${proofName}es`,
      date,
      contactFooter: false,
    },
    content,
  );
}

function inDepthBlocks(model: ProofReviewRecordModel): Content[] {
  const check = model.inDepthCheck;
  if (!check) return [paragraph('Eine vertiefte Prüfung wurde nicht durchgeführt.')];
  const populationCount = readCount(check.populationCount, 'inDepthCheck.populationCount');
  const sampleCount = readCount(check.sampleCount, 'inDepthCheck.sampleCount');
  const populationAmount = readMoney(check.populationAmount, 'inDepthCheck.populationAmount');
  const sampleAmount = readMoney(check.sampleAmount, 'inDepthCheck.sampleAmount');
  const minimum = readPercent(check.minimumSharePercent, 'inDepthCheck.minimumSharePercent');
  const findings = check.findings ?? [];
  if (findings.length !== sampleCount) {
    throw new LetterModelError('inDepthCheck.findings', `${findings.length} Feststellungen, aber ${sampleCount} Belege in der Stichprobe`);
  }
  const rows: CellInput[][] = findings.map((f, i) => {
    const path = `inDepthCheck.findings[${i}]`;
    return [
      readText(f.receiptNumber, `${path}.receiptNumber`),
      germanDate(readDate(f.date, `${path}.date`)),
      `${readText(f.counterparty, `${path}.counterparty`)}: ${f.reason}`,
      f.categoryName,
      eur(readMoney(f.amount, `${path}.amount`)),
      eur(readMoney(f.recognisedAmount, `${path}.recognisedAmount`)),
      { text: `${lookup(FINDING_RESULT, f.result, `${path}.result`)}${f.note ? `: ${f.note}` : ''}`, bold: f.result !== 'OK' },
    ];
  });
  const sum = (key: 'amount' | 'recognisedAmount') => Money.sum(findings.map((f) => Money.of(f[key])));
  rows.push([{ text: 'Summe der Stichprobe', colSpan: 4 }, eur(sum('amount')), eur(sum('recognisedAmount')), '']);
  if (!sum('amount').equals(sampleAmount)) {
    throw new LetterModelError('inDepthCheck.sampleAmount', `muss die Summe der geprüften Belege sein (${sum('amount').formatEur()})`);
  }
  return [
    keyValueBlock([
      ['Belege in der Belegliste', `${populationCount} Belege, ${eur(populationAmount)}`],
      [
        'Stichprobe',
        `${sampleCount} Belege (${countShareText(sampleCount, populationCount)} der Belege), ` +
          `${eur(sampleAmount)} (${shareText(sampleAmount, populationAmount)} des Betrags)`,
      ],
      ['Mindestumfang', `${percentText(minimum)} der Belege`],
      ['Auswahlverfahren', readText(check.method, 'inDepthCheck.method')],
      ['Startwert der Zufallsauswahl (Seed)', readText(check.seed, 'inDepthCheck.seed')],
    ]),
    paragraph('Feststellungen je Beleg:'),
    dataTable(
      [
        { header: 'Beleg', width: 38 },
        { header: 'Datum', width: 46 },
        { header: 'Empfänger: Grund', width: '*' },
        { header: 'Kostenart', width: 62 },
        { header: 'Betrag', width: 56, align: 'right' },
        { header: 'anerkannt', width: 56, align: 'right' },
        { header: 'Ergebnis', width: 70 },
      ],
      rows,
      { totalRows: new Set([rows.length - 1]), fontSize: 7.5 },
    ),
  ];
}

function settlementBlocks(model: ProofReviewRecordModel, amounts: { finalGrant: Money; paid: Money; recovery: Money }): Content[] {
  const lines = model.settlementLines ?? [];
  if (lines.length === 0) throw new LetterModelError('settlementLines', 'mindestens eine Kostenart ist erforderlich');
  const read = lines.map((l, i) => {
    const path = `settlementLines[${i}]`;
    return {
      category: readText(l.categoryName, `${path}.categoryName`),
      planned: readMoney(l.planned, `${path}.planned`),
      actual: readMoney(l.actual, `${path}.actual`),
      cap: readMoney(l.cap, `${path}.cap`),
      recognised: readMoney(l.recognised, `${path}.recognised`),
      flags: l.flags ?? [],
    };
  });
  const total = (key: 'planned' | 'actual' | 'recognised') => Money.sum(read.map((l) => l[key]));
  const rows: CellInput[][] = read.map((l) => [
    l.category,
    eur(l.planned),
    eur(l.actual),
    eur(l.cap),
    eur(l.recognised),
    { text: l.flags.join('; '), bold: l.flags.length > 0 },
  ]);
  rows.push(['Summe', eur(total('planned')), eur(total('actual')), '', eur(total('recognised')), '']);
  const figures: [string, Inline | Inline[]][] = [
    ['Anerkannte zuwendungsfähige Ausgaben (A)', eur(readMoney(model.recognisedCosts, 'recognisedCosts'))],
    ['Eigenmittel (E)', eur(readMoney(model.ownFunds, 'ownFunds'))],
    ['Drittmittel (D)', eur(readMoney(model.thirdPartyFunds, 'thirdPartyFunds'))],
    ['Bagatellgrenze', model.deMinimisApplied ? 'angewandt: Zuwendung nach dem Finanzierungsplan' : 'nicht angewandt'],
    ['Festgesetzte Zuwendung (Z)', { text: eur(amounts.finalGrant), bold: true }],
    ['Ausgezahlt', eur(amounts.paid)],
    ['Rückforderung (R)', { text: eur(amounts.recovery), bold: amounts.recovery.isPositive() }],
  ];
  return [
    dataTable(
      [
        { header: 'Kostenart', width: '*' },
        { header: 'Plan', width: 62, align: 'right' },
        { header: 'Ist', width: 62, align: 'right' },
        { header: 'Obergrenze', width: 62, align: 'right' },
        { header: 'anerkannt', width: 62, align: 'right' },
        { header: 'Hinweise', width: 90 },
      ],
      rows,
      { totalRows: new Set([rows.length - 1]), fontSize: 7.5 },
    ),
    keyValueBlock(figures),
  ];
}

function signatureBox(label: string, place: string, signer: { name: string; date: CalendarDate } | null): Content {
  return {
    stack: [
      { text: `${label}:`, bold: true },
      { text: signer ? `${place}, den ${germanDate(signer.date)}` : `${place}, den ……………………`, margin: [0, 2, 0, 0] },
      { text: ' ', margin: [0, 0, 0, 20] },
      { canvas: [{ type: 'line', x1: 0, y1: 0, x2: 190, y2: 0, lineWidth: 0.5, lineColor: COLOR.rule }] },
      { text: signer ? signer.name : 'Name, Unterschrift', color: signer ? COLOR.text : COLOR.muted },
    ],
  };
}

/** Prüfvermerk as PDF bytes. */
export async function renderPruefvermerk(model: ProofReviewRecordModel, letterhead: Letterhead, options?: RenderOptions): Promise<Buffer> {
  return renderPdf(proofReviewDocument(model, letterhead), options);
}
