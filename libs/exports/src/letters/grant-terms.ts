import { CalendarDate, Money, Rate } from '@foerderfluss/core';
import type { Content } from 'pdfmake/interfaces';
import { eur, financingTypeName, germanDate, percentText, readDate, readMoney, readPercent, readText } from './format';
import { Inline, keyValueBlock, shareText } from './layout';
import type { GrantTerms, LetterFinancingType } from './letter-models';
import { LetterModelError } from './letters.errors';
import { PlanFigures, readSourceSplit } from './plan-table';

/** The terms of a Bewilligung, read and checked once, shared by Bescheid and Vertrag. */
export interface ReadGrant {
  projectTitle: string;
  purpose: string;
  periodStart: CalendarDate;
  periodEnd: CalendarDate;
  financingType: LetterFinancingType;
  fundingRate: Rate | null;
  maxAmount: Money;
  stateShare: Money;
  districtShare: Money;
  eligibleFrom: CalendarDate | null;
  earlyStartConsentDate: CalendarDate | null;
  budgetLine: string | null;
}

const FINANCING_TYPES: readonly LetterFinancingType[] = ['SHARE', 'DEFICIT', 'FULL', 'FIXED'];

export function readGrant(grant: GrantTerms, path: string): ReadGrant {
  if (!grant) throw new LetterModelError(path, 'fehlt');
  const periodStart = readDate(grant.periodStart, `${path}.periodStart`);
  const periodEnd = readDate(grant.periodEnd, `${path}.periodEnd`);
  if (periodEnd.isBefore(periodStart)) throw new LetterModelError(`${path}.periodEnd`, 'liegt vor dem Beginn des Bewilligungszeitraums');
  if (!FINANCING_TYPES.includes(grant.financingType)) {
    throw new LetterModelError(`${path}.financingType`, `unbekannte Finanzierungsart ${JSON.stringify(grant.financingType)}`);
  }
  const fundingRate = grant.fundingRatePercent === undefined ? null : readPercent(grant.fundingRatePercent, `${path}.fundingRatePercent`);
  if (grant.financingType === 'SHARE' && !fundingRate) {
    throw new LetterModelError(`${path}.fundingRatePercent`, 'ist bei Anteilfinanzierung erforderlich');
  }
  if (fundingRate && !fundingRate.isWithinZeroToHundredPercent()) {
    throw new LetterModelError(`${path}.fundingRatePercent`, 'muss zwischen 0 und 100 liegen');
  }
  const maxAmount = readMoney(grant.maxAmount, `${path}.maxAmount`);
  if (!maxAmount.isPositive()) throw new LetterModelError(`${path}.maxAmount`, 'muss größer als null sein');
  const split = readSourceSplit(grant.sourceSplit, maxAmount, `${path}.sourceSplit`);
  const eligibleFrom = grant.eligibleFrom ? readDate(grant.eligibleFrom, `${path}.eligibleFrom`) : null;
  if (eligibleFrom && (eligibleFrom.isBefore(periodStart) || eligibleFrom.isAfter(periodEnd))) {
    throw new LetterModelError(`${path}.eligibleFrom`, 'muss im Bewilligungszeitraum liegen');
  }
  return {
    projectTitle: readText(grant.projectTitle, `${path}.projectTitle`),
    purpose: readText(grant.purpose, `${path}.purpose`),
    periodStart,
    periodEnd,
    financingType: grant.financingType,
    fundingRate,
    maxAmount,
    stateShare: split.state,
    districtShare: split.district,
    eligibleFrom,
    earlyStartConsentDate: grant.earlyStartConsentDate ? readDate(grant.earlyStartConsentDate, `${path}.earlyStartConsentDate`) : null,
    budgetLine: grant.budgetLine?.trim() || null,
  };
}

/** „Projekttitel“ in German quotes. */
export function quoted(title: string): string {
  return `„${title}“`;
}

/** How the grant is computed, one sentence, per Finanzierungsart. */
export function financingSentence(g: ReadGrant): Inline[] {
  const cap = { text: eur(g.maxAmount), bold: true };
  switch (g.financingType) {
    case 'SHARE':
      return [
        `Die Zuwendung wird als Anteilfinanzierung in Höhe von ${percentText(g.fundingRate!)} der zuwendungsfähigen Ausgaben, höchstens jedoch in Höhe von `,
        cap,
        ', gewährt.',
      ];
    case 'DEFICIT':
      return [
        'Die Zuwendung wird als Fehlbedarfsfinanzierung zur Deckung des Fehlbetrags gewährt, der insoweit verbleibt, als die ' +
          'zuwendungsfähigen Ausgaben nicht durch Eigen- oder Drittmittel gedeckt werden, höchstens jedoch in Höhe von ',
        cap,
        '. Die im Finanzierungsplan ausgewiesenen Eigenmittel sind in voller Höhe einzusetzen.',
      ];
    case 'FULL':
      return ['Die Zuwendung wird als Vollfinanzierung der zuwendungsfähigen Ausgaben, höchstens jedoch in Höhe von ', cap, ', gewährt.'];
    case 'FIXED':
      return ['Die Zuwendung wird als Festbetragsfinanzierung in Höhe von ', cap, ' gewährt, höchstens jedoch in Höhe der zuwendungsfähigen Ausgaben.'];
  }
}

/** The key figures of the Bewilligung as a label/value block. */
export function grantKeyFigures(g: ReadGrant, figures: PlanFigures): Content {
  const rows: [string, Inline | Inline[]][] = [
    ['Zuwendungszweck', g.purpose],
    ['Bewilligungszeitraum', `${germanDate(g.periodStart)} bis ${germanDate(g.periodEnd)}`],
    ['Zuwendungsart', 'Projektförderung'],
    ['Finanzierungsart', financingTypeName(g.financingType)],
  ];
  if (g.fundingRate) rows.push(['Fördersatz', `${percentText(g.fundingRate)} der zuwendungsfähigen Ausgaben`]);
  rows.push(
    ['Zuwendungsfähige Ausgaben (Plan)', eur(figures.totalCosts)],
    ['Höchstbetrag der Zuwendung', { text: eur(g.maxAmount), bold: true }],
    ['davon Landesmittel', `${eur(g.stateShare)} (${shareText(g.stateShare, g.maxAmount)})`],
    ['davon Kreismittel', `${eur(g.districtShare)} (${shareText(g.districtShare, g.maxAmount)})`],
  );
  if (g.budgetLine) rows.push(['Haushaltsstelle', g.budgetLine]);
  if (g.eligibleFrom && g.eligibleFrom.isAfter(g.periodStart)) {
    const consent = g.earlyStartConsentDate ? ` (Zustimmung zum vorzeitigen Maßnahmebeginn vom ${germanDate(g.earlyStartConsentDate)})` : '';
    rows.push(['Zuwendungsfähig ab', `${germanDate(g.eligibleFrom)}${consent}`]);
  }
  return keyValueBlock(rows);
}
