import { Money } from '@foerderfluss/core';
import type { Content } from 'pdfmake/interfaces';
import { eur, readMoney, readText } from './format';
import { CellInput, dataTable, shareText } from './layout';
import type { LetterFinancingPlan, LetterFundingKind, SourceSplit } from './letter-models';
import { LetterModelError } from './letters.errors';

/** The Kosten- und Finanzierungsplan as two tables, with the totals the renderer computes itself. */

export interface PlanFigures {
  totalCosts: Money;
  ownFunds: Money;
  thirdPartyFunds: Money;
  grant: Money;
  totalFunding: Money;
}

const FUNDING_KIND_NAMES: Record<LetterFundingKind, string> = {
  OWN_FUNDS: 'Eigenmittel',
  THIRD_PARTY: 'Drittmittel',
  GRANT: 'Zuwendung',
};

/** Reads and checks a plan: at least one cost line, valid amounts, Σ Ausgaben = Σ Finanzierung. */
export function readPlan(plan: LetterFinancingPlan, path: string): PlanFigures {
  if (!Array.isArray(plan?.costLines) || plan.costLines.length === 0) {
    throw new LetterModelError(`${path}.costLines`, 'der Plan braucht mindestens eine Ausgabenposition');
  }
  if (!Array.isArray(plan.fundingLines) || plan.fundingLines.length === 0) {
    throw new LetterModelError(`${path}.fundingLines`, 'der Plan braucht mindestens eine Finanzierungsposition');
  }
  const costs = plan.costLines.map((l, i) => {
    readText(l.categoryName, `${path}.costLines[${i}].categoryName`);
    return readMoney(l.amount, `${path}.costLines[${i}].amount`);
  });
  const byKind = (kind: LetterFundingKind) =>
    Money.sum(
      plan.fundingLines.flatMap((l, i) => {
        if (!(l.kind in FUNDING_KIND_NAMES)) {
          throw new LetterModelError(`${path}.fundingLines[${i}].kind`, `unbekannte Art ${JSON.stringify(l.kind)}`);
        }
        return l.kind === kind ? [readMoney(l.amount, `${path}.fundingLines[${i}].amount`)] : [];
      }),
    );
  const totalCosts = Money.sum(costs);
  const ownFunds = byKind('OWN_FUNDS');
  const thirdPartyFunds = byKind('THIRD_PARTY');
  const grant = byKind('GRANT');
  const totalFunding = ownFunds.plus(thirdPartyFunds).plus(grant);
  if (!totalCosts.equals(totalFunding)) {
    throw new LetterModelError(
      path,
      `Ausgaben (${totalCosts.formatEur()}) und Finanzierung (${totalFunding.formatEur()}) müssen gleich sein`,
    );
  }
  return { totalCosts, ownFunds, thirdPartyFunds, grant, totalFunding };
}

/** Checks that Land and Kreis parts add up to the Höchstbetrag. */
export function readSourceSplit(split: SourceSplit, maxAmount: Money, path: string): { state: Money; district: Money } {
  const state = readMoney(split?.stateShare, `${path}.stateShare`);
  const district = readMoney(split?.districtShare, `${path}.districtShare`);
  if (!state.plus(district).equals(maxAmount)) {
    throw new LetterModelError(
      path,
      `Landes- und Kreisanteil (${state.plus(district).formatEur()}) müssen zusammen den Höchstbetrag (${maxAmount.formatEur()}) ergeben`,
    );
  }
  return { state, district };
}

/**
 * Ausgaben grouped by Kostenart in the order of first appearance: a group row, the lines numbered
 * "1.1", "1.2", …, a subtotal per Kostenart and the total. Then the Finanzierung with each line's
 * share of the total.
 */
export function planTables(plan: LetterFinancingPlan, figures: PlanFigures): Content[] {
  const groups = new Map<string, { description: string; amount: Money }[]>();
  for (const line of plan.costLines) {
    const list = groups.get(line.categoryName.trim()) ?? [];
    list.push({ description: line.description, amount: Money.of(line.amount) });
    groups.set(line.categoryName.trim(), list);
  }
  const costRows: CellInput[][] = [];
  const costTotals = new Set<number>();
  let g = 0;
  for (const [category, lines] of groups) {
    g++;
    costRows.push([{ text: `${g}.`, bold: true }, { text: category, bold: true, colSpan: 2 }]);
    lines.forEach((l, i) => costRows.push([`${g}.${i + 1}`, l.description, eur(l.amount)]));
    costRows.push(['', { text: `Summe ${category}`, italics: true }, { text: eur(Money.sum(lines.map((l) => l.amount))), italics: true }]);
  }
  costTotals.add(costRows.length);
  costRows.push(['', 'Summe der Ausgaben', eur(figures.totalCosts)]);

  const fundingRows: CellInput[][] = plan.fundingLines.map((l) => [
    FUNDING_KIND_NAMES[l.kind],
    l.source,
    shareText(Money.of(l.amount), figures.totalFunding),
    eur(Money.of(l.amount)),
  ]);
  const fundingTotals = new Set([fundingRows.length]);
  fundingRows.push([{ text: 'Summe der Finanzierung', colSpan: 2 }, shareText(figures.totalFunding, figures.totalFunding), eur(figures.totalFunding)]);

  return [
    { text: 'A. Ausgaben', bold: true, margin: [0, 4, 0, 2], headlineLevel: 1 },
    dataTable(
      [
        { header: 'Nr.', width: 28 },
        { header: 'Kostenart / Position', width: '*' },
        { header: 'Betrag', width: 80, align: 'right' },
      ],
      costRows,
      { totalRows: costTotals },
    ),
    { text: 'B. Finanzierung', bold: true, margin: [0, 4, 0, 2], headlineLevel: 1 },
    dataTable(
      [
        { header: 'Art', width: 70 },
        { header: 'Mittelgeber / Quelle', width: '*' },
        { header: 'Anteil', width: 50, align: 'right' },
        { header: 'Betrag', width: 80, align: 'right' },
      ],
      fundingRows,
      { totalRows: fundingTotals },
    ),
  ];
}
