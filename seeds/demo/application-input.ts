import { Money } from '@foerderfluss/core';
import { ApplicationContent, FinancingPlanDoc, positionCost } from '@foerderfluss/applications';
import type { DemoApplication } from './applications-2026';

/**
 * The eligible choices of every demo Projektaufruf (one Richtlinie for all years and Kreise): all
 * Handlungsfelder, and the Kostenarten without investments.
 */
export const DEMO_CALL_FIELDS_OF_ACTION = [
  'LANGUAGE_EDUCATION', 'LABOUR_MARKET', 'HOUSING_SOCIAL_INFRASTRUCTURE', 'HEALTH_PSYCHOSOCIAL_CARE',
  'POLITICAL_SOCIAL_PARTICIPATION', 'ADMINISTRATION_INTERCULTURAL_OPENING', 'ANTI_DISCRIMINATION', 'CULTURE_LEISURE_SPORT',
];
export const DEMO_CALL_COST_CATEGORIES = ['PERSONNEL', 'MATERIAL_ADMIN', 'FEES', 'INTERPRETING'];

/** The Antrag's Kosten- und Finanzierungsplan; `grantSource` names the Kreis that grants (issue 20: Greiz, Saale-Orla). */
export function demoPlan(a: DemoApplication, grantSource = 'Zuwendung Landkreis Altenburger Land'): FinancingPlanDoc {
  const positions = a.positions.map((p) => ({
    label: p.label,
    payGrade: p.payGrade,
    monthlyEmployerGross: p.gross,
    comparisonAmount: p.comparison,
    fte: p.fte,
    months: p.months,
  }));
  const personnel = Money.sum(positions.map(positionCost));
  const costLines = [
    ...(positions.length ? [{ category: 'PERSONNEL', description: positions.map((p) => `${p.label} ${p.fte} VZÄ`).join(', '), amount: personnel.toApiString() }] : []),
    ...a.costs.map((c) => ({ category: c.category, description: c.description, amount: c.amount })),
  ];
  const total = Money.sum(costLines.map((c) => Money.of(c.amount)));
  const third = Money.sum(a.thirdParty.map((t) => Money.of(t.amount)));
  const grant = total.minus(Money.of(a.ownFunds)).minus(third);
  return {
    costLines,
    personnelPositions: positions,
    fundingLines: [
      ...(Money.of(a.ownFunds).isPositive() ? [{ kind: 'OWN_FUNDS' as const, source: 'Eigenmittel des Trägers', amount: a.ownFunds }] : []),
      ...a.thirdParty.map((t) => ({ kind: 'THIRD_PARTY' as const, source: t.source, amount: t.amount })),
      { kind: 'GRANT' as const, source: grantSource, amount: grant.toApiString() },
    ],
  };
}

/**
 * A demo Antrag as its Träger enters it: for the whole `year` (or until the spec's `periodEnd`),
 * not begun early, no telephone, the Besserstellungsverbot respected. One place for the form, so
 * the Altenburger Land's round, the further Kreise's and the settled years file the same Antrag.
 */
export function applicationInput(
  spec: DemoApplication,
  options: { year?: number; grantSource?: string; vatDeductible?: boolean; otherPublicFunding?: string | null } = {},
): ApplicationContent {
  const year = options.year ?? 2026;
  return {
    title: spec.title,
    purpose: spec.purpose,
    targetGroup: spec.targetGroup,
    fieldsOfAction: spec.fieldsOfAction,
    socialAreaCode: spec.socialAreaCode,
    municipality: spec.municipality,
    periodStart: `${year}-01-01`,
    periodEnd: spec.periodEnd ?? `${year}-12-31`,
    plannedStart: `${year}-01-01`,
    contactName: spec.contactName,
    contactEmail: spec.contactEmail,
    contactPhone: null,
    projectBegun: false,
    projectBegunOn: null,
    vatDeductible: options.vatDeductible ?? false,
    otherPublicFunding: options.otherPublicFunding ?? null,
    betterPositionRespected: true,
    financingPlan: demoPlan(spec, options.grantSource),
  };
}
