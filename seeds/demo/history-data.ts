import type { DemoPosition } from './applications-2026';
import type { IndicatorValueSeed } from './indicator-values';

/**
 * Two settled years before the demo year (issue 19 item 6): what the demo Träger did in 2024 and
 * 2025, each project the whole way from Antrag to Festsetzung, so monitoring and the Kreistag's
 * report show trends. Projects, people and figures are invented.
 *
 * Shape of the figures, chosen so the replay needs no rounding: every planned cost line and every
 * grant divides by six (six Mittelabrufe, one per two months, the Abrufzeitraum of the programme),
 * and a Fehlbedarfsfinanzierung leaves the Träger 10 % of the costs, so the Zuwendung's share of
 * every Abruf is exactly 90 %.
 *
 * Coverage on purpose: 2024 funds nothing in the Pleißenaue nor anything kreisweit, 2025 nothing in
 * Gößnitz/Nobitz, so the Sozialraum coverage shows a gap in each year. 2025 has more projects and
 * more Handlungsfelder (Teilhabe, Antidiskriminierung, Sport) than 2024.
 */
export interface HistoryProject {
  providerCode: string;
  title: string;
  purpose: string;
  targetGroup: string;
  fieldsOfAction: string[];
  socialAreaCode: string;
  municipality: string | null;
  contactName: string;
  contactEmail: string;
  position: DemoPosition | null;
  costs: { category: 'MATERIAL_ADMIN' | 'FEES' | 'INTERPRETING'; description: string; amount: string }[];
  financingType: 'FULL' | 'DEFICIT';
  instrument: 'BESCHEID' | 'VERTRAG';
  /** Eigenmittel: 10 % of the costs for DEFICIT, none for FULL. */
  ownFunds: string;
  /** Ist per Kostenart where it differs from the plan (a Minderausgabe leads to a recovery). */
  actuals?: Partial<Record<'PERSONNEL' | 'MATERIAL_ADMIN' | 'FEES' | 'INTERPRETING', string>>;
  narrative: { measure: string; goalsAchieved: string; targetGroupReached: string; deviations: string };
  indicators: readonly IndicatorValueSeed[];
  /** Rückforderung after the Festsetzung: what came back, and when (PART: some, FULL: principal and interest). */
  recovery?: { dueDate: string; repaidOn: string; repayment: 'FULL' } | { dueDate: string; repaidOn: string; repayment: 'PART'; amount: string };
}

export interface HistoryYear {
  year: number;
  call: { title: string; text: string; openingDate: string; deadline: string };
  resolution: { body: string; date: string; number: string };
  /** Mittelabruf beim Land in January: the Land's 80 % of the year's grants, rounded up. */
  drawdown: string;
  projects: HistoryProject[];
}

const position = (label: string, payGrade: string, gross: string, fte: string): DemoPosition => ({ label, payGrade, gross, comparison: gross, fte, months: '12' });

const callText = (year: number): string =>
  `Der Landkreis Altenburger Land ruft freie Träger auf, Anträge für Projekte der sozialen Beratung und Betreuung anerkannter Flüchtlinge im Jahr ${year} zu stellen ` +
  '(Richtlinie des Freistaats Thüringen in Verbindung mit den Leitlinien Integration des Landkreises). Gefördert werden Personal-, Sach- und Verwaltungsausgaben, ' +
  `Honorare und Dolmetschleistungen; Investitionen sind nicht förderfähig. Anträge sind bis zum 12.10.${year - 1} (Ausschlussfrist) einzureichen.`;

const call = (year: number) => ({
  title: `Projektaufruf ${year}: Soziale Beratung und Betreuung anerkannter Flüchtlinge im Altenburger Land`,
  text: callText(year),
  openingDate: `${year - 1}-08-15`,
  deadline: `${year - 1}-10-12`,
});

const RESOLUTION_BODY = 'Ausschuss für Soziales, Gesundheit und Integration des Kreistags';

export const DEMO_HISTORY: readonly HistoryYear[] = [
  {
    year: 2024,
    call: call(2024),
    resolution: { body: RESOLUTION_BODY, date: '2023-12-05', number: 'AS 2023/038 (Demo)' },
    drawdown: '200000.00',
    projects: [
      {
        providerCode: 'PROVIDER_PROTESTANT_SOCIAL_WORK',
        title: 'Migrationssozialberatung Altenburg 2024',
        purpose: 'Offene Sozialberatung für anerkannte Geflüchtete: Leistungsansprüche, Behördenkontakte, Wohnungssuche, Vermittlung in Arbeit.',
        targetGroup: 'anerkannte Geflüchtete und ihre Familien in der Stadt Altenburg',
        fieldsOfAction: ['HOUSING_SOCIAL_INFRASTRUCTURE', 'LABOUR_MARKET'],
        socialAreaCode: 'ALTENBURG',
        municipality: 'Altenburg',
        contactName: 'Friederike Lange',
        contactEmail: 'friederike.lange@demo.foerderfluss.de',
        position: position('Sozialarbeiter/in (B.A.)', 'TV-L S 12', '4950.00', '1'),
        costs: [
          { category: 'MATERIAL_ADMIN', description: 'Miete Beratungsbüro Markt 5, Telefon, Büromaterial', amount: '9000.00' },
          { category: 'INTERPRETING', description: 'Sprachmittlung Arabisch, Dari, Ukrainisch', amount: '4800.00' },
        ],
        financingType: 'DEFICIT',
        instrument: 'BESCHEID',
        ownFunds: '7320.00',
        narrative: {
          measure: 'Offene Sprechstunde an vier Tagen je Woche, Begleitung zu Jobcenter und Wohnungsgesellschaften.',
          goalsAchieved: 'Die Beratung war ganzjährig erreichbar; 24 Haushalte fanden eigenen Wohnraum.',
          targetGroupReached: 'Anerkannte Geflüchtete aus Altenburg, überwiegend Familien.',
          deviations: 'Keine.',
        },
        // Kennzahlen of the Bescheid's Handlungsfeld (Wohnen) only: the money is booked there too.
        indicators: [
          ['HOUSING_SOCIAL_INFRASTRUCTURE', 'CONSULTATIONS', 640],
          ['HOUSING_SOCIAL_INFRASTRUCTURE', 'PERSONS_COUNSELLED', 210],
          ['HOUSING_SOCIAL_INFRASTRUCTURE', 'HOUSING_REFERRALS', 24],
        ],
      },
      {
        providerCode: 'PROVIDER_CATHOLIC_SOCIAL_SERVICE',
        title: 'Psychosoziale Erstberatung Schmölln 2024',
        purpose: 'Niedrigschwellige psychosoziale Erstberatung und Vermittlung in Therapie für belastete Geflüchtete im Raum Schmölln.',
        targetGroup: 'Geflüchtete mit psychischen Belastungen im Sozialraum Schmölln und Oberes Sprottental',
        fieldsOfAction: ['HEALTH_PSYCHOSOCIAL_CARE'],
        socialAreaCode: 'SCHMOELLN_SPROTTENTAL',
        municipality: 'Schmölln',
        contactName: 'Jonas Hartmann',
        contactEmail: 'jonas.hartmann@demo.foerderfluss.de',
        position: position('Psychologische Beratung', 'TV-L E 13', '6300.00', '0.5'),
        costs: [
          { category: 'MATERIAL_ADMIN', description: 'Raummiete Beratungsstelle Schmölln, Fahrtkosten', amount: '6000.00' },
          { category: 'INTERPRETING', description: 'Sprachmittlung in der Beratung', amount: '4200.00' },
        ],
        financingType: 'FULL',
        instrument: 'BESCHEID',
        ownFunds: '0.00',
        narrative: {
          measure: 'Erstgespräche in der Beratungsstelle und aufsuchend, Vermittlung an Fachärzte und Traumaambulanz.',
          goalsAchieved: 'Wartezeit auf ein Erstgespräch unter zwei Wochen.',
          targetGroupReached: 'Geflüchtete aus Schmölln und dem Sprottental, auch Jugendliche.',
          deviations: 'Keine.',
        },
        indicators: [
          ['HEALTH_PSYCHOSOCIAL_CARE', 'CONSULTATIONS', 260],
          ['HEALTH_PSYCHOSOCIAL_CARE', 'PERSONS_COUNSELLED', 85],
          ['HEALTH_PSYCHOSOCIAL_CARE', 'ACCOMPANIED_APPOINTMENTS', 40],
          ['HEALTH_PSYCHOSOCIAL_CARE', 'LANGUAGE_MEDIATION_HOURS', 120],
        ],
      },
      {
        providerCode: 'PROVIDER_WELFARE_ASSOCIATION',
        title: 'Begleitung in Ausbildung und Arbeit Meuselwitz 2024',
        purpose: 'Einzelbegleitung Geflüchteter beim Übergang in Ausbildung und Arbeit, Kontakte zu Betrieben, Anerkennungsberatung.',
        targetGroup: 'anerkannte Geflüchtete zwischen 18 und 35 Jahren in Meuselwitz, Lucka und Rositz',
        fieldsOfAction: ['LABOUR_MARKET'],
        socialAreaCode: 'MEUSELWITZ_LUCKA_ROSITZ',
        municipality: 'Meuselwitz',
        contactName: 'Kerstin Vogt',
        contactEmail: 'kerstin.vogt@demo.foerderfluss.de',
        position: position('Job-Coach', 'TV-L E 9b', '4700.00', '1'),
        costs: [
          { category: 'MATERIAL_ADMIN', description: 'Büro, Fahrtkosten zu Betrieben, Bewerbungsmaterial', amount: '6000.00' },
          { category: 'FEES', description: 'Honorare Bewerbungstraining', amount: '3000.00' },
        ],
        financingType: 'FULL',
        instrument: 'VERTRAG',
        ownFunds: '0.00',
        // The post was vacant for five weeks in the summer; two trainings fell through.
        actuals: { PERSONNEL: '52100.00', FEES: '1800.00' },
        narrative: {
          measure: 'Einzelcoaching, Betriebsbesuche, zwei Bewerbungstrainings.',
          goalsAchieved: '14 Vermittlungen in Arbeit oder Ausbildung.',
          targetGroupReached: 'Junge Erwachsene aus Meuselwitz und Lucka.',
          deviations: 'Die Stelle war im Sommer fünf Wochen unbesetzt; zwei der vier Bewerbungstrainings entfielen.',
        },
        indicators: [
          ['LABOUR_MARKET', 'CONSULTATIONS', 420],
          ['LABOUR_MARKET', 'PERSONS_COUNSELLED', 95],
          ['LABOUR_MARKET', 'JOB_PLACEMENTS', 14],
        ],
        // 5.500 € Minderausgaben: the Träger paid 3.000 € back by the due date, the rest is open.
        recovery: { dueDate: '2025-06-30', repaidOn: '2025-06-20', repayment: 'PART', amount: '3000.00' },
      },
      {
        providerCode: 'PROVIDER_YOUTH_WELFARE',
        title: 'Familienberatung Gößnitz 2024',
        purpose: 'Aufsuchende Beratung von Familien zu Kita, Schule und Sprachkursen im ländlichen Süden des Landkreises.',
        targetGroup: 'geflüchtete Familien mit Kindern in Gößnitz, Ponitz und Nobitz',
        fieldsOfAction: ['LANGUAGE_EDUCATION'],
        socialAreaCode: 'GOESSNITZ_NOBITZ',
        municipality: 'Gößnitz',
        contactName: 'Kevin Schubert',
        contactEmail: 'kevin.schubert@demo.foerderfluss.de',
        position: position('Familienberatung', 'TV-L S 11b', '4600.00', '0.75'),
        costs: [
          { category: 'MATERIAL_ADMIN', description: 'Fahrtkosten aufsuchende Arbeit, Telefon', amount: '3000.00' },
          { category: 'INTERPRETING', description: 'Sprachmittlung bei Elterngesprächen', amount: '1800.00' },
        ],
        financingType: 'DEFICIT',
        instrument: 'BESCHEID',
        ownFunds: '4620.00',
        narrative: {
          measure: 'Hausbesuche, Elterncafé in Gößnitz, Anmeldung zu Kita und Sprachkursen.',
          goalsAchieved: 'Alle begleiteten Kinder im Kita-Alter haben einen Platz.',
          targetGroupReached: 'Familien in Gößnitz, Ponitz und Nobitz.',
          deviations: 'Keine.',
        },
        indicators: [
          ['LANGUAGE_EDUCATION', 'CONSULTATIONS', 310],
          ['LANGUAGE_EDUCATION', 'PERSONS_COUNSELLED', 120],
          ['LANGUAGE_EDUCATION', 'COURSES', 6],
        ],
      },
      {
        providerCode: 'PROVIDER_MIGRANT_ORGANISATION',
        title: 'Sprachmittlerpool Behördengänge 2024',
        purpose: 'Qualifizierte Sprachmittlung für Termine bei Jobcenter, Ausländerbehörde und Wohngeldstelle; Schulungen für die Verwaltung.',
        targetGroup: 'anerkannte Geflüchtete ohne ausreichende Deutschkenntnisse in Altenburg',
        fieldsOfAction: ['ADMINISTRATION_INTERCULTURAL_OPENING'],
        socialAreaCode: 'ALTENBURG',
        municipality: 'Altenburg',
        contactName: 'Samira Haddad',
        contactEmail: 'samira.haddad@demo.foerderfluss.de',
        position: null,
        costs: [
          { category: 'INTERPRETING', description: 'Sprachmittlung, 2.000 € im Monat', amount: '24000.00' },
          { category: 'MATERIAL_ADMIN', description: 'Koordination, Telefon, Fahrtkosten', amount: '3600.00' },
        ],
        financingType: 'FULL',
        instrument: 'BESCHEID',
        ownFunds: '0.00',
        narrative: {
          measure: 'Sprachmittlung in fünf Sprachen, vier Schulungen interkultureller Kompetenz im Landratsamt.',
          goalsAchieved: 'Alle angefragten Termine konnten mit Sprachmittlung wahrgenommen werden.',
          targetGroupReached: 'Geflüchtete in Altenburg; Beschäftigte von Jobcenter und Ausländerbehörde.',
          deviations: 'Keine.',
        },
        indicators: [
          ['ADMINISTRATION_INTERCULTURAL_OPENING', 'LANGUAGE_MEDIATION_HOURS', 820],
          ['ADMINISTRATION_INTERCULTURAL_OPENING', 'TRAININGS', 4],
          ['ADMINISTRATION_INTERCULTURAL_OPENING', 'PARTICIPANTS', 56],
        ],
      },
    ],
  },
  {
    year: 2025,
    call: call(2025),
    resolution: { body: RESOLUTION_BODY, date: '2024-12-04', number: 'AS 2024/040 (Demo)' },
    drawdown: '215000.00',
    projects: [
      {
        providerCode: 'PROVIDER_PROTESTANT_SOCIAL_WORK',
        title: 'Migrationssozialberatung Altenburg 2025',
        purpose: 'Offene Sozialberatung für anerkannte Geflüchtete: Leistungsansprüche, Behördenkontakte, Wohnungssuche, Vermittlung in Arbeit.',
        targetGroup: 'anerkannte Geflüchtete und ihre Familien in der Stadt Altenburg',
        fieldsOfAction: ['HOUSING_SOCIAL_INFRASTRUCTURE', 'LABOUR_MARKET'],
        socialAreaCode: 'ALTENBURG',
        municipality: 'Altenburg',
        contactName: 'Friederike Lange',
        contactEmail: 'friederike.lange@demo.foerderfluss.de',
        position: position('Sozialarbeiter/in (B.A.)', 'TV-L S 12', '5050.00', '1.25'),
        costs: [
          { category: 'MATERIAL_ADMIN', description: 'Miete Beratungsbüro Markt 5, Telefon, Büromaterial', amount: '9450.00' },
          { category: 'INTERPRETING', description: 'Sprachmittlung Arabisch, Dari, Ukrainisch', amount: '6000.00' },
        ],
        financingType: 'DEFICIT',
        instrument: 'BESCHEID',
        ownFunds: '9120.00',
        narrative: {
          measure: 'Offene Sprechstunde an fünf Tagen je Woche, seit März mit einer zusätzlichen Viertelstelle.',
          goalsAchieved: 'Mehr Beratungen als im Vorjahr; 31 Haushalte fanden eigenen Wohnraum.',
          targetGroupReached: 'Anerkannte Geflüchtete aus Altenburg, zunehmend Alleinstehende.',
          deviations: 'Keine.',
        },
        // Kennzahlen of the Bescheid's Handlungsfeld (Wohnen) only: the money is booked there too.
        indicators: [
          ['HOUSING_SOCIAL_INFRASTRUCTURE', 'CONSULTATIONS', 820],
          ['HOUSING_SOCIAL_INFRASTRUCTURE', 'PERSONS_COUNSELLED', 265],
          ['HOUSING_SOCIAL_INFRASTRUCTURE', 'HOUSING_REFERRALS', 31],
        ],
      },
      {
        providerCode: 'PROVIDER_CATHOLIC_SOCIAL_SERVICE',
        title: 'Psychosoziale Erstberatung Schmölln 2025',
        purpose: 'Niedrigschwellige psychosoziale Erstberatung und Vermittlung in Therapie für belastete Geflüchtete im Raum Schmölln.',
        targetGroup: 'Geflüchtete mit psychischen Belastungen im Sozialraum Schmölln und Oberes Sprottental',
        fieldsOfAction: ['HEALTH_PSYCHOSOCIAL_CARE'],
        socialAreaCode: 'SCHMOELLN_SPROTTENTAL',
        municipality: 'Schmölln',
        contactName: 'Jonas Hartmann',
        contactEmail: 'jonas.hartmann@demo.foerderfluss.de',
        position: position('Psychologische Beratung', 'TV-L E 13', '6400.00', '0.5'),
        costs: [
          { category: 'MATERIAL_ADMIN', description: 'Raummiete Beratungsstelle Schmölln, Fahrtkosten', amount: '6600.00' },
          { category: 'FEES', description: 'Honorare Traumafachberatung (Supervision)', amount: '3600.00' },
          { category: 'INTERPRETING', description: 'Sprachmittlung in der Beratung', amount: '4800.00' },
        ],
        financingType: 'FULL',
        instrument: 'BESCHEID',
        ownFunds: '0.00',
        narrative: {
          measure: 'Erstgespräche, Gruppenangebot für Frauen, Fallsupervision durch eine Traumafachberaterin.',
          goalsAchieved: 'Mehr Begleitungen zu Fachärzten als im Vorjahr.',
          targetGroupReached: 'Geflüchtete aus Schmölln und dem Sprottental.',
          deviations: 'Keine.',
        },
        indicators: [
          ['HEALTH_PSYCHOSOCIAL_CARE', 'CONSULTATIONS', 340],
          ['HEALTH_PSYCHOSOCIAL_CARE', 'PERSONS_COUNSELLED', 104],
          ['HEALTH_PSYCHOSOCIAL_CARE', 'ACCOMPANIED_APPOINTMENTS', 62],
          ['HEALTH_PSYCHOSOCIAL_CARE', 'LANGUAGE_MEDIATION_HOURS', 150],
        ],
      },
      {
        providerCode: 'PROVIDER_WELFARE_ASSOCIATION',
        title: 'Begleitung in Ausbildung und Arbeit Meuselwitz 2025',
        purpose: 'Einzelbegleitung Geflüchteter beim Übergang in Ausbildung und Arbeit, Kontakte zu Betrieben, Anerkennungsberatung.',
        targetGroup: 'anerkannte Geflüchtete zwischen 18 und 35 Jahren in Meuselwitz, Lucka und Rositz',
        fieldsOfAction: ['LABOUR_MARKET'],
        socialAreaCode: 'MEUSELWITZ_LUCKA_ROSITZ',
        municipality: 'Meuselwitz',
        contactName: 'Kerstin Vogt',
        contactEmail: 'kerstin.vogt@demo.foerderfluss.de',
        position: position('Job-Coach', 'TV-L E 9b', '4800.00', '1'),
        costs: [
          { category: 'MATERIAL_ADMIN', description: 'Büro, Fahrtkosten zu Betrieben, Bewerbungsmaterial', amount: '6600.00' },
          { category: 'FEES', description: 'Honorare Bewerbungstraining', amount: '3000.00' },
        ],
        financingType: 'FULL',
        instrument: 'VERTRAG',
        ownFunds: '0.00',
        narrative: {
          measure: 'Einzelcoaching, Betriebsbesuche, vier Bewerbungstrainings, Jobmesse mit dem Jobcenter.',
          goalsAchieved: '22 Vermittlungen in Arbeit oder Ausbildung.',
          targetGroupReached: 'Junge Erwachsene aus Meuselwitz, Lucka und Rositz.',
          deviations: 'Keine.',
        },
        indicators: [
          ['LABOUR_MARKET', 'CONSULTATIONS', 480],
          ['LABOUR_MARKET', 'PERSONS_COUNSELLED', 118],
          ['LABOUR_MARKET', 'JOB_PLACEMENTS', 22],
        ],
      },
      {
        providerCode: 'PROVIDER_SPORTS_CLUB',
        title: 'Begegnung durch Sport Lucka 2025',
        purpose: 'Wöchentliche offene Sportangebote mit Beratungssprechstunde für Geflüchtete und Einheimische.',
        targetGroup: 'Jugendliche und junge Erwachsene in Lucka und Meuselwitz',
        fieldsOfAction: ['CULTURE_LEISURE_SPORT'],
        socialAreaCode: 'MEUSELWITZ_LUCKA_ROSITZ',
        municipality: 'Lucka',
        contactName: 'Ahmad Haddad',
        contactEmail: 'ahmad.haddad@demo.foerderfluss.de',
        position: null,
        costs: [
          { category: 'FEES', description: 'Übungsleiterhonorare mit Beratungssprechstunde', amount: '9600.00' },
          { category: 'MATERIAL_ADMIN', description: 'Hallenmiete, Sportmaterial', amount: '4200.00' },
        ],
        financingType: 'FULL',
        instrument: 'BESCHEID',
        ownFunds: '0.00',
        // A trainer left in the autumn: 2.400 € of the fees were not spent.
        actuals: { FEES: '7200.00' },
        narrative: {
          measure: 'Zwei offene Trainings je Woche, drei Turniere, Sprechstunde nach dem Training.',
          goalsAchieved: 'Feste Gruppe von etwa 15 Jugendlichen, davon die Hälfte Einheimische.',
          targetGroupReached: 'Jugendliche aus Lucka und Meuselwitz.',
          deviations: 'Ein Übungsleiter schied im Oktober aus; das zweite Training entfiel bis Jahresende.',
        },
        indicators: [
          ['CULTURE_LEISURE_SPORT', 'EVENTS', 38],
          ['CULTURE_LEISURE_SPORT', 'PARTICIPANTS', 520],
          ['CULTURE_LEISURE_SPORT', 'PARTICIPANTS_PER_EVENT', 14],
        ],
        // 2.400 € and the interest, paid in full.
        recovery: { dueDate: '2026-05-29', repaidOn: '2026-05-20', repayment: 'FULL' },
      },
      {
        providerCode: 'PROVIDER_MIGRANT_ORGANISATION',
        title: 'Lotsendienst Pleißenaue 2025',
        purpose: 'Ehrenamtliche Lotsen aus der Community begleiten Neuzugezogene zu Ämtern, Ärzten und Schulen; Bürgerdialoge in den Gemeinden.',
        targetGroup: 'neu zugezogene Geflüchtete in Treben, Windischleuba und Fockendorf',
        fieldsOfAction: ['POLITICAL_SOCIAL_PARTICIPATION'],
        socialAreaCode: 'PLEISSENAUE',
        municipality: 'Treben',
        contactName: 'Samira Haddad',
        contactEmail: 'samira.haddad@demo.foerderfluss.de',
        position: position('Koordination Lotsendienst', 'TV-L E 8', '4200.00', '0.5'),
        costs: [
          { category: 'MATERIAL_ADMIN', description: 'Ehrenamtspauschalen, Fahrtkosten, Schulungsraum', amount: '6000.00' },
          { category: 'FEES', description: 'Schulungen der Lotsen', amount: '2400.00' },
        ],
        financingType: 'FULL',
        instrument: 'BESCHEID',
        ownFunds: '0.00',
        narrative: {
          measure: '18 Lotsinnen und Lotsen geschult, 22 Bürgerdialoge und Begegnungsabende.',
          goalsAchieved: 'In jeder Gemeinde der Pleißenaue gibt es eine Ansprechperson.',
          targetGroupReached: 'Neuzugezogene und Alteingesessene der Pleißenaue.',
          deviations: 'Keine.',
        },
        indicators: [
          ['POLITICAL_SOCIAL_PARTICIPATION', 'EVENTS', 22],
          ['POLITICAL_SOCIAL_PARTICIPATION', 'PARTICIPANTS', 410],
        ],
      },
      {
        providerCode: 'PROVIDER_CATHOLIC_SOCIAL_SERVICE',
        title: 'Antidiskriminierungsberatung 2025',
        purpose: 'Beratung bei Diskriminierung auf dem Wohnungs- und Arbeitsmarkt; Informationsabende für Ehrenamtliche.',
        targetGroup: 'Betroffene von Diskriminierung im ganzen Landkreis',
        fieldsOfAction: ['ANTI_DISCRIMINATION'],
        socialAreaCode: 'DISTRICT_WIDE',
        municipality: null,
        contactName: 'Jonas Hartmann',
        contactEmail: 'jonas.hartmann@demo.foerderfluss.de',
        position: null,
        costs: [
          { category: 'FEES', description: 'Honorare Fachberatung', amount: '12000.00' },
          { category: 'MATERIAL_ADMIN', description: 'Raummiete, Öffentlichkeitsarbeit', amount: '2400.00' },
        ],
        financingType: 'DEFICIT',
        instrument: 'BESCHEID',
        ownFunds: '1440.00',
        narrative: {
          measure: 'Beratung in Altenburg und Schmölln nach Vereinbarung, neun Informationsabende.',
          goalsAchieved: 'Das Angebot ist bei Migrationsberatung und Jobcenter bekannt.',
          targetGroupReached: 'Betroffene aus dem ganzen Landkreis.',
          deviations: 'Keine.',
        },
        indicators: [
          ['ANTI_DISCRIMINATION', 'CONSULTATIONS', 75],
          ['ANTI_DISCRIMINATION', 'EVENTS', 9],
        ],
      },
    ],
  },
];
