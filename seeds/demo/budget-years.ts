/**
 * The demo budget years. 2024 and 2025 are history (issue 19: settled projects, so monitoring and
 * the Kreistag's report show trends); the Land's Zuweisung grew a little each year.
 *
 * The demo budget year 2026 of the Sozialberatungsrichtlinie in the Altenburger Land (README,
 * issue 5): Land up to 419.250,00 EUR (80 %) plus the Kreis's own 104.812,50 EUR (20 %), together
 * 524.062,50 EUR. Aktenzeichen and Haushaltsstelle are invented for the demo.
 */
export interface BudgetYearSeed {
  readonly programmeCode: string;
  readonly year: number;
  readonly stateGrantReference: string;
  readonly stateGrantDate: string;
  readonly stateMaxAmount: string;
  readonly stateRatePercent: string;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly stateProofDue: string;
  readonly districtShareAmount: string;
  readonly districtBudgetLine: string;
  readonly applicationDeadline: string;
}

export const DEMO_BUDGET_YEARS: readonly BudgetYearSeed[] = [
  {
    programmeCode: 'SOZIALBERATUNG_FLUECHTLINGE',
    year: 2024,
    stateGrantReference: 'TLVwA 250-4.1-2024/011 (Demo)',
    stateGrantDate: '2023-12-14',
    stateMaxAmount: '390000.00',
    stateRatePercent: '80',
    periodStart: '2024-01-01',
    periodEnd: '2024-12-31',
    stateProofDue: '2025-06-30',
    districtShareAmount: '97500.00',
    districtBudgetLine: 'Produktkonto 31.5.01.7180 Integrationsarbeit (Demo)',
    applicationDeadline: '2023-10-12',
  },
  {
    programmeCode: 'SOZIALBERATUNG_FLUECHTLINGE',
    year: 2025,
    stateGrantReference: 'TLVwA 250-4.1-2025/014 (Demo)',
    stateGrantDate: '2024-12-13',
    stateMaxAmount: '405000.00',
    stateRatePercent: '80',
    periodStart: '2025-01-01',
    periodEnd: '2025-12-31',
    stateProofDue: '2026-06-30',
    districtShareAmount: '101250.00',
    districtBudgetLine: 'Produktkonto 31.5.01.7180 Integrationsarbeit (Demo)',
    applicationDeadline: '2024-10-12',
  },
  {
    programmeCode: 'SOZIALBERATUNG_FLUECHTLINGE',
    year: 2026,
    stateGrantReference: 'TLVwA 250-4.1-2026/017 (Demo)',
    stateGrantDate: '2025-12-15',
    stateMaxAmount: '419250.00',
    stateRatePercent: '80',
    periodStart: '2026-01-01',
    periodEnd: '2026-12-31',
    stateProofDue: '2027-06-30',
    districtShareAmount: '104812.50',
    districtBudgetLine: 'Produktkonto 31.5.01.7180 Integrationsarbeit (Demo)',
    applicationDeadline: '2025-10-12',
  },
];
