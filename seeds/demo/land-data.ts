import type { BudgetYearSeed } from './budget-years';
import type { DemoApplication, DemoPosition } from './applications-2026';
import type { HistoryYear } from './history-data';
import { GREIZ, SAALE_ORLA, TWO_DISTRICT_PROVIDER } from './land';

/**
 * What Greiz and the Saale-Orla-Kreis did in the demo (issue 20 item 7): budget years 2025 and 2026
 * (the Land's 80 % and the Kreis's 20 %, sized like the Altenburger Land's for Kreise of a similar
 * population), the settled year 2025 (replayed like the Altenburger Land's history, with the same
 * shape of figures: every cost line and grant divides by six, a Fehlbedarfsfinanzierung leaves the
 * Träger 10 %, one project per Kreis spent less and paid the recovery back), and the published
 * Projektaufruf 2026 with its submitted Anträge, among them one of the Altenburger Träger of
 * traeger@ (the Träger active in two Kreise). Projects, people and figures are invented.
 */
export interface LandKreis {
  code: string;
  /** "Landkreis Greiz", for the Finanzierungsplan's GRANT line and letters. */
  shortName: string;
  /** Prefix of the Kreis's Aktenzeichen (CONTRACT.md: GRZ, SOK). */
  referencePrefix: string;
  /** The authority as signatory when no person signs. */
  authorityName: string;
  staffEmail: string;
  approverEmail: string;
  /** Träger of other Kreise registered here too (the Träger active in two Kreise). */
  alsoRegistered: readonly string[];
  budgetYears: readonly BudgetYearSeed[];
  call2026: { title: string; text: string; openingDate: string; deadline: string; budgetIndication: string };
  applications2026: readonly DemoApplication[];
  history: readonly HistoryYear[];
}

const position = (label: string, payGrade: string, gross: string, fte: string): DemoPosition => ({ label, payGrade, gross, comparison: gross, fte, months: '12' });

const budgetYear = (year: number, reference: string, grantDate: string, stateMax: string, districtShare: string, budgetLine: string, deadline: string): BudgetYearSeed => ({
  programmeCode: 'SOZIALBERATUNG_FLUECHTLINGE',
  year,
  stateGrantReference: reference,
  stateGrantDate: grantDate,
  stateMaxAmount: stateMax,
  stateRatePercent: '80',
  periodStart: `${year}-01-01`,
  periodEnd: `${year}-12-31`,
  stateProofDue: `${year + 1}-06-30`,
  districtShareAmount: districtShare,
  districtBudgetLine: budgetLine,
  applicationDeadline: deadline,
});

const callText = (kreis: string, year: number, deadline: string): string =>
  `${kreis} ruft freie Träger auf, Anträge für Projekte der sozialen Beratung und Betreuung anerkannter Flüchtlinge im Jahr ${year} zu stellen ` +
  '(Richtlinie des Freistaats Thüringen). Gefördert werden Personal-, Sach- und Verwaltungsausgaben, Honorare und Dolmetschleistungen; ' +
  `Investitionen sind nicht förderfähig. Anträge sind bis zum ${deadline.slice(8, 10)}.${deadline.slice(5, 7)}.${deadline.slice(0, 4)} (Ausschlussfrist) einzureichen.`;

const GREIZ_LINE = 'Haushaltsstelle 4700.7180 Integration Geflüchteter (Demo)';
const SOK_LINE = 'Produktkonto 3150.7180 Integrationsarbeit (Demo)';

export const LAND_KREISE: readonly LandKreis[] = [
  {
    code: GREIZ,
    shortName: 'Landkreis Greiz',
    referencePrefix: 'GRZ',
    authorityName: 'Landratsamt Greiz',
    staffEmail: 'sachbearbeitung.greiz@demo.foerderfluss.de',
    approverEmail: 'zeichnung.greiz@demo.foerderfluss.de',
    alsoRegistered: [TWO_DISTRICT_PROVIDER],
    budgetYears: [
      budgetYear(2025, 'TLVwA 250-4.1-2025/021 (Demo)', '2024-12-13', '360000.00', '90000.00', GREIZ_LINE, '2024-10-15'),
      budgetYear(2026, 'TLVwA 250-4.1-2026/024 (Demo)', '2025-12-15', '372000.00', '93000.00', GREIZ_LINE, '2025-10-15'),
    ],
    call2026: {
      title: 'Projektaufruf 2026: Soziale Beratung und Betreuung anerkannter Flüchtlinge im Landkreis Greiz',
      text: callText('Der Landkreis Greiz', 2026, '2025-10-15'),
      openingDate: '2025-08-18',
      deadline: '2025-10-15',
      // Richtwert: what the year holds (Land 372.000,00 + Kreis 93.000,00).
      budgetIndication: '465000.00',
    },
    applications2026: [
      {
        providerCode: 'PROVIDER_GRZ_ELSTERTAL_SOCIAL_WORK',
        title: 'Migrationsberatung Greiz',
        purpose: 'Offene Sozialberatung für anerkannte Geflüchtete in der Kreisstadt: Leistungsansprüche, Wohnungssuche, Begleitung zu Behörden.',
        targetGroup: 'anerkannte Geflüchtete und ihre Familien in Greiz und Umland',
        fieldsOfAction: ['HOUSING_SOCIAL_INFRASTRUCTURE', 'LABOUR_MARKET'],
        socialAreaCode: 'GRZ_GREIZ',
        municipality: 'Greiz',
        contactName: 'Claudia Wetzel',
        contactEmail: 'claudia.wetzel@demo.foerderfluss.de',
        positions: [position('Sozialarbeiter/in (B.A.)', 'TV-L S 12', '5150.00', '1')],
        costs: [
          { category: 'MATERIAL_ADMIN', description: 'Miete Beratungsbüro Marienstraße, Telefon, Büromaterial', amount: '7200.00' },
          { category: 'INTERPRETING', description: 'Sprachmittlung Arabisch, Paschtu, Ukrainisch', amount: '4800.00' },
        ],
        ownFunds: '3000.00',
        thirdParty: [],
        submittedOn: '2025-09-22',
        outcome: { kind: 'SUBMITTED' },
      },
      {
        // The Träger of traeger@ (Altenburger Land) opens an outreach office in the neighbouring Kreis.
        providerCode: TWO_DISTRICT_PROVIDER,
        title: 'Migrationssozialberatung Ronneburg (Außensprechstunde)',
        purpose: 'Außensprechstunde der Migrationssozialberatung in Ronneburg, zwei Tage je Woche, für anerkannte Geflüchtete im Norden des Landkreises Greiz.',
        targetGroup: 'anerkannte Geflüchtete in Ronneburg, Bad Köstritz und Umgebung',
        fieldsOfAction: ['HOUSING_SOCIAL_INFRASTRUCTURE'],
        socialAreaCode: 'GRZ_RONNEBURG_KOESTRITZ',
        municipality: 'Ronneburg',
        contactName: 'Friederike Lange',
        contactEmail: 'friederike.lange@demo.foerderfluss.de',
        positions: [position('Sozialarbeiter/in (B.A.)', 'TV-L S 12', '5150.00', '0.5')],
        costs: [{ category: 'MATERIAL_ADMIN', description: 'Raummiete Außensprechstunde, Fahrtkosten Altenburg–Ronneburg', amount: '4800.00' }],
        ownFunds: '1500.00',
        thirdParty: [],
        submittedOn: '2025-10-01',
        outcome: { kind: 'SUBMITTED' },
      },
      {
        providerCode: 'PROVIDER_GRZ_MEETING_POINT',
        title: 'Sprachcafé und Lotsen Zeulenroda',
        purpose: 'Wöchentliches Sprachcafé und ehrenamtliche Lotsen für Behördengänge, getragen von Zugewanderten und Einheimischen.',
        targetGroup: 'Geflüchtete und Neuzugezogene in Zeulenroda-Triebes, Auma-Weidatal und Hohenleuben',
        fieldsOfAction: ['POLITICAL_SOCIAL_PARTICIPATION'],
        socialAreaCode: 'GRZ_ZEULENRODA',
        municipality: 'Zeulenroda-Triebes',
        contactName: 'Yusuf Demir',
        contactEmail: 'yusuf.demir@demo.foerderfluss.de',
        positions: [],
        costs: [
          { category: 'FEES', description: 'Honorare Sprachcafé und Schulung der Lotsen', amount: '6000.00' },
          { category: 'MATERIAL_ADMIN', description: 'Raummiete, Ehrenamtspauschalen, Fahrtkosten', amount: '3600.00' },
        ],
        ownFunds: '500.00',
        thirdParty: [],
        submittedOn: '2025-10-08',
        outcome: { kind: 'SUBMITTED' },
      },
    ],
    history: [
      {
        year: 2025,
        call: {
          title: 'Projektaufruf 2025: Soziale Beratung und Betreuung anerkannter Flüchtlinge im Landkreis Greiz',
          text: callText('Der Landkreis Greiz', 2025, '2024-10-15'),
          openingDate: '2024-08-19',
          deadline: '2024-10-15',
        },
        resolution: { body: 'Ausschuss für Soziales und Gesundheit des Kreistags', date: '2024-12-03', number: 'SGA 2024/027 (Demo)' },
        // 80 % of the grants (105.180,00), rounded up.
        drawdown: '85000.00',
        projects: [
          {
            providerCode: 'PROVIDER_GRZ_ELSTERTAL_SOCIAL_WORK',
            title: 'Migrationsberatung Greiz 2025',
            purpose: 'Offene Sozialberatung für anerkannte Geflüchtete in der Kreisstadt: Leistungsansprüche, Wohnungssuche, Begleitung zu Behörden.',
            targetGroup: 'anerkannte Geflüchtete und ihre Familien in Greiz und Umland',
            fieldsOfAction: ['HOUSING_SOCIAL_INFRASTRUCTURE', 'LABOUR_MARKET'],
            socialAreaCode: 'GRZ_GREIZ',
            municipality: 'Greiz',
            contactName: 'Claudia Wetzel',
            contactEmail: 'claudia.wetzel@demo.foerderfluss.de',
            position: position('Sozialarbeiter/in (B.A.)', 'TV-L S 12', '5000.00', '1'),
            costs: [
              { category: 'MATERIAL_ADMIN', description: 'Miete Beratungsbüro Marienstraße, Telefon, Büromaterial', amount: '7200.00' },
              { category: 'INTERPRETING', description: 'Sprachmittlung Arabisch, Paschtu, Ukrainisch', amount: '4800.00' },
            ],
            financingType: 'DEFICIT',
            instrument: 'BESCHEID',
            ownFunds: '7200.00',
            narrative: {
              measure: 'Offene Sprechstunde an vier Tagen je Woche, Begleitung zu Jobcenter und Wohnungsgesellschaften.',
              goalsAchieved: 'Die Beratung war ganzjährig erreichbar; 17 Haushalte fanden eigenen Wohnraum.',
              targetGroupReached: 'Anerkannte Geflüchtete aus Greiz, überwiegend Familien.',
              deviations: 'Keine.',
            },
            indicators: [
              ['HOUSING_SOCIAL_INFRASTRUCTURE', 'CONSULTATIONS', 540],
              ['HOUSING_SOCIAL_INFRASTRUCTURE', 'PERSONS_COUNSELLED', 180],
              ['HOUSING_SOCIAL_INFRASTRUCTURE', 'HOUSING_REFERRALS', 17],
            ],
          },
          {
            providerCode: 'PROVIDER_GRZ_MEETING_POINT',
            title: 'Interkulturelle Begegnung Zeulenroda 2025',
            purpose: 'Begegnungsabende, Sprachcafé und Bürgerdialoge in Zeulenroda-Triebes.',
            targetGroup: 'Geflüchtete und Einheimische in Zeulenroda-Triebes und Umgebung',
            fieldsOfAction: ['POLITICAL_SOCIAL_PARTICIPATION'],
            socialAreaCode: 'GRZ_ZEULENRODA',
            municipality: 'Zeulenroda-Triebes',
            contactName: 'Yusuf Demir',
            contactEmail: 'yusuf.demir@demo.foerderfluss.de',
            position: null,
            costs: [
              { category: 'FEES', description: 'Honorare Moderation und Sprachcafé', amount: '6000.00' },
              { category: 'MATERIAL_ADMIN', description: 'Raummiete, Öffentlichkeitsarbeit', amount: '3600.00' },
            ],
            financingType: 'FULL',
            instrument: 'BESCHEID',
            ownFunds: '0.00',
            // Two of the planned Bürgerdialoge fell through: 1.200 € of the fees were not spent.
            actuals: { FEES: '4800.00' },
            narrative: {
              measure: '26 Begegnungsabende und Sprachcafés, vier Bürgerdialoge.',
              goalsAchieved: 'Ein fester Kreis von Ehrenamtlichen trägt das Sprachcafé.',
              targetGroupReached: 'Geflüchtete und Einheimische aus Zeulenroda-Triebes.',
              deviations: 'Zwei der sechs geplanten Bürgerdialoge entfielen, weil die Moderatorin erkrankte.',
            },
            indicators: [
              ['POLITICAL_SOCIAL_PARTICIPATION', 'EVENTS', 30],
              ['POLITICAL_SOCIAL_PARTICIPATION', 'PARTICIPANTS', 450],
            ],
            // 1.200 € and the interest, paid in full.
            recovery: { dueDate: '2026-06-30', repaidOn: '2026-06-19', repayment: 'FULL' },
          },
          {
            providerCode: 'PROVIDER_GRZ_EDUCATION',
            title: 'Berufsbezogene Sprachlernberatung Weida 2025',
            purpose: 'Beratung zu Integrations- und Berufssprachkursen, Lernbegleitung und Prüfungsvorbereitung.',
            targetGroup: 'Geflüchtete mit Sprachförderbedarf in Weida und der Mitte des Landkreises',
            fieldsOfAction: ['LANGUAGE_EDUCATION'],
            socialAreaCode: 'GRZ_WEIDA',
            municipality: 'Weida',
            contactName: 'Dr. Anja Seidel',
            contactEmail: 'anja.seidel@demo.foerderfluss.de',
            position: position('Lernberatung', 'TV-L E 10', '5200.00', '0.5'),
            costs: [{ category: 'MATERIAL_ADMIN', description: 'Lernmaterial, Raumkosten', amount: '3000.00' }],
            financingType: 'DEFICIT',
            instrument: 'VERTRAG',
            ownFunds: '3420.00',
            narrative: {
              measure: 'Sprechstunden in Weida, Lerngruppen zur Prüfungsvorbereitung.',
              goalsAchieved: 'Vier Lerngruppen; die meisten Teilnehmenden bestanden die B1-Prüfung.',
              targetGroupReached: 'Geflüchtete aus Weida, Harth-Pöllnitz und Münchenbernsdorf.',
              deviations: 'Keine.',
            },
            indicators: [
              ['LANGUAGE_EDUCATION', 'CONSULTATIONS', 260],
              ['LANGUAGE_EDUCATION', 'PERSONS_COUNSELLED', 95],
              ['LANGUAGE_EDUCATION', 'COURSES', 4],
            ],
          },
        ],
      },
    ],
  },
  {
    code: SAALE_ORLA,
    shortName: 'Saale-Orla-Kreis',
    referencePrefix: 'SOK',
    authorityName: 'Landratsamt Saale-Orla-Kreis',
    staffEmail: 'sachbearbeitung.saale-orla@demo.foerderfluss.de',
    approverEmail: 'zeichnung.saale-orla@demo.foerderfluss.de',
    alsoRegistered: [],
    budgetYears: [
      budgetYear(2025, 'TLVwA 250-4.1-2025/019 (Demo)', '2024-12-13', '252000.00', '63000.00', SOK_LINE, '2024-10-17'),
      budgetYear(2026, 'TLVwA 250-4.1-2026/022 (Demo)', '2025-12-15', '260000.00', '65000.00', SOK_LINE, '2025-10-17'),
    ],
    call2026: {
      title: 'Projektaufruf 2026: Soziale Beratung und Betreuung anerkannter Flüchtlinge im Saale-Orla-Kreis',
      text: callText('Der Saale-Orla-Kreis', 2026, '2025-10-17'),
      openingDate: '2025-08-20',
      deadline: '2025-10-17',
      // Richtwert: what the year holds (Land 260.000,00 + Kreis 65.000,00).
      budgetIndication: '325000.00',
    },
    applications2026: [
      {
        providerCode: 'PROVIDER_SOK_FAMILY_CENTRE',
        title: 'Familienberatung Pößneck',
        purpose: 'Beratung geflüchteter Familien zu Kita, Schule und Erziehung, Elterncafé im Familienzentrum.',
        targetGroup: 'geflüchtete Familien mit Kindern in Pößneck, Ranis und Krölpa',
        fieldsOfAction: ['LANGUAGE_EDUCATION'],
        socialAreaCode: 'SOK_POESSNECK_RANIS',
        municipality: 'Pößneck',
        contactName: 'Franziska Beyer',
        contactEmail: 'franziska.beyer@demo.foerderfluss.de',
        positions: [position('Familienberatung', 'TV-L S 11b', '4850.00', '0.75')],
        costs: [
          { category: 'MATERIAL_ADMIN', description: 'Fahrtkosten, Telefon, Material Elterncafé', amount: '3600.00' },
          { category: 'INTERPRETING', description: 'Sprachmittlung bei Elterngesprächen', amount: '2400.00' },
        ],
        ownFunds: '1500.00',
        thirdParty: [],
        submittedOn: '2025-09-29',
        outcome: { kind: 'SUBMITTED' },
      },
      {
        providerCode: 'PROVIDER_SOK_WELFARE_ASSOCIATION',
        title: 'Sozialberatung Schleiz und Oberland',
        purpose: 'Sozialberatung für anerkannte Geflüchtete in der Kreisstadt und aufsuchend in Tanna, Gefell und Hirschberg.',
        targetGroup: 'anerkannte Geflüchtete im Raum Schleiz',
        fieldsOfAction: ['HOUSING_SOCIAL_INFRASTRUCTURE'],
        socialAreaCode: 'SOK_SCHLEIZ',
        municipality: 'Schleiz',
        contactName: 'Ronny Pfeifer',
        contactEmail: 'ronny.pfeifer@demo.foerderfluss.de',
        positions: [position('Sozialarbeiter/in (B.A.)', 'TV-L S 12', '5150.00', '1')],
        costs: [{ category: 'MATERIAL_ADMIN', description: 'Büro, Dienstfahrzeug für die aufsuchende Beratung', amount: '6000.00' }],
        ownFunds: '2000.00',
        thirdParty: [],
        submittedOn: '2025-10-06',
        outcome: { kind: 'SUBMITTED' },
      },
    ],
    history: [
      {
        year: 2025,
        call: {
          title: 'Projektaufruf 2025: Soziale Beratung und Betreuung anerkannter Flüchtlinge im Saale-Orla-Kreis',
          text: callText('Der Saale-Orla-Kreis', 2025, '2024-10-17'),
          openingDate: '2024-08-21',
          deadline: '2024-10-17',
        },
        resolution: { body: 'Sozialausschuss des Kreistags', date: '2024-12-05', number: 'SozA 2024/019 (Demo)' },
        // 80 % of the grants (101.790,00), rounded up.
        drawdown: '82000.00',
        projects: [
          {
            providerCode: 'PROVIDER_SOK_FAMILY_CENTRE',
            title: 'Familienberatung Pößneck 2025',
            purpose: 'Beratung geflüchteter Familien zu Kita, Schule und Sprachkursen.',
            targetGroup: 'geflüchtete Familien mit Kindern in Pößneck, Ranis und Krölpa',
            fieldsOfAction: ['LANGUAGE_EDUCATION'],
            socialAreaCode: 'SOK_POESSNECK_RANIS',
            municipality: 'Pößneck',
            contactName: 'Franziska Beyer',
            contactEmail: 'franziska.beyer@demo.foerderfluss.de',
            position: position('Familienberatung', 'TV-L S 11b', '4700.00', '0.75'),
            costs: [
              { category: 'MATERIAL_ADMIN', description: 'Fahrtkosten, Telefon, Material Elterncafé', amount: '3000.00' },
              { category: 'INTERPRETING', description: 'Sprachmittlung bei Elterngesprächen', amount: '1800.00' },
            ],
            financingType: 'DEFICIT',
            instrument: 'BESCHEID',
            ownFunds: '4710.00',
            narrative: {
              measure: 'Sprechstunden im Familienzentrum, Hausbesuche, Elterncafé an jedem zweiten Samstag.',
              goalsAchieved: 'Alle begleiteten Kinder im Kita-Alter haben einen Platz; fünf Eltern begannen einen Sprachkurs.',
              targetGroupReached: 'Familien aus Pößneck, Ranis und Krölpa.',
              deviations: 'Keine.',
            },
            indicators: [
              ['LANGUAGE_EDUCATION', 'CONSULTATIONS', 280],
              ['LANGUAGE_EDUCATION', 'PERSONS_COUNSELLED', 105],
              ['LANGUAGE_EDUCATION', 'COURSES', 5],
            ],
          },
          {
            providerCode: 'PROVIDER_SOK_WELFARE_ASSOCIATION',
            title: 'Sozialberatung Schleiz 2025',
            purpose: 'Sozialberatung für anerkannte Geflüchtete: Leistungsansprüche, Wohnungssuche, Begleitung zu Behörden.',
            targetGroup: 'anerkannte Geflüchtete im Raum Schleiz',
            fieldsOfAction: ['HOUSING_SOCIAL_INFRASTRUCTURE'],
            socialAreaCode: 'SOK_SCHLEIZ',
            municipality: 'Schleiz',
            contactName: 'Ronny Pfeifer',
            contactEmail: 'ronny.pfeifer@demo.foerderfluss.de',
            position: position('Sozialarbeiter/in (B.A.)', 'TV-L S 12', '5000.00', '0.75'),
            costs: [{ category: 'MATERIAL_ADMIN', description: 'Büro, Fahrtkosten aufsuchende Beratung', amount: '4800.00' }],
            financingType: 'FULL',
            instrument: 'BESCHEID',
            ownFunds: '0.00',
            // The post was vacant for seven weeks in the spring.
            actuals: { PERSONNEL: '42500.00' },
            narrative: {
              measure: 'Sprechstunden in Schleiz, aufsuchende Beratung in Tanna und Gefell.',
              goalsAchieved: '14 Haushalte fanden eigenen Wohnraum.',
              targetGroupReached: 'Anerkannte Geflüchtete aus Schleiz und dem Oberland.',
              deviations: 'Die Stelle war im Frühjahr sieben Wochen unbesetzt.',
            },
            indicators: [
              ['HOUSING_SOCIAL_INFRASTRUCTURE', 'CONSULTATIONS', 390],
              ['HOUSING_SOCIAL_INFRASTRUCTURE', 'PERSONS_COUNSELLED', 130],
              ['HOUSING_SOCIAL_INFRASTRUCTURE', 'HOUSING_REFERRALS', 14],
            ],
            // 2.500 € and the interest, paid in full.
            recovery: { dueDate: '2026-06-30', repaidOn: '2026-06-22', repayment: 'FULL' },
          },
          {
            providerCode: 'PROVIDER_SOK_YOUTH_WORK',
            title: 'Jugendtreff International Bad Lobenstein 2025',
            purpose: 'Offener Jugendtreff mit Sport- und Freizeitangeboten für junge Geflüchtete und Einheimische.',
            targetGroup: 'Jugendliche zwischen 12 und 21 Jahren in Bad Lobenstein und Wurzbach',
            fieldsOfAction: ['CULTURE_LEISURE_SPORT'],
            socialAreaCode: 'SOK_LOBENSTEIN',
            municipality: 'Bad Lobenstein',
            contactName: 'Marcel Hoffmann',
            contactEmail: 'marcel.hoffmann@demo.foerderfluss.de',
            position: null,
            costs: [
              { category: 'FEES', description: 'Honorare Übungsleitung und Workshops', amount: '7200.00' },
              { category: 'MATERIAL_ADMIN', description: 'Hallenmiete, Material, Fahrten', amount: '2400.00' },
            ],
            financingType: 'FULL',
            instrument: 'BESCHEID',
            ownFunds: '0.00',
            narrative: {
              measure: 'Zwei offene Abende je Woche, vier Ausflüge, ein Fußballturnier.',
              goalsAchieved: 'Feste Gruppe von etwa zehn Jugendlichen, gemischt aus Geflüchteten und Einheimischen.',
              targetGroupReached: 'Jugendliche aus Bad Lobenstein und Wurzbach.',
              deviations: 'Keine.',
            },
            indicators: [
              ['CULTURE_LEISURE_SPORT', 'EVENTS', 40],
              ['CULTURE_LEISURE_SPORT', 'PARTICIPANTS', 380],
              ['CULTURE_LEISURE_SPORT', 'PARTICIPANTS_PER_EVENT', 10],
            ],
          },
        ],
      },
    ],
  },
];
