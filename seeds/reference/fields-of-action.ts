/**
 * Handlungsfelder (fields of action) of the Landkreis Altenburger Land.
 *
 * Source: "Politische Leitlinien für Integration" des Landkreises Altenburger Land
 * (shared/context/leitlinien-integration-altenburger-land.txt):
 *  - `name`: the eight section headings of Kapitel 3 "Handlungsfelder mit Zielen und
 *    Maßnahmen", Abschnitte 3.1–3.8, verbatim; `sortOrder` follows that numbering.
 *  - `description`: short summary of the Ziele/Maßnahmen of each section plus the
 *    matching Leitlinie 1–8 from Abschnitt 3.9 (named in brackets).
 *
 * An Antrag names one of these (DOMAIN.md §2). Reference seed: upserted by `code`, which
 * must never change once data references it. Fix typos in `name`/`description` freely.
 */

export interface FieldOfActionSeed {
  readonly code: string;
  /** German display name, as the heading in Leitlinien Kapitel 3. */
  readonly name: string;
  /** Short German summary (Leitlinien 3.x Ziele/Maßnahmen, 3.9 Leitlinie). */
  readonly description: string;
  readonly sortOrder: number;
}

export const FIELDS_OF_ACTION = [
  {
    code: 'LANGUAGE_EDUCATION',
    name: 'Bildung, Sprache und frühkindliche Förderung',
    description:
      'Frühzeitige und durchgängige Sprachförderung in Kita, Schule und außerschulischen Angeboten, ' +
      'Chancengleichheit in Bildung und Ausbildung, Begleitung der Übergänge von der Kita bis in den Beruf ' +
      'und Einbindung der Eltern (Leitlinie 1: Bildung und Sprache sichern).',
    sortOrder: 1,
  },
  {
    code: 'LABOUR_MARKET',
    name: 'Arbeitsmarkt, Qualifizierung und wirtschaftliche Teilhabe',
    description:
      'Zugang Zugewanderter zum Arbeitsmarkt beschleunigen und sichern: Anerkennung ausländischer ' +
      'Abschlüsse, berufsbezogene Sprachförderung mit Qualifizierung verknüpfen, Praktika und Ausbildung, ' +
      'Unternehmen gewinnen, Diskriminierung im Arbeitsleben abbauen (Leitlinie 2: Arbeitsmarktintegration beschleunigen).',
    sortOrder: 2,
  },
  {
    code: 'HOUSING_SOCIAL_INFRASTRUCTURE',
    name: 'Wohnen und soziale Infrastruktur',
    description:
      'Ausreichender und bezahlbarer Wohnraum, dezentrale Unterbringung nach dem ThürFlüAG mit Anbindung an ' +
      'Bildung, Gesundheit und Mobilität, soziale Durchmischung sowie wohnbegleitende Sozialberatung, ' +
      'Quartiers- und Nachbarschaftsarbeit (Leitlinie 3: Wohnraumversorgung stärken).',
    sortOrder: 3,
  },
  {
    code: 'HEALTH_PSYCHOSOCIAL_CARE',
    name: 'Gesundheit und psychosoziale Versorgung',
    description:
      'Gesundheitliche Grundversorgung unabhängig von Herkunft und Aufenthaltsstatus, Abbau von Sprach- und ' +
      'Informationsbarrieren (z. B. Sprachmittlung), Anbindung an die Psychosozialen Zentren Thüringens und ' +
      'niedrigschwellige Angebote vor Ort (Leitlinie 4: Gesundheit und psychosoziale Unterstützung gewährleisten).',
    sortOrder: 4,
  },
  {
    code: 'POLITICAL_SOCIAL_PARTICIPATION',
    name: 'Politische und gesellschaftliche Teilhabe',
    description:
      'Politische Beteiligung Zugewanderter stärken und den Beirat für Migration und Integration sichtbarer ' +
      'machen, Zugänge zu Vereinen, Initiativen und Ehrenamt erleichtern, mehrsprachig über demokratische ' +
      'Rechte informieren (Leitlinie 5: Politische und gesellschaftliche Teilhabe ermöglichen).',
    sortOrder: 5,
  },
  {
    code: 'ADMINISTRATION_INTERCULTURAL_OPENING',
    name: 'Verwaltung, interkulturelle Öffnung und Steuerung',
    description:
      'Interkulturelle Öffnung der Kreisverwaltung als dauerhafter Prozess, Steuerung durch das ' +
      'Integrationsmanagement einschließlich der Weiterleitung von Landesmitteln, datenbasiertes ' +
      'Integrationsmonitoring und Kooperation mit Kommunen und freien Trägern ' +
      '(Leitlinie 6: Verwaltung interkulturell öffnen und steuern).',
    sortOrder: 6,
  },
  {
    code: 'ANTI_DISCRIMINATION',
    name: 'Antidiskriminierung und rechtliche Gleichbehandlung',
    description:
      'Diskriminierung erfassen und sichtbar machen, rechtliche Gleichbehandlung sichern, eine regionale ' +
      'Anlaufstelle für Antidiskriminierungsberatung aufbauen, Sensibilisierung und zivilgesellschaftliche ' +
      'Initiativen fördern (Leitlinie 7: Antidiskriminierung und Gleichbehandlung sichern).',
    sortOrder: 7,
  },
  {
    code: 'CULTURE_LEISURE_SPORT',
    name: 'Kultur, Freizeit, Sport und Begegnung',
    description:
      'Kulturelle und sportliche Teilhabe erleichtern, Begegnungsräume schaffen, Vereine sowie Kultur- und ' +
      'Sporteinrichtungen bei der interkulturellen Öffnung begleiten und Kinder und Jugendliche an Angebote ' +
      'heranführen (Leitlinie 8: Kultur, Freizeit und Sport als Integrationsmotoren nutzen).',
    sortOrder: 8,
  },
] as const satisfies readonly FieldOfActionSeed[];

export type FieldOfActionCode = (typeof FIELDS_OF_ACTION)[number]['code'];
