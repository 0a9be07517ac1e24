import type { Content } from 'pdfmake/interfaces';
import { changeValueText, eur, germanDate, readCount, readDate, readMoney, readText } from './format';
import { clause, signatureColumn } from './forwarding-contract';
import { quoted } from './grant-terms';
import { buildDocument, dataTable, keyValueBlock, letterheadBlock, paragraph, placeOf, shareText, validateLetterhead } from './layout';
import { guidelineText } from './legal-texts';
import type { ContractAmendmentModel, Letterhead } from './letter-models';
import { LetterModelError } from './letters.errors';
import { renderPdf, RenderOptions } from './pdf-engine';
import { readSourceSplit } from './plan-table';

/**
 * Änderungsvertrag: version n+1 of a Weiterleitungsvertrag. A public-law contract is changed only
 * by a written contract of both parties (§ 57 ThürVwVfG), so this is a contract with two signature
 * blocks, not a Bescheid: what changes (bisher / neu), the new Höchstbetrag with its source split,
 * "im Übrigen gilt der Vertrag fort"; no Rechtsbehelfsbelehrung.
 */
export function contractAmendmentDocument(model: ContractAmendmentModel, letterhead: Letterhead) {
  validateLetterhead(letterhead);
  const date = readDate(model.documentDate, 'documentDate');
  const original = readDate(model.originalContractDate, 'originalContractDate');
  const lastAmendment = model.lastAmendmentDate ? readDate(model.lastAmendmentDate, 'lastAmendmentDate') : null;
  const previousNo = readCount(model.previousVersionNo, 'previousVersionNo');
  const newNo = readCount(model.newVersionNo, 'newVersionNo');
  if (newNo !== previousNo + 1) throw new LetterModelError('newVersionNo', `muss auf die Fassung ${previousNo} folgen (erwartet ${previousNo + 1})`);
  const title = readText(model.projectTitle, 'projectTitle');
  const maxAmount = readMoney(model.newMaxAmount, 'newMaxAmount');
  const split = readSourceSplit(model.newSourceSplit, maxAmount, 'newSourceSplit');
  if (!Array.isArray(model.changes) || model.changes.length === 0) throw new LetterModelError('changes', 'ein Änderungsvertrag braucht mindestens eine Änderung');
  if (!Array.isArray(model.reasons) || model.reasons.length === 0) throw new LetterModelError('reasons', 'ein Änderungsvertrag braucht eine Begründung');
  const provider = model.provider;
  if (!provider?.name?.trim()) throw new LetterModelError('provider.name', 'darf nicht leer sein');
  const representedBy = readText(model.providerRepresentedBy, 'providerRepresentedBy');
  const amendmentNo = newNo - 1;
  const contractInForce = `Weiterleitungsvertrag vom ${germanDate(original)}` + (lastAmendment ? ` in der Fassung der Änderung vom ${germanDate(lastAmendment)}` : '');
  const a = letterhead.address;
  const p = provider.address;

  const content: Content[] = [
    letterheadBlock(letterhead),
    { text: `${amendmentNo}. Änderungsvertrag`, fontSize: 16, bold: true, alignment: 'center', margin: [0, 4, 0, 4] },
    { text: `zum ${contractInForce} über die Weiterleitung einer Zuwendung nach der ${guidelineText(model.programme)}`, alignment: 'center', margin: [30, 0, 30, 10] },
    keyValueBlock([
      ['Aktenzeichen', { text: model.reference, bold: true }],
      ['Projekt', quoted(title)],
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
    ...model.reasons.map((r, i) => paragraph(readText(r, `reasons[${i}]`))),
    paragraph(`Die Vertragsparteien ändern daher den ${contractInForce} (Fassung ${previousNo}) wie folgt (Fassung ${newNo}):`),

    ...clause(1, 'Änderungen', [
      { content: dataTable(
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
      ) },
    ]),
    ...clause(2, 'Höhe der Zuwendung', [
      [
        'Der Höchstbetrag der Zuwendung beträgt ',
        { text: eur(maxAmount), bold: true },
        `. Davon sind ${eur(split.state)} (${shareText(split.state, maxAmount)}) Landesmittel und ${eur(split.district)} (${shareText(split.district, maxAmount)}) Kreismittel.`,
      ],
    ]),
    ...clause(3, 'Fortgeltung', [`Im Übrigen gilt der ${contractInForce} mit allen Bestimmungen unverändert fort.`]),
    ...clause(4, 'Wirksamwerden', [
      'Dieser Änderungsvertrag wird mit der Unterzeichnung durch beide Vertragsparteien wirksam (§ 57 ThürVwVfG). Er wird zweifach ausgefertigt; jede Vertragspartei erhält eine Ausfertigung.',
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
      footerTitle: `${amendmentNo}. Änderungsvertrag`,
      title: `Änderungsvertrag ${model.reference}`,
      subject: `Änderungsvertrag (Fassung ${newNo}) – Projekt ${quoted(title)}`,
      date,
      contactFooter: true,
    },
    content,
  );
}

/** Änderungsvertrag as PDF bytes. */
export async function renderAenderungsvertrag(model: ContractAmendmentModel, letterhead: Letterhead, options?: RenderOptions): Promise<Buffer> {
  return renderPdf(contractAmendmentDocument(model, letterhead), options);
}
