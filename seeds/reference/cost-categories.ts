/**
 * Kostenarten (cost categories) of the Kosten- und Finanzierungsplan.
 *
 * Source: the Leitlinien say nothing about Kostenarten. These come from
 * shared/docs/DOMAIN.md §2 (Antrag: "Ausgaben are grouped by Kostenart: Personal …,
 * Sach- und Verwaltungsausgaben, Honorare, Dolmetschleistungen. Investitionen are not
 * eligible under this Richtlinie") and §4 (Besserstellungsverbot for Personal, ANBest-P Nr. 1.3).
 * The examples in the descriptions are typical Zuwendungspraxis, not quotes from the Richtlinie.
 *
 * `eligibleInProgramme` is the default for the programme SOZIALBERATUNG_FLUECHTLINGE.
 * programme.ts repeats it as `eligibleCostCategoryCodes` (the per-programme list DOMAIN.md
 * asks for), and seeds-data.spec.ts checks that the two agree.
 *
 * Reference seed: upserted by `code`.
 */

export interface CostCategorySeed {
  readonly code: string;
  /** German display name. */
  readonly name: string;
  readonly description: string;
  /** Whether costs of this category are eligible under the Sozialberatungsrichtlinie. */
  readonly eligibleInProgramme: boolean;
  readonly sortOrder: number;
}

export const COST_CATEGORIES = [
  {
    code: 'PERSONNEL',
    name: 'Personalausgaben',
    description:
      'Ausgaben für das im Projekt eingesetzte Personal je Stelle (Entgeltgruppe, VZÄ, Monate). ' +
      'Zuwendungsfähig höchstens bis zum vergleichbaren TV-L-Betrag (Besserstellungsverbot, ANBest-P Nr. 1.3).',
    eligibleInProgramme: true,
    sortOrder: 1,
  },
  {
    code: 'MATERIAL_ADMIN',
    name: 'Sach- und Verwaltungsausgaben',
    description:
      'Laufende sächliche Ausgaben und Verwaltungsausgaben des Projekts, z. B. Raum-, Büro-, ' +
      'Kommunikations- und Reisekosten.',
    eligibleInProgramme: true,
    sortOrder: 2,
  },
  {
    code: 'FEES',
    name: 'Honorare',
    description: 'Vergütungen für Leistungen auf Honorarbasis, z. B. Referentinnen und Referenten oder Kursleitungen.',
    eligibleInProgramme: true,
    sortOrder: 3,
  },
  {
    code: 'INTERPRETING',
    name: 'Dolmetschleistungen',
    description: 'Ausgaben für Dolmetsch- und Sprachmittlungsleistungen in Beratung und Betreuung.',
    eligibleInProgramme: true,
    sortOrder: 4,
  },
  {
    code: 'INVESTMENT',
    name: 'Investitionen',
    description:
      'Investitionsausgaben (Anschaffungen mit mehrjähriger Nutzung). Nach der Sozialberatungsrichtlinie ' +
      'nicht zuwendungsfähig; die Kostenart ist nur für andere Programme angelegt.',
    eligibleInProgramme: false,
    sortOrder: 5,
  },
] as const satisfies readonly CostCategorySeed[];

export type CostCategoryCode = (typeof COST_CATEGORIES)[number]['code'];
