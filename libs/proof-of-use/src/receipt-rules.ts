import { CalendarDate, Dec, dec, Money } from '@foerderfluss/core';
import { decisionAmountProblem } from '@foerderfluss/decisions';

/** German column names of the Belegliste: in the template, in import errors, in exports. */
export const RECEIPT_COLUMNS = {
  position: 'lfd. Nr.',
  receiptNumber: 'Belegnummer',
  receiptDate: 'Belegdatum',
  paymentDate: 'Zahlungsdatum',
  counterparty: 'Empfänger/Einzahler',
  reason: 'Grund',
  direction: 'Einnahme/Ausgabe',
  costCategory: 'Kostenart',
  grossAmount: 'Bruttobetrag',
  vatAmount: 'USt.',
  projectSharePercent: 'Projektanteil %',
  eligibleAmount: 'zuwendungsfähiger Betrag',
  personnelPosition: 'Personalstelle',
} as const;

export type ReceiptField = keyof typeof RECEIPT_COLUMNS;

/** A receipt row after parsing (types known), before the rules. null = empty cell. */
export interface ParsedReceipt {
  position: number | null;
  receiptNumber: string | null;
  receiptDate: CalendarDate | null;
  paymentDate: CalendarDate | null;
  counterparty: string | null;
  reason: string | null;
  direction: 'EXPENSE' | 'INCOME' | null;
  costCategory: string | null;
  grossAmount: Money | null;
  vatAmount: Money | null;
  projectSharePercent: Dec | null;
  eligibleAmount: Money | null;
  personnelPosition: string | null;
}

/** What the rules need to know about the decision the receipts belong to. */
export interface ReceiptContext {
  /** max(period start, decision or consent date): nothing before is eligible (DOMAIN §2 step 4). */
  eligibleFrom: CalendarDate;
  periodStart: CalendarDate;
  periodEnd: CalendarDate;
  /** Kostenarten of the approved plan. */
  planCategories: readonly string[];
  /** Labels of the personnel positions of the approved plan. */
  personnelPositions: readonly string[];
  /** Vorsteuerabzugsberechtigt: only net amounts are eligible. */
  vatDeductible: boolean;
  /** The decision's Höchstbetrag: no single Beleg's project share can be more (issue 18). */
  maxAmount: Money;
  /** Today: a Beleg cannot be dated after it. */
  today: CalendarDate;
  /** German names of the Kostenarten (reference data and the income kinds), for messages. */
  categoryNames: ReadonlyMap<string, string>;
}

/** The German name of a Kostenart for a message; the code only where no name is known. */
export function categoryName(ctx: Pick<ReceiptContext, 'categoryNames'>, code: string): string {
  return ctx.categoryNames.get(code) ?? code;
}

export interface ValidReceipt {
  position: number;
  receiptNumber: string;
  receiptDate: CalendarDate;
  paymentDate: CalendarDate;
  counterparty: string;
  reason: string;
  direction: 'EXPENSE' | 'INCOME';
  costCategory: string;
  grossAmount: Money;
  vatAmount: Money;
  projectSharePercent: Dec;
  eligibleAmount: Money;
  personnelPosition: string | null;
}

export interface RowProblem {
  field: ReceiptField;
  message: string;
}

/**
 * Income is booked to the kind of funding it is, not to a plan line. The one place for their
 * German names (the Kostenarten's names are reference data in cost_category).
 */
export const INCOME_KINDS: readonly { code: string; name: string }[] = [
  { code: 'OWN_FUNDS', name: 'Eigenmittel' },
  { code: 'THIRD_PARTY', name: 'Drittmittel' },
  { code: 'REVENUE', name: 'Einnahmen/Erlöse' },
];

const INCOME_CATEGORIES = INCOME_KINDS.map((k) => k.code);

/**
 * The rules for one receipt, the same for a row typed in over the API and for a row of an imported
 * file: complete, dated inside the eligible period, booked to a line of the approved plan, and not
 * claiming more than its eligible (net, where Vorsteuer can be deducted) project share.
 */
export function checkReceipt(r: ParsedReceipt, ctx: ReceiptContext, defaultPosition: number): { value: ValidReceipt | null; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const need = <T>(field: ReceiptField, v: T | null): v is T => {
    if (v === null || (typeof v === 'string' && v.trim() === '')) {
      problems.push({ field, message: 'Angabe fehlt.' });
      return false;
    }
    return true;
  };
  need('receiptNumber', r.receiptNumber);
  need('counterparty', r.counterparty);
  need('reason', r.reason);
  need('direction', r.direction);
  need('costCategory', r.costCategory);
  const future = `Das Datum liegt in der Zukunft (nach dem ${ctx.today.toGermanString()}).`;
  if (need('receiptDate', r.receiptDate)) {
    if (r.receiptDate.isAfter(ctx.today)) problems.push({ field: 'receiptDate', message: future });
    else if (r.receiptDate.isAfter(ctx.periodEnd)) {
      problems.push({ field: 'receiptDate', message: `Datum liegt nach dem Ende des Bewilligungszeitraums (${ctx.periodEnd.toGermanString()}).` });
    }
  }
  if (need('paymentDate', r.paymentDate)) {
    if (r.paymentDate.isAfter(ctx.today)) problems.push({ field: 'paymentDate', message: future });
    if (r.paymentDate.isBefore(ctx.eligibleFrom)) {
      problems.push({
        field: 'paymentDate',
        message:
          r.paymentDate.isBefore(ctx.periodStart)
            ? 'Datum liegt vor dem Beginn des Bewilligungszeitraums.'
            : `Datum liegt vor dem förderfähigen Beginn (${ctx.eligibleFrom.toGermanString()}, vorzeitiger Maßnahmebeginn nicht zugestimmt).`,
      });
    }
    if (r.paymentDate.isAfter(ctx.periodEnd) && !r.paymentDate.isAfter(ctx.today)) {
      problems.push({ field: 'paymentDate', message: `Datum liegt nach dem Ende des Bewilligungszeitraums (${ctx.periodEnd.toGermanString()}).` });
    }
    if (r.receiptDate && r.paymentDate.isBefore(r.receiptDate) && r.direction === 'EXPENSE' && r.paymentDate.isBefore(r.receiptDate.addDays(-366))) {
      problems.push({ field: 'paymentDate', message: 'Zahlungsdatum liegt mehr als ein Jahr vor dem Belegdatum.' });
    }
  }
  if (r.costCategory && r.direction === 'EXPENSE' && !ctx.planCategories.includes(r.costCategory)) {
    problems.push({
      field: 'costCategory',
      message: `Die Kostenart „${categoryName(ctx, r.costCategory)}“ kommt im bewilligten Finanzierungsplan nicht vor (zulässig: ${ctx.planCategories.map((c) => categoryName(ctx, c)).join(', ')}).`,
    });
  }
  if (r.costCategory && r.direction === 'INCOME' && !INCOME_CATEGORIES.includes(r.costCategory)) {
    problems.push({ field: 'costCategory', message: `Einnahmen sind als ${INCOME_CATEGORIES.map((c) => categoryName(ctx, c)).join(', ')} zu buchen.` });
  }
  if (r.personnelPosition && !ctx.personnelPositions.includes(r.personnelPosition)) {
    problems.push({ field: 'personnelPosition', message: `Die Personalstelle „${r.personnelPosition}“ gibt es im bewilligten Plan nicht.` });
  }
  const gross = need('grossAmount', r.grossAmount) ? r.grossAmount : null;
  const vat = r.vatAmount ?? Money.ZERO;
  if (gross && vat.greaterThan(gross)) problems.push({ field: 'vatAmount', message: 'Die Umsatzsteuer ist größer als der Bruttobetrag.' });
  const share = r.projectSharePercent ?? dec(100);
  if (share.lte(0) || share.gt(100)) problems.push({ field: 'projectSharePercent', message: 'Der Projektanteil muss größer als 0 und höchstens 100 % sein.' });
  // Plausibility against the decision (the decisions lib's rule, the same as for fund uses and
  // Mittelabrufe): a Beleg of 0,00 € proves nothing, and what the project bears of one Beleg cannot be
  // more than the whole grant. The project share, not the gross, so a shared invoice (rent of a house,
  // 10 % for the project) above the Höchstbetrag stays possible.
  if (gross && share.gt(0) && share.lte(100)) {
    const full = share.eq(100);
    const projectPart = full ? gross : gross.times(share.div(100)).round();
    const implausible = gross.isPositive()
      ? decisionAmountProblem(projectPart, ctx.maxAmount, full ? 'Der Bruttobetrag' : `Der Projektanteil des Belegs (${share.toString()} % des Bruttobetrags)`)
      : decisionAmountProblem(gross, ctx.maxAmount, 'Der Bruttobetrag');
    if (implausible) problems.push({ field: 'grossAmount', message: implausible });
  }

  let eligible: Money | null = null;
  if (gross && !vat.greaterThan(gross) && share.gt(0) && share.lte(100)) {
    // Who can deduct input tax gets only the net amount (DOMAIN §2 step 1).
    const base = ctx.vatDeductible ? gross.minus(vat) : gross;
    const maxEligible = base.times(share.div(100)).round();
    eligible = r.eligibleAmount ?? maxEligible;
    if (eligible.greaterThan(maxEligible)) {
      problems.push({
        field: 'eligibleAmount',
        message: ctx.vatDeductible
          ? `Zuwendungsfähig sind höchstens ${maxEligible.formatEur()} (Nettobetrag × Projektanteil; der Träger ist vorsteuerabzugsberechtigt).`
          : `Zuwendungsfähig sind höchstens ${maxEligible.formatEur()} (Bruttobetrag × Projektanteil).`,
      });
    }
  }
  if (problems.length > 0) return { value: null, problems };
  return {
    value: {
      position: r.position ?? defaultPosition,
      receiptNumber: r.receiptNumber!.trim(),
      receiptDate: r.receiptDate!,
      paymentDate: r.paymentDate!,
      counterparty: r.counterparty!.trim(),
      reason: r.reason!.trim(),
      direction: r.direction!,
      costCategory: r.costCategory!,
      grossAmount: gross!,
      vatAmount: vat,
      projectSharePercent: share,
      eligibleAmount: eligible!,
      personnelPosition: r.personnelPosition?.trim() || null,
    },
    problems: [],
  };
}
