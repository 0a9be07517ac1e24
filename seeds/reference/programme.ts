/**
 * The programme (Richtlinie) master data and its default parameters.
 *
 * Sources:
 *  - Title, publication, legal basis, ministry and Bewilligungsbehörde: shared/docs/DOMAIN.md
 *    (intro and §1). The Leitlinien (Abschnitte 2.5, 3.6, 4.1, 4.2) name the same Richtlinie
 *    as the Land's main funding tool, whose money the Kreis passes on to freie Träger.
 *  - Parameters: DOMAIN.md §7 "Parameters (defaults)". Each is also described in §§ 2–5.
 *  - Financing types: DOMAIN.md §3 and the glossary in ARCHITECTURE.md.
 *
 * Naming differences to check with the Fachbereich:
 *  - DOMAIN.md gives the title as "… von anerkannten Flüchtlingen in Thüringen". The
 *    Leitlinien quote it without "anerkannten". The DOMAIN.md title is used here.
 *  - DOMAIN.md abbreviates the ministry as TMMJV. The Leitlinien write "TMJMV" (2.5 and
 *    Leitlinie 6), but 2.5 spells it out as "Ministerium für Migration, Justiz und
 *    Verbraucherschutz". The ministry's name and abbreviation have changed with government
 *    reshuffles. If it has been renamed, only `ministryName`/`ministryCode` need to change.
 *
 * Parameters belong to the programme SOZIALBERATUNG_FLUECHTLINGE and hold from `validFrom`
 * (DOMAIN.md: "stored per programme (and per year where it can change)"). Values are
 * strings: decimals as decimal strings, enums and dates as literal codes. Business code must
 * read them from the database, never from this file.
 *
 * Reference seed: the programme is upserted by `code`, parameters by (programme code,
 * parameter `code`, `validFrom`).
 */

/** Finanzierungsart (ARCHITECTURE.md glossary). */
export type FinancingType = 'SHARE' | 'DEFICIT' | 'FULL' | 'FIXED';

export interface ProgrammeSeed {
  readonly code: string;
  /** Official German title of the Richtlinie. */
  readonly title: string;
  /** Short German name for lists and headers. */
  readonly shortTitle: string;
  /** Where the Richtlinie is published. */
  readonly publication: string;
  /** German legal-basis text, e.g. for Bescheide and exports. */
  readonly legalBasis: string;
  /** Ministry responsible for the Richtlinie. */
  readonly ministryCode: string;
  readonly ministryName: string;
  /** Bewilligungsbehörde towards the Landkreis. */
  readonly grantingAuthorityCode: string;
  readonly grantingAuthorityName: string;
  /** How the Land funds the Kreis (Anteilfinanzierung, rate = STATE_RATE_PERCENT). */
  readonly stateFinancingType: FinancingType;
  /** Finanzierungsarten the Kreis may use in Weiterleitungsbescheide/-verträge to Träger. */
  readonly eligibleFinancingTypes: readonly FinancingType[];
  /** Kostenarten eligible under this programme (must match cost-categories.ts). */
  readonly eligibleCostCategoryCodes: readonly string[];
  readonly validFrom: string;
}

export interface ProgrammeParameterSeed {
  readonly code: string;
  /** Always a string: decimal string, enum code or 'MM-DD'. */
  readonly value: string;
  readonly unit: string;
  /** German description for the parameter screen. */
  readonly description: string;
  readonly validFrom: string;
  /**
   * The Richtlinie leaves the value to each Kreis as Bewilligungsbehörde of its Träger (its own
   * procedure: Bagatellgrenze, Stichprobe, Mahnfristen); absent = the Land's value for every Kreis.
   */
  readonly districtChoice?: boolean;
}

export const PROGRAMME = {
  code: 'SOZIALBERATUNG_FLUECHTLINGE',
  title: 'Richtlinie zur Förderung der sozialen Beratung und Betreuung von anerkannten Flüchtlingen in Thüringen',
  shortTitle: 'Sozialberatungsrichtlinie Flüchtlinge',
  publication: 'ThürStAnz Nr. 5/2024',
  legalBasis:
    'Richtlinie zur Förderung der sozialen Beratung und Betreuung von anerkannten Flüchtlingen in Thüringen ' +
    '(ThürStAnz Nr. 5/2024) in Verbindung mit §§ 23 und 44 der Thüringer Landeshaushaltsordnung (ThürLHO) ' +
    'und den Verwaltungsvorschriften zu § 44 ThürLHO, den Allgemeinen Nebenbestimmungen für Zuwendungen zur ' +
    'Projektförderung (ANBest-P) für die Träger bzw. den ANBest-Gk für den Landkreis sowie §§ 48, 49 und 49a ' +
    'Thüringer Verwaltungsverfahrensgesetz (ThürVwVfG). Ein Rechtsanspruch auf die Zuwendung besteht nicht.',
  ministryCode: 'TMMJV',
  ministryName: 'Thüringer Ministerium für Migration, Justiz und Verbraucherschutz',
  grantingAuthorityCode: 'TLVwA',
  grantingAuthorityName: 'Thüringer Landesverwaltungsamt',
  stateFinancingType: 'SHARE',
  eligibleFinancingTypes: ['SHARE', 'DEFICIT', 'FULL', 'FIXED'],
  eligibleCostCategoryCodes: ['PERSONNEL', 'MATERIAL_ADMIN', 'FEES', 'INTERPRETING'],
  validFrom: '2024-01-01',
} as const satisfies ProgrammeSeed;

/** Array form, so the seeder can upsert programmes the same way as every other list. */
export const PROGRAMMES = [PROGRAMME] as const satisfies readonly ProgrammeSeed[];

export const PROGRAMME_PARAMETERS = [
  {
    code: 'PAYMENT_HORIZON_MONTHS',
    value: '2',
    unit: 'MONTHS',
    description:
      'Mittelabruf: Es dürfen nur Mittel angefordert werden, die innerhalb dieser Zahl von Monaten nach der ' +
      'Auszahlung für fällige Zahlungen benötigt werden; Grundlage auch für Zinsen nach § 49a Abs. 4 ThürVwVfG.',
    validFrom: '2024-01-01',
  },
  {
    code: 'INTEREST_SURCHARGE_PP',
    value: '5',
    unit: 'PERCENTAGE_POINTS',
    description:
      'Zinsaufschlag auf den Basiszinssatz (§ 247 BGB) in Prozentpunkten jährlich für Erstattungszinsen ' +
      '(§ 49a Abs. 3 ThürVwVfG) und Zinsen für nicht zeitgerecht verwendete Mittel (§ 49a Abs. 4 ThürVwVfG).',
    validFrom: '2024-01-01',
  },
  {
    code: 'DAY_COUNT',
    value: 'ACT_ACT',
    unit: 'DAY_COUNT_CONVENTION',
    description:
      'Zinstagezählung: tatsächliche Tage je Abschnitt geteilt durch die Tage des Kalenderjahres (ACT/ACT); ' +
      'alternativ ACT_365.',
    validFrom: '2024-01-01',
  },
  {
    code: 'DE_MINIMIS_AMOUNT',
    value: '500.00',
    unit: 'EUR',
    description:
      'Bagatellgrenze: Die Zuwendung wird nur ermäßigt, wenn sich die zuwendungsfähigen Ausgaben oder die ' +
      'Deckungsmittel gegenüber dem Finanzierungsplan um mehr als diesen Betrag geändert haben ' +
      '(nicht bei Festbetragsfinanzierung).',
    validFrom: '2024-01-01',
    districtChoice: true,
  },
  {
    code: 'PROOF_DUE_MONTHS',
    value: '6',
    unit: 'MONTHS',
    description:
      'Frist für den Verwendungsnachweis: spätestens mit Ablauf dieser Zahl von Monaten nach Ende des ' +
      'Bewilligungszeitraums.',
    validFrom: '2024-01-01',
  },
  {
    code: 'INTERIM_PROOF_DUE_DAY_MONTH',
    value: '04-30',
    unit: 'MM-DD',
    description:
      'Fälligkeit des Zwischennachweises (Monat-Tag) im Folgejahr für jedes Kalenderjahr eines mehrjährigen ' +
      'Bewilligungszeitraums, das nicht vom abschließenden Verwendungsnachweis erfasst wird.',
    validFrom: '2024-01-01',
  },
  {
    code: 'OVERRUN_TOLERANCE_PERCENT',
    value: '20',
    unit: 'PERCENT',
    description:
      'Zulässige Überschreitung eines Einzelansatzes des Finanzierungsplans, soweit sie durch Einsparungen ' +
      'bei anderen Ansätzen ausgeglichen wird (ANBest-P Nr. 1.2).',
    validFrom: '2024-01-01',
  },
  {
    code: 'SAMPLE_SHARE_PERCENT',
    value: '10',
    unit: 'PERCENT',
    description: 'Mindestanteil der Verwendungsnachweise, die in einer risikobasierten Stichprobe vertieft geprüft werden.',
    validFrom: '2024-01-01',
    districtChoice: true,
  },
  {
    code: 'RECEIPT_RETENTION_YEARS',
    value: '5',
    unit: 'YEARS',
    description:
      'Aufbewahrungsfrist für Belege in Jahren nach Vorlage des Verwendungsnachweises, soweit nicht nach ' +
      'Handels- oder Steuerrecht längere Fristen gelten.',
    validFrom: '2024-01-01',
  },
  {
    code: 'STATE_RATE_PERCENT',
    value: '80',
    unit: 'PERCENT',
    description:
      'Fördersatz des Landes gegenüber dem Landkreis (Anteilfinanzierung); den Rest trägt der Landkreis ' +
      'aus dem Kreishaushalt.',
    validFrom: '2024-01-01',
  },
  {
    code: 'DUNNING_FIRST_DAYS',
    value: '14',
    unit: 'DAYS',
    description:
      'Mahnwesen: So viele Tage nach Ablauf der Zahlungsfrist einer nicht (vollständig) beglichenen ' +
      'Rückforderung ergeht die 1. Mahnung.',
    validFrom: '2024-01-01',
    districtChoice: true,
  },
  {
    code: 'DUNNING_SECOND_DAYS',
    value: '14',
    unit: 'DAYS',
    description:
      'Mahnwesen: So viele Tage nach der 1. Mahnung ergeht die 2. Mahnung mit dem Hinweis auf die ' +
      'Vollstreckung; nach Ablauf ihrer Zahlungsfrist ist die Vollstreckung zu prüfen.',
    validFrom: '2024-01-01',
    districtChoice: true,
  },
  {
    code: 'DUNNING_PAYMENT_DAYS',
    value: '7',
    unit: 'DAYS',
    description: 'Mahnwesen: Zahlungsfrist, die eine Mahnung setzt, in Tagen ab ihrem Datum.',
    validFrom: '2024-01-01',
    districtChoice: true,
  },
] as const satisfies readonly ProgrammeParameterSeed[];

export type ProgrammeParameterCode = (typeof PROGRAMME_PARAMETERS)[number]['code'];
