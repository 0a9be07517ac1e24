import type { DayCountConvention, Dec, Money, Rate } from '@foerderfluss/core';

/** Finanzierungsart: Anteil-, Fehlbedarfs-, Voll-, Festbetragsfinanzierung. */
export type FinancingType = 'SHARE' | 'DEFICIT' | 'FULL' | 'FIXED';
export const FINANCING_TYPES: readonly FinancingType[] = ['SHARE', 'DEFICIT', 'FULL', 'FIXED'];

/**
 * Every number of DOMAIN §7 the rules need. The values are dated data owned by the programmes
 * module (seeded with the DOMAIN defaults); the rules take them as inputs and hold none.
 */
export interface ProgrammeParameters {
  /** Mittelabruf: payments due within this many months after the payout (default 2). */
  paymentRequestHorizonMonths: number;
  /** § 49a interest: percentage points over the Basiszinssatz (default 5). */
  interestSurchargePercentagePoints: Dec;
  /** Day count for interest (default ACT_ACT). */
  dayCount: DayCountConvention;
  /** Bagatellgrenze (default 500,00 EUR). */
  deMinimisAmount: Money;
  /** VN due at the end of the Nth month after the period end (default 6). */
  finalProofDueMonths: number;
  /** Zwischennachweis due day and month of the following year (default 30.04.). */
  interimProofDue: { day: number; month: number };
  /** Einzelansatz overrun tolerance (default 20 %). */
  overrunTolerance: Rate;
  /** In-depth VN sample share (default 10 %); used by proof-of-use sampling, not by a rule here. */
  inDepthSampleRate: Rate;
  /** Beleg retention in years after the VN was submitted (default 5). */
  receiptRetentionYears: number;
  /** Fördersatz of the Land towards the Kreis (default 80 %). */
  stateFundingRate: Rate;
}
