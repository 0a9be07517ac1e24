/**
 * Kennzahlen per Handlungsfeld (issue 19): the defaults a new installation starts with. The Kreis
 * owns them afterwards (staff change names, units, add and retire Kennzahlen in the app), so each
 * row is inserted once, ever (reference_seed_row), and a restart never undoes a change.
 *
 * Source: the Maßnahmen of the Leitlinien Kapitel 3 (shared/context/), reduced to what a Träger
 * can count without personal data: Gespräche, Personen (counted, never named), Stunden, Kurse,
 * Vermittlungen. `code` is stable; the same code may appear in several Handlungsfelder.
 */
export interface IndicatorSeed {
  readonly fieldOfAction: string;
  readonly code: string;
  readonly name: string;
  readonly unit: string;
  readonly aggregation: 'SUM' | 'AVERAGE';
}

const sum = (fieldOfAction: string, code: string, name: string, unit: string): IndicatorSeed => ({ fieldOfAction, code, name, unit, aggregation: 'SUM' });

export const INDICATORS: readonly IndicatorSeed[] = [
  sum('LANGUAGE_EDUCATION', 'CONSULTATIONS', 'Beratungen', 'Gespräche'),
  sum('LANGUAGE_EDUCATION', 'PERSONS_COUNSELLED', 'beratene Personen', 'Personen'),
  sum('LANGUAGE_EDUCATION', 'COURSES', 'Sprach- und Lernkurse', 'Kurse'),
  sum('LANGUAGE_EDUCATION', 'LANGUAGE_MEDIATION_HOURS', 'Sprachmittlungsstunden', 'Stunden'),
  sum('LABOUR_MARKET', 'CONSULTATIONS', 'Beratungen', 'Gespräche'),
  sum('LABOUR_MARKET', 'PERSONS_COUNSELLED', 'beratene Personen', 'Personen'),
  sum('LABOUR_MARKET', 'JOB_PLACEMENTS', 'Vermittlungen in Arbeit oder Ausbildung', 'Vermittlungen'),
  sum('HOUSING_SOCIAL_INFRASTRUCTURE', 'CONSULTATIONS', 'Beratungen', 'Gespräche'),
  sum('HOUSING_SOCIAL_INFRASTRUCTURE', 'PERSONS_COUNSELLED', 'beratene Personen', 'Personen'),
  sum('HOUSING_SOCIAL_INFRASTRUCTURE', 'HOUSING_REFERRALS', 'Vermittlungen in Wohnraum', 'Vermittlungen'),
  sum('HEALTH_PSYCHOSOCIAL_CARE', 'CONSULTATIONS', 'Beratungen', 'Gespräche'),
  sum('HEALTH_PSYCHOSOCIAL_CARE', 'PERSONS_COUNSELLED', 'beratene Personen', 'Personen'),
  sum('HEALTH_PSYCHOSOCIAL_CARE', 'ACCOMPANIED_APPOINTMENTS', 'begleitete Termine', 'Termine'),
  sum('HEALTH_PSYCHOSOCIAL_CARE', 'LANGUAGE_MEDIATION_HOURS', 'Sprachmittlungsstunden', 'Stunden'),
  sum('POLITICAL_SOCIAL_PARTICIPATION', 'EVENTS', 'Veranstaltungen', 'Veranstaltungen'),
  sum('POLITICAL_SOCIAL_PARTICIPATION', 'PARTICIPANTS', 'Teilnehmende', 'Personen'),
  sum('ADMINISTRATION_INTERCULTURAL_OPENING', 'TRAININGS', 'Schulungen interkultureller Kompetenz', 'Schulungen'),
  sum('ADMINISTRATION_INTERCULTURAL_OPENING', 'PARTICIPANTS', 'geschulte Beschäftigte', 'Personen'),
  sum('ADMINISTRATION_INTERCULTURAL_OPENING', 'LANGUAGE_MEDIATION_HOURS', 'Sprachmittlungsstunden', 'Stunden'),
  sum('ANTI_DISCRIMINATION', 'CONSULTATIONS', 'Beratungen bei Diskriminierung', 'Gespräche'),
  sum('ANTI_DISCRIMINATION', 'EVENTS', 'Veranstaltungen', 'Veranstaltungen'),
  sum('CULTURE_LEISURE_SPORT', 'EVENTS', 'Veranstaltungen und Angebote', 'Veranstaltungen'),
  sum('CULTURE_LEISURE_SPORT', 'PARTICIPANTS', 'Teilnehmende', 'Personen'),
  { fieldOfAction: 'CULTURE_LEISURE_SPORT', code: 'PARTICIPANTS_PER_EVENT', name: 'Teilnehmende je Veranstaltung', unit: 'Personen', aggregation: 'AVERAGE' },
];
