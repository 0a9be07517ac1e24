/**
 * The 2026 application round of the demo (issue 6): one Projektaufruf and twelve Anträge of the
 * demo Träger across the Handlungsfelder and Sozialräume of the Leitlinien, mostly Altenburg and
 * Schmölln. Projects, people and amounts are invented; the financing plans balance and the
 * personnel lines rest on their positions (TV-L 2025 comparison amounts, rounded).
 */

export type DemoOutcome =
  | { kind: 'DRAFT' }
  | { kind: 'SUBMITTED' }
  | { kind: 'IN_REVIEW'; votum: 'APPROVE' | 'APPROVE_PARTIAL' | 'REJECT'; reasons: string }
  | { kind: 'CHANGES_REQUESTED'; request: string }
  | { kind: 'PROPOSED'; instrument: 'BESCHEID' | 'VERTRAG'; financingType: 'SHARE' | 'DEFICIT' | 'FULL'; fundingRatePercent?: string }
  | { kind: 'APPROVED'; instrument: 'BESCHEID' | 'VERTRAG'; financingType: 'SHARE' | 'DEFICIT' | 'FULL'; fundingRatePercent?: string; specialConditions: string[] }
  | { kind: 'REJECTED'; reasons: string };

export interface DemoPosition {
  label: string;
  payGrade: string;
  gross: string;
  comparison: string;
  fte: string;
  months: string;
}

export interface DemoApplication {
  providerCode: string;
  title: string;
  purpose: string;
  targetGroup: string;
  fieldsOfAction: string[];
  socialAreaCode: string;
  municipality: string | null;
  contactName: string;
  contactEmail: string;
  positions: DemoPosition[];
  /** Other cost lines by Kostenart, with a description. */
  costs: { category: 'MATERIAL_ADMIN' | 'FEES' | 'INTERPRETING'; description: string; amount: string }[];
  ownFunds: string;
  thirdParty: { source: string; amount: string }[];
  /** Day of submission in 2025 (before the Ausschlussfrist of 12.10.2025). */
  submittedOn: string;
  /** End of the Bewilligungszeitraum, if the project does not run the whole of 2026. */
  periodEnd?: string;
  outcome: DemoOutcome;
}

export const DEMO_CALL_2026 = {
  title: 'Projektaufruf 2026: Soziale Beratung und Betreuung anerkannter Flüchtlinge im Altenburger Land',
  text:
    'Der Landkreis Altenburger Land ruft freie Träger auf, Anträge für Projekte der sozialen Beratung und Betreuung ' +
    'anerkannter Flüchtlinge im Jahr 2026 zu stellen (Richtlinie des Freistaats Thüringen, ThürStAnz 5/2024, in ' +
    'Verbindung mit den Leitlinien Integration des Landkreises). Gefördert werden Personal-, Sach- und ' +
    'Verwaltungsausgaben, Honorare und Dolmetschleistungen; Investitionen sind nicht förderfähig. Vorrang haben ' +
    'Angebote in Altenburg und Schmölln sowie im ländlichen Süden und Osten. Anträge sind bis zum 12.10.2025 ' +
    '(Ausschlussfrist) einzureichen.',
  openingDate: '2025-08-15',
  deadline: '2025-10-12',
};

export const DEMO_ROUND_2026 = {
  resolutionBody: 'Ausschuss für Soziales, Gesundheit und Integration des Kreistags',
  resolutionDate: '2025-12-03',
  resolutionNumber: 'AS 2025/041 (Demo)',
};

const position = (label: string, payGrade: string, gross: string, comparison: string, fte: string, months = '12'): DemoPosition => ({
  label,
  payGrade,
  gross,
  comparison,
  fte,
  months,
});

export const DEMO_APPLICATIONS_2026: readonly DemoApplication[] = [
  {
    providerCode: 'PROVIDER_PROTESTANT_SOCIAL_WORK',
    title: 'Migrationssozialberatung Altenburg',
    purpose: 'Offene Sozialberatung für anerkannte Geflüchtete: Leistungsansprüche, Behördenkontakte, Wohnungssuche, Vermittlung in Sprachkurse und Fachdienste.',
    targetGroup: 'anerkannte Geflüchtete und ihre Familien in der Stadt Altenburg',
    fieldsOfAction: ['HOUSING_SOCIAL_INFRASTRUCTURE', 'LABOUR_MARKET'],
    socialAreaCode: 'ALTENBURG',
    municipality: 'Altenburg',
    contactName: 'Friederike Lange',
    contactEmail: 'friederike.lange@demo.foerderfluss.de',
    positions: [position('Sozialarbeiter/in (B.A.)', 'TV-L S 12', '5150.00', '5150.00', '1'), position('Sozialarbeiter/in (B.A.)', 'TV-L S 12', '5150.00', '5150.00', '0.5')],
    costs: [
      { category: 'MATERIAL_ADMIN', description: 'Miete Beratungsbüro Markt 5, Telefon, Büromaterial', amount: '9600.00' },
      { category: 'INTERPRETING', description: 'Sprachmittlung Arabisch, Dari, Ukrainisch', amount: '6000.00' },
    ],
    ownFunds: '5000.00',
    thirdParty: [],
    submittedOn: '2025-09-24',
    outcome: {
      kind: 'APPROVED',
      instrument: 'BESCHEID',
      financingType: 'DEFICIT',
      specialConditions: ['Halbjährliche Kurzberichte zu Beratungszahlen (ohne personenbezogene Daten) an das Integrationsmanagement.'],
    },
  },
  {
    providerCode: 'PROVIDER_CATHOLIC_SOCIAL_SERVICE',
    title: 'Psychosoziale Erstberatung Schmölln',
    purpose: 'Niedrigschwellige psychosoziale Erstberatung und Vermittlung in Therapie für belastete Geflüchtete im Raum Schmölln.',
    targetGroup: 'Geflüchtete mit psychischen Belastungen im Sozialraum Schmölln und Oberes Sprottental',
    fieldsOfAction: ['HEALTH_PSYCHOSOCIAL_CARE'],
    socialAreaCode: 'SCHMOELLN_SPROTTENTAL',
    municipality: 'Schmölln',
    contactName: 'Jonas Hartmann',
    contactEmail: 'jonas.hartmann@demo.foerderfluss.de',
    positions: [position('Psychologische Beratung', 'TV-L E 13', '6450.00', '6450.00', '0.5')],
    costs: [
      { category: 'MATERIAL_ADMIN', description: 'Raummiete Beratungsstelle Schmölln, Fahrtkosten', amount: '7200.00' },
      { category: 'FEES', description: 'Honorare Traumafachberatung (Supervision)', amount: '4800.00' },
      { category: 'INTERPRETING', description: 'Sprachmittlung in der Beratung', amount: '5100.00' },
    ],
    ownFunds: '6000.00',
    thirdParty: [{ source: 'Bistum Dresden-Meißen, Projektmittel', amount: '4000.00' }],
    submittedOn: '2025-10-02',
    outcome: { kind: 'APPROVED', instrument: 'BESCHEID', financingType: 'SHARE', fundingRatePercent: '85', specialConditions: [] },
  },
  {
    providerCode: 'PROVIDER_WELFARE_ASSOCIATION',
    title: 'Begleitung in Ausbildung und Arbeit Schmölln',
    purpose: 'Einzelbegleitung Geflüchteter beim Übergang in Ausbildung und Arbeit, Kontakte zu Betrieben im Schmöllner Land, Anerkennungsberatung.',
    targetGroup: 'anerkannte Geflüchtete zwischen 18 und 35 Jahren',
    fieldsOfAction: ['LABOUR_MARKET'],
    socialAreaCode: 'SCHMOELLN_SPROTTENTAL',
    municipality: 'Schmölln',
    contactName: 'Kerstin Vogt',
    contactEmail: 'kerstin.vogt@demo.foerderfluss.de',
    positions: [position('Job-Coach', 'TV-L E 9b', '4900.00', '4900.00', '1')],
    costs: [
      { category: 'MATERIAL_ADMIN', description: 'Büro, Fahrtkosten zu Betrieben, Bewerbungsmaterial', amount: '6900.00' },
      { category: 'FEES', description: 'Honorare Bewerbungstraining', amount: '3000.00' },
    ],
    ownFunds: '0.00',
    thirdParty: [],
    submittedOn: '2025-10-06',
    outcome: { kind: 'APPROVED', instrument: 'VERTRAG', financingType: 'FULL', specialConditions: ['Abstimmung mit dem Jobcenter Altenburger Land im Quartalsgespräch.'] },
  },
  {
    providerCode: 'PROVIDER_MIGRANT_ORGANISATION',
    title: 'Lotsendienst Meuselwitz',
    purpose: 'Ehrenamtliche Lotsen aus der Community begleiten Neuzugezogene zu Ämtern, Ärzten und Schulen.',
    targetGroup: 'neu zugezogene Geflüchtete in Meuselwitz, Lucka und Rositz',
    fieldsOfAction: ['POLITICAL_SOCIAL_PARTICIPATION'],
    socialAreaCode: 'MEUSELWITZ_LUCKA_ROSITZ',
    municipality: 'Meuselwitz',
    contactName: 'Samira Haddad',
    contactEmail: 'samira.haddad@demo.foerderfluss.de',
    positions: [position('Koordination Lotsendienst', 'TV-L E 8', '4300.00', '4300.00', '0.5')],
    costs: [
      { category: 'MATERIAL_ADMIN', description: 'Ehrenamtspauschalen, Fahrtkosten, Schulungsraum', amount: '9800.00' },
      { category: 'FEES', description: 'Schulungen der Lotsen', amount: '2400.00' },
    ],
    ownFunds: '1500.00',
    thirdParty: [],
    submittedOn: '2025-10-10',
    outcome: {
      kind: 'REJECTED',
      reasons:
        'Die Maßnahme wird für denselben Zeitraum bereits aus dem Landesprogramm „Integration vor Ort“ gefördert (Doppelförderung, Nr. 1.4 ANBest-P). ' +
        'Eine Förderung nach der Richtlinie ist daneben nicht möglich. Ein Rechtsanspruch auf die Zuwendung besteht nicht.',
    },
  },
  {
    providerCode: 'PROVIDER_EDUCATION',
    title: 'Berufsbezogene Sprachlernberatung',
    purpose: 'Beratung zu Sprachkursen (Integrationskurs, Berufssprachkurs), Lernbegleitung und Prüfungsvorbereitung.',
    targetGroup: 'Geflüchtete mit Sprachförderbedarf im Raum Altenburg',
    fieldsOfAction: ['LANGUAGE_EDUCATION', 'LABOUR_MARKET'],
    socialAreaCode: 'ALTENBURG',
    municipality: 'Altenburg',
    contactName: 'Dr. Ulrike Berger',
    contactEmail: 'ulrike.berger@demo.foerderfluss.de',
    positions: [position('Lernberatung', 'TV-L E 10', '5300.00', '5250.00', '0.75')],
    costs: [{ category: 'MATERIAL_ADMIN', description: 'Lernmaterial (netto, vorsteuerabzugsberechtigt), Raumkosten', amount: '4800.00' }],
    ownFunds: '2000.00',
    thirdParty: [],
    submittedOn: '2025-09-30',
    outcome: { kind: 'PROPOSED', instrument: 'BESCHEID', financingType: 'DEFICIT' },
  },
  {
    providerCode: 'PROVIDER_YOUTH_WELFARE',
    title: 'Familienberatung für geflüchtete Familien',
    purpose: 'Aufsuchende Beratung von Familien zu Kita, Schule und Erziehung im ländlichen Süden des Landkreises.',
    targetGroup: 'geflüchtete Familien mit Kindern in Gößnitz, Ponitz und Nobitz',
    fieldsOfAction: ['LANGUAGE_EDUCATION'],
    socialAreaCode: 'GOESSNITZ_NOBITZ',
    municipality: 'Gößnitz',
    contactName: 'Kevin Schubert',
    contactEmail: 'kevin.schubert@demo.foerderfluss.de',
    positions: [position('Familienberatung', 'TV-L S 11b', '4850.00', '4850.00', '0.75')],
    costs: [
      { category: 'MATERIAL_ADMIN', description: 'Fahrtkosten aufsuchende Arbeit, Telefon', amount: '3600.00' },
      { category: 'INTERPRETING', description: 'Sprachmittlung bei Elterngesprächen', amount: '2400.00' },
    ],
    ownFunds: '1650.00',
    thirdParty: [],
    submittedOn: '2025-10-08',
    outcome: { kind: 'IN_REVIEW', votum: 'APPROVE', reasons: 'Bedarf im ländlichen Süden belegt (Leitlinien 3.1); Kosten plausibel.' },
  },
  {
    providerCode: 'PROVIDER_SPORTS_CLUB',
    title: 'Begegnung durch Sport Lucka',
    purpose: 'Wöchentliche offene Sportangebote mit Beratungssprechstunde für Geflüchtete und Einheimische.',
    targetGroup: 'Jugendliche und junge Erwachsene in Lucka und Meuselwitz',
    fieldsOfAction: ['CULTURE_LEISURE_SPORT'],
    socialAreaCode: 'MEUSELWITZ_LUCKA_ROSITZ',
    municipality: 'Lucka',
    contactName: 'Ahmad Haddad',
    contactEmail: 'ahmad.haddad@demo.foerderfluss.de',
    positions: [],
    costs: [
      { category: 'FEES', description: 'Übungsleiterhonorare 2 × wöchentlich', amount: '9600.00' },
      { category: 'MATERIAL_ADMIN', description: 'Hallenmiete, Sportmaterial', amount: '4400.00' },
    ],
    ownFunds: '1400.00',
    thirdParty: [],
    submittedOn: '2025-10-11',
    outcome: { kind: 'CHANGES_REQUESTED', request: 'Bitte den Anteil der Beratungssprechstunde an den Honoraren ausweisen; reine Freizeitangebote sind nach der Richtlinie nicht förderfähig.' },
  },
  {
    providerCode: 'PROVIDER_PROTESTANT_SOCIAL_WORK',
    title: 'Wohnungslotsen Altenburger Land',
    purpose: 'Unterstützung bei Wohnungssuche, Mietverträgen und Nachbarschaftskonflikten; Zusammenarbeit mit Wohnungsgesellschaften.',
    targetGroup: 'anerkannte Geflüchtete mit Wohnungsbedarf im ganzen Landkreis',
    fieldsOfAction: ['HOUSING_SOCIAL_INFRASTRUCTURE'],
    socialAreaCode: 'DISTRICT_WIDE',
    municipality: null,
    contactName: 'Friederike Lange',
    contactEmail: 'friederike.lange@demo.foerderfluss.de',
    positions: [position('Wohnungslotse/Wohnungslotsin', 'TV-L E 9a', '4650.00', '4650.00', '0.5')],
    costs: [
      { category: 'MATERIAL_ADMIN', description: 'Fahrtkosten, Telefon', amount: '2800.00' },
      { category: 'INTERPRETING', description: 'Sprachmittlung bei Wohnungsbesichtigungen', amount: '1500.00' },
    ],
    ownFunds: '1200.00',
    thirdParty: [],
    submittedOn: '2025-10-09',
    outcome: { kind: 'SUBMITTED' },
  },
  {
    providerCode: 'PROVIDER_CATHOLIC_SOCIAL_SERVICE',
    title: 'Antidiskriminierungsberatung (Entwurf)',
    purpose: 'Beratung bei Diskriminierung auf dem Wohnungs- und Arbeitsmarkt; Schulungen für Ehrenamtliche.',
    targetGroup: 'Betroffene von Diskriminierung im Landkreis',
    fieldsOfAction: ['ANTI_DISCRIMINATION'],
    socialAreaCode: 'DISTRICT_WIDE',
    municipality: null,
    contactName: 'Jonas Hartmann',
    contactEmail: 'jonas.hartmann@demo.foerderfluss.de',
    positions: [],
    costs: [{ category: 'FEES', description: 'Honorare Fachberatung', amount: '6000.00' }],
    ownFunds: '600.00',
    thirdParty: [],
    submittedOn: '2025-10-01',
    outcome: { kind: 'DRAFT' },
  },
  // Two half-year projects (01.01.–30.06.2026): their Verwendungsnachweise are in and settled by
  // now, so the demo shows the whole lifecycle. Listed last and submitted on the last day before
  // the deadline, so their decisions follow FF-2026-0001…0005.
  {
    providerCode: 'PROVIDER_MIGRANT_ORGANISATION',
    title: 'Sprachmittlerpool Behördengänge (1. Halbjahr 2026)',
    purpose: 'Qualifizierte Sprachmittlung (Arabisch, Dari, Tigrinya, Ukrainisch) für Termine bei Jobcenter, Ausländerbehörde und Wohngeldstelle.',
    targetGroup: 'anerkannte Geflüchtete ohne ausreichende Deutschkenntnisse im Raum Meuselwitz',
    fieldsOfAction: ['ADMINISTRATION_INTERCULTURAL_OPENING'],
    socialAreaCode: 'MEUSELWITZ_LUCKA_ROSITZ',
    municipality: 'Meuselwitz',
    contactName: 'Samira Haddad',
    contactEmail: 'samira.haddad@demo.foerderfluss.de',
    positions: [],
    costs: [
      { category: 'INTERPRETING', description: 'Sprachmittlung, 2.000 € im Monat', amount: '12000.00' },
      { category: 'MATERIAL_ADMIN', description: 'Koordination, Telefon, Fahrtkosten', amount: '1800.00' },
    ],
    ownFunds: '0.00',
    thirdParty: [],
    submittedOn: '2025-10-11',
    periodEnd: '2026-06-30',
    outcome: { kind: 'APPROVED', instrument: 'BESCHEID', financingType: 'FULL', specialConditions: [] },
  },
  {
    providerCode: 'PROVIDER_YOUTH_WELFARE',
    title: 'Lernbegleitung Schmölln (1. Halbjahr 2026)',
    purpose: 'Lernbegleitung und Ferienkurse für geflüchtete Schülerinnen und Schüler, Beratung der Eltern zu Schule und Ausbildung.',
    targetGroup: 'geflüchtete Kinder und Jugendliche in Schmölln und im Sprottental',
    fieldsOfAction: ['LANGUAGE_EDUCATION'],
    socialAreaCode: 'SCHMOELLN_SPROTTENTAL',
    municipality: 'Schmölln',
    contactName: 'Kevin Schubert',
    contactEmail: 'kevin.schubert@demo.foerderfluss.de',
    positions: [position('Lernbegleitung', 'TV-L S 11b', '4200.00', '4200.00', '0.5', '6')],
    costs: [
      { category: 'MATERIAL_ADMIN', description: 'Raummiete, Lernmaterial', amount: '1000.00' },
      { category: 'FEES', description: 'Honorare Oster- und Pfingstferienkurse', amount: '2400.00' },
    ],
    ownFunds: '800.00',
    thirdParty: [],
    submittedOn: '2025-10-11',
    periodEnd: '2026-06-30',
    outcome: { kind: 'APPROVED', instrument: 'BESCHEID', financingType: 'DEFICIT', specialConditions: [] },
  },
  // A third half-year project, of the main demo Träger (traeger@): paid out, its Verwendungsnachweis
  // due 31.12.2026 and not yet submitted, so the Träger has a VN to do whatever today's date is.
  // Listed last, so its decision is FF-2026-0008 and the references above stay.
  {
    providerCode: 'PROVIDER_PROTESTANT_SOCIAL_WORK',
    title: 'Frauencafé Meuselwitz (1. Halbjahr 2026)',
    purpose: 'Wöchentliches Sprach- und Begegnungscafé für geflüchtete Frauen mit Kinderbetreuung; Beratung zu Kita, Gesundheit und Sprachkursen.',
    targetGroup: 'geflüchtete Frauen und ihre kleinen Kinder in Meuselwitz, Lucka und Rositz',
    fieldsOfAction: ['POLITICAL_SOCIAL_PARTICIPATION', 'LANGUAGE_EDUCATION'],
    socialAreaCode: 'MEUSELWITZ_LUCKA_ROSITZ',
    municipality: 'Meuselwitz',
    contactName: 'Friederike Lange',
    contactEmail: 'friederike.lange@demo.foerderfluss.de',
    positions: [position('Sozialpädagogische Begleitung', 'TV-L S 11b', '4200.00', '4200.00', '0.5', '6')],
    costs: [
      { category: 'MATERIAL_ADMIN', description: 'Raummiete Begegnungsraum, Kinderbetreuung, Verbrauchsmaterial', amount: '2400.00' },
      { category: 'INTERPRETING', description: 'Sprachmittlung Arabisch und Dari im Café', amount: '1200.00' },
    ],
    ownFunds: '1620.00',
    thirdParty: [],
    submittedOn: '2025-10-11',
    periodEnd: '2026-06-30',
    outcome: {
      kind: 'APPROVED',
      instrument: 'BESCHEID',
      financingType: 'DEFICIT',
      specialConditions: ['Die Kinderbetreuung ist nur während der Cafézeiten förderfähig.'],
    },
  },
];
