import type { JsonOf, Money } from '@foerderfluss/core';
import type { FinalGrantResult } from '@foerderfluss/rules';

// The computed Festsetzung and its stored JSON form, apart from the computation so that the
// entities storing it (Prüfvermerk, Festsetzung) need not import the code that reads them.

export interface ComputedFinalGrant {
  result: FinalGrantResult;
  /** What the rule took as paid (payouts less voluntary repayments). */
  paid: Money;
  /** Per Kostenart: reported actual, reductions from the receipt check and Besserstellung, recognised input. */
  adjustments: { category: string; reported: Money; receiptReductions: Money; personnelExcess: Money; actual: Money }[];
}

export type FinalGrantDoc = JsonOf<ComputedFinalGrant['result'] & { adjustments: ComputedFinalGrant['adjustments'] }>;
