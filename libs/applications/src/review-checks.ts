import { CalendarDate, dec, Money } from '@foerderfluss/core';
import { calculatePersonnelEligibility, determineEligibilityStart, RuleFlag } from '@foerderfluss/rules';
import type { Organisation } from '@foerderfluss/organisations';
import type { Application } from './application.entity';
import type { EarlyStartConsent } from './early-start-consent.entity';
import type { FundingCall } from './funding-call.entity';
import { checkPlanForSubmission } from './financing-plan';
import { isDeadlinePassed } from './funding-call-state';

export interface PositionCheck {
  label: string;
  actualCost: Money;
  eligible: Money;
  disallowed: Money;
  flagged: boolean;
}

export interface ReviewChecks {
  deadlineMet: boolean | null;
  providerHints: string[];
  planFindings: { path: string; message: string }[];
  personnel: { positions: PositionCheck[]; totals: { eligible: Money; disallowed: Money } };
  earlyStart: { eligibleFrom: CalendarDate; approvalBlocked: boolean; flags: RuleFlag[]; consentDate: CalendarDate | null };
  vatHint: string | null;
}

/**
 * The computed half of the Prüfung (DOMAIN §2 steps 2 and 4): what the rules say about this
 * application today. The checklist and the Votum are the reviewer's own half.
 */
export function computeReviewChecks(input: {
  app: Application;
  call: FundingCall;
  provider: Organisation;
  consents: EarlyStartConsent[];
  eligibleCategories: string[];
  decisionDate: CalendarDate;
  timeZone: string;
}): ReviewChecks {
  const { app, call, provider, consents } = input;
  const personnel = calculatePersonnelEligibility({
    positions: app.financingPlan.personnelPositions.map((p) => ({
      label: p.label,
      monthlyEmployerGross: Money.of(p.monthlyEmployerGross),
      comparisonAmount: Money.of(p.comparisonAmount),
      fte: dec(p.fte),
      months: dec(p.months),
    })),
  });
  // The earliest consent is the one that makes costs eligible soonest.
  const consentDate = consents.map((c) => CalendarDate.parse(c.consentDate)).sort((a, b) => a.compareTo(b))[0] ?? null;
  const early = determineEligibilityStart({
    periodStart: CalendarDate.parse(app.periodStart),
    decisionDate: input.decisionDate,
    ...(consentDate ? { earlyStartConsentDate: consentDate } : {}),
    ...(app.projectBegun && app.projectBegunOn ? { projectBegunOn: CalendarDate.parse(app.projectBegunOn) } : {}),
  });
  const hints: string[] = [];
  if (!provider.nonProfit) hints.push('Für den Träger ist keine Gemeinnützigkeit (Freistellungsbescheid) erfasst.');
  if (provider.bankAccountStatus !== 'CONFIRMED') hints.push('Die Bankverbindung des Trägers ist nicht bestätigt.');
  if (!provider.active) hints.push('Der Träger ist als inaktiv geführt.');
  return {
    deadlineMet: app.firstSubmittedAt ? !isDeadlinePassed(call.deadline, CalendarDate.todayIn(input.timeZone, app.firstSubmittedAt)) : null,
    providerHints: hints,
    planFindings: checkPlanForSubmission(app.financingPlan, input.eligibleCategories),
    personnel: {
      positions: personnel.positions.map((p) => ({ ...p, flagged: p.disallowed.isPositive() })),
      totals: { eligible: personnel.totals.eligible, disallowed: personnel.totals.disallowed },
    },
    earlyStart: { eligibleFrom: early.eligibleFrom, approvalBlocked: early.approvalBlocked, flags: early.flags, consentDate },
    vatHint:
      provider.vatDeductible !== app.vatDeductible
        ? `Die Angabe zum Vorsteuerabzug im Antrag (${app.vatDeductible ? 'ja' : 'nein'}) weicht von den Stammdaten des Trägers ab (${provider.vatDeductible ? 'ja' : 'nein'}).`
        : null,
  };
}
