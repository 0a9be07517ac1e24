import type { OrganisationSeed } from './organisations';
import type { DemoUserSeed } from './users';
import type { SocialAreaSeed } from '../reference/social-areas';

/**
 * The demo Land (issue 20 item 7): besides the Altenburger Land (organisations.ts, users.ts, which
 * stay as they are), two more Kreise of the Freistaat Thüringen, each with its own Träger,
 * Sozialräume, users, budget years and calls, so the Land's view shows three Kreise and isolation
 * can be seen in the demo.
 *
 * Sources and what is invented:
 *  - The Kreise are the real Landkreise Greiz and Saale-Orla-Kreis; the Landratsamt addresses
 *    (Dr.-Rathenau-Platz 11, 07973 Greiz; Oschitzer Straße 4, 07907 Schleiz) are their public ones.
 *    Their contact people, phone numbers and bank accounts are fictitious.
 *  - Every PROVIDER is FICTITIOUS: names made up, marked "(Demo)", no brand of a real welfare
 *    federation; contact people invented, e-mail domain demo.foerderfluss.de. They sit in real
 *    towns of their Kreis, at invented addresses.
 *  - Phone numbers: real area codes (Greiz 03661, Zeulenroda 036628, Weida 036603, Schleiz 03663,
 *    Pößneck 03647, Bad Lobenstein 036651), local part starting with 0 (never a real line).
 *  - IBANs: real bank codes with made-up account numbers, computed with ibantools.composeIBAN
 *    (ISO 13616 mod-97; the German per-bank Prüfziffernverfahren NOT checked, never pay to them):
 *      83050000 / HELADEF1GER  Sparkasse Gera-Greiz
 *      83050505 / HELADEF1SOK  Kreissparkasse Saale-Orla
 *      83064488 / GENODEF1RUJ  Volksbank Gera·Jena·Rudolstadt
 *      52060410 / GENODEF1EK1  Evangelische Bank
 *      86020500 / BFSWDE33LPZ  Bank für Sozialwirtschaft (SozialBank), Leipzig
 *
 * Demo seed: organisations upserted by `code`, users by e-mail, Sozialräume by `code`.
 */

/** Organisation codes of the two further demo Kreise (CONTRACT.md names them). */
export const GREIZ = 'DISTRICT_GREIZ';
export const SAALE_ORLA = 'DISTRICT_SAALE_ORLA';

export const LAND_ORGANISATIONS: readonly OrganisationSeed[] = [
  {
    code: GREIZ,
    kind: 'DISTRICT',
    name: 'Landkreis Greiz – Landratsamt',
    legalForm: 'Gebietskörperschaft des öffentlichen Rechts',
    street: 'Dr.-Rathenau-Platz 11',
    postalCode: '07973',
    city: 'Greiz',
    contactName: 'Ulrike Bräunlich (Demo)',
    contactEmail: 'integration.greiz@demo.foerderfluss.de',
    contactPhone: '03661 0100-20',
    nonProfit: false,
    nonProfitNoticeDate: null,
    vatDeductible: false,
    iban: 'DE82830500001100402210',
    bic: 'HELADEF1GER',
    accountHolder: 'Landkreis Greiz (Demo-Konto)',
  },
  {
    code: SAALE_ORLA,
    kind: 'DISTRICT',
    name: 'Saale-Orla-Kreis – Landratsamt',
    legalForm: 'Gebietskörperschaft des öffentlichen Rechts',
    street: 'Oschitzer Straße 4',
    postalCode: '07907',
    city: 'Schleiz',
    contactName: 'Martin Fröbel (Demo)',
    contactEmail: 'integration.saale-orla@demo.foerderfluss.de',
    contactPhone: '03663 0100-20',
    nonProfit: false,
    nonProfitNoticeDate: null,
    vatDeductible: false,
    iban: 'DE65830505052200311405',
    bic: 'HELADEF1SOK',
    accountHolder: 'Saale-Orla-Kreis (Demo-Konto)',
  },
  // Greiz: a welfare association in the Kreisstadt, a Migrantenselbstorganisation in Zeulenroda,
  // a Bildungsträger in Weida.
  {
    code: 'PROVIDER_GRZ_ELSTERTAL_SOCIAL_WORK',
    kind: 'PROVIDER',
    name: 'Sozialwerk Elstertal Greiz e.V. (Demo)',
    legalForm: 'e.V.',
    street: 'Marienstraße 21',
    postalCode: '07973',
    city: 'Greiz',
    contactName: 'Claudia Wetzel',
    contactEmail: 'claudia.wetzel@demo.foerderfluss.de',
    contactPhone: '03661 0100-31',
    nonProfit: true,
    nonProfitNoticeDate: '2023-05-11',
    vatDeductible: false,
    iban: 'DE13830500001100517330',
    bic: 'HELADEF1GER',
    accountHolder: 'Sozialwerk Elstertal Greiz e.V. (Demo)',
  },
  {
    code: 'PROVIDER_GRZ_MEETING_POINT',
    kind: 'PROVIDER',
    name: 'Interkultureller Treffpunkt Zeulenroda e.V. (Demo)',
    legalForm: 'e.V.',
    street: 'Kirchstraße 7',
    postalCode: '07937',
    city: 'Zeulenroda-Triebes',
    contactName: 'Yusuf Demir',
    contactEmail: 'yusuf.demir@demo.foerderfluss.de',
    contactPhone: '036628 0100-41',
    nonProfit: true,
    nonProfitNoticeDate: '2024-03-07',
    vatDeductible: false,
    iban: 'DE65830644880204812605',
    bic: 'GENODEF1RUJ',
    accountHolder: 'Interkultureller Treffpunkt Zeulenroda e.V. (Demo)',
  },
  {
    code: 'PROVIDER_GRZ_EDUCATION',
    kind: 'PROVIDER',
    name: 'Bildungsforum Weidatal gGmbH (Demo)',
    legalForm: 'gGmbH',
    street: 'Schloßberg 3',
    postalCode: '07570',
    city: 'Weida',
    contactName: 'Dr. Anja Seidel',
    contactEmail: 'anja.seidel@demo.foerderfluss.de',
    contactPhone: '036603 0100-51',
    nonProfit: true,
    nonProfitNoticeDate: '2022-10-19',
    vatDeductible: false,
    iban: 'DE73520604108004933100',
    bic: 'GENODEF1EK1',
    accountHolder: 'Bildungsforum Weidatal gGmbH (Demo)',
  },
  // Saale-Orla: a family centre in Pößneck, a welfare association in Schleiz, a youth
  // organisation in Bad Lobenstein.
  {
    code: 'PROVIDER_SOK_FAMILY_CENTRE',
    kind: 'PROVIDER',
    name: 'Familienzentrum Orlatal e.V. (Demo)',
    legalForm: 'e.V.',
    street: 'Neustädter Straße 15',
    postalCode: '07381',
    city: 'Pößneck',
    contactName: 'Franziska Beyer',
    contactEmail: 'franziska.beyer@demo.foerderfluss.de',
    contactPhone: '03647 0100-31',
    nonProfit: true,
    nonProfitNoticeDate: '2023-08-24',
    vatDeductible: false,
    iban: 'DE63830505052200418820',
    bic: 'HELADEF1SOK',
    accountHolder: 'Familienzentrum Orlatal e.V. (Demo)',
  },
  {
    code: 'PROVIDER_SOK_WELFARE_ASSOCIATION',
    kind: 'PROVIDER',
    name: 'Sozialverband Oberland Schleiz e.V. (Demo)',
    legalForm: 'e.V.',
    street: 'Bahnhofstraße 9',
    postalCode: '07907',
    city: 'Schleiz',
    contactName: 'Ronny Pfeifer',
    contactEmail: 'ronny.pfeifer@demo.foerderfluss.de',
    contactPhone: '03663 0100-41',
    nonProfit: true,
    nonProfitNoticeDate: '2024-01-16',
    vatDeductible: false,
    iban: 'DE18860205000003690142',
    bic: 'BFSWDE33LPZ',
    accountHolder: 'Sozialverband Oberland Schleiz e.V. (Demo)',
  },
  {
    code: 'PROVIDER_SOK_YOUTH_WORK',
    kind: 'PROVIDER',
    name: 'Jugendwerk Frankenwald-Rennsteig e.V. (Demo)',
    legalForm: 'e.V.',
    street: 'Am Graben 2',
    postalCode: '07356',
    city: 'Bad Lobenstein',
    contactName: 'Marcel Hoffmann',
    contactEmail: 'marcel.hoffmann@demo.foerderfluss.de',
    contactPhone: '036651 0100-51',
    nonProfit: true,
    nonProfitNoticeDate: '2025-02-04',
    vatDeductible: false,
    iban: 'DE66830505052200520713',
    bic: 'HELADEF1SOK',
    accountHolder: 'Jugendwerk Frankenwald-Rennsteig e.V. (Demo)',
  },
];

/** The Träger of each further Kreis (registered in it by the seed). */
export const LAND_DISTRICT_PROVIDERS: Readonly<Record<string, readonly string[]>> = {
  [GREIZ]: ['PROVIDER_GRZ_ELSTERTAL_SOCIAL_WORK', 'PROVIDER_GRZ_MEETING_POINT', 'PROVIDER_GRZ_EDUCATION'],
  [SAALE_ORLA]: ['PROVIDER_SOK_FAMILY_CENTRE', 'PROVIDER_SOK_WELFARE_ASSOCIATION', 'PROVIDER_SOK_YOUTH_WORK'],
};

/** The Träger of traeger@ (Altenburger Land) that also applies in Greiz (CONTRACT.md). */
export const TWO_DISTRICT_PROVIDER = 'PROVIDER_PROTESTANT_SOCIAL_WORK';

/**
 * The Land's users (organisation STATE_THURINGIA, its ADMIN included), the Kreis staff of Greiz (its ADMIN included) and Saale-Orla
 * (CONTRACT.md names all but zeichnung.saale-orla@, which the four-eyes principle needs for the
 * Kreis's own Bescheide), and one account per new Träger.
 */
export const LAND_USERS: readonly DemoUserSeed[] = [
  { email: 'land@demo.foerderfluss.de', displayName: 'Katrin Vogel (Land)', roles: ['STAFF'], organisationCode: 'STATE_THURINGIA' },
  { email: 'land-zeichnung@demo.foerderfluss.de', displayName: 'Dr. Henrik Sommer (Land)', roles: ['APPROVER'], organisationCode: 'STATE_THURINGIA' },
  // The Land's administration: the programme's parameters, onboarding a Kreis.
  { email: 'land-admin@demo.foerderfluss.de', displayName: 'Stefan Brandt (Land)', roles: ['ADMIN'], organisationCode: 'STATE_THURINGIA' },
  // Greiz's own administration: its settings, users and the parameters the Richtlinie leaves to the Kreis.
  { email: 'admin.greiz@demo.foerderfluss.de', displayName: 'Birgit Hartmann', roles: ['ADMIN'], organisationCode: GREIZ },
  { email: 'sachbearbeitung.greiz@demo.foerderfluss.de', displayName: 'Jana Köhler', roles: ['STAFF'], organisationCode: GREIZ },
  { email: 'zeichnung.greiz@demo.foerderfluss.de', displayName: 'Thomas Wendt', roles: ['APPROVER'], organisationCode: GREIZ },
  { email: 'sachbearbeitung.saale-orla@demo.foerderfluss.de', displayName: 'Sabine Rausch', roles: ['STAFF'], organisationCode: SAALE_ORLA },
  { email: 'zeichnung.saale-orla@demo.foerderfluss.de', displayName: 'Michael Günther', roles: ['APPROVER'], organisationCode: SAALE_ORLA },
  { email: 'elstertal@demo.foerderfluss.de', displayName: 'Claudia Wetzel (Träger, Demo)', roles: ['PROVIDER'], organisationCode: 'PROVIDER_GRZ_ELSTERTAL_SOCIAL_WORK' },
  { email: 'treffpunkt-zeulenroda@demo.foerderfluss.de', displayName: 'Yusuf Demir (Träger, Demo)', roles: ['PROVIDER'], organisationCode: 'PROVIDER_GRZ_MEETING_POINT' },
  { email: 'bildungsforum-weida@demo.foerderfluss.de', displayName: 'Dr. Anja Seidel (Träger, Demo)', roles: ['PROVIDER'], organisationCode: 'PROVIDER_GRZ_EDUCATION' },
  { email: 'familienzentrum-orlatal@demo.foerderfluss.de', displayName: 'Franziska Beyer (Träger, Demo)', roles: ['PROVIDER'], organisationCode: 'PROVIDER_SOK_FAMILY_CENTRE' },
  { email: 'sozialverband-oberland@demo.foerderfluss.de', displayName: 'Ronny Pfeifer (Träger, Demo)', roles: ['PROVIDER'], organisationCode: 'PROVIDER_SOK_WELFARE_ASSOCIATION' },
  { email: 'jugendwerk-rennsteig@demo.foerderfluss.de', displayName: 'Marcel Hoffmann (Träger, Demo)', roles: ['PROVIDER'], organisationCode: 'PROVIDER_SOK_YOUTH_WORK' },
];

/**
 * Sozialräume of the two further Kreise, codes prefixed GRZ_/SOK_ (social_area.code is unique
 * across the install). Like the Altenburger Land's (seeds/reference/social-areas.ts) each is a
 * union of whole Städte/Gemeinden around a Mittelzentrum or Grundzentrum, plus one for projects
 * serving the whole Kreis (no Gemeinden of its own: any municipality is accepted).
 *
 * Derivation: the Städte and Gemeinden named are real municipalities of the Kreis (public
 * municipal structure after the Thüringer Gebietsreform 2018–2024); the grouping follows the
 * Mittelzentren (Greiz, Zeulenroda-Triebes; Pößneck, Schleiz, Bad Lobenstein, Neustadt an der
 * Orla) and the Verwaltungsgemeinschaften, so no unit is split. Unlike the Altenburger Land's list
 * these are NOT complete: the many small member Gemeinden of the VGs are named only where the
 * membership was confirmed (VG Ranis-Ziegenrück, VG Oppurg); the rest belong to the Sozialraum of
 * their VG's seat. ASSUMPTION (demo only): a Kreis going live confirms or replaces the grouping
 * (`district:create --social-areas file.csv`).
 */
export const LAND_SOCIAL_AREAS: Readonly<Record<string, readonly SocialAreaSeed[]>> = {
  [GREIZ]: [
    // Kreisstadt and Mittelzentrum on the Weiße Elster, with its rural neighbours to the south and west.
    { code: 'GRZ_GREIZ', name: 'Greiz und Umland', municipalities: ['Greiz', 'Mohlsdorf-Teichwolframsdorf', 'Langenwetzendorf'], sortOrder: 1 },
    // Mittelzentrum Zeulenroda-Triebes with the small towns of the west of the Kreis.
    { code: 'GRZ_ZEULENRODA', name: 'Zeulenroda-Triebes, Auma und Hohenleuben', municipalities: ['Zeulenroda-Triebes', 'Auma-Weidatal', 'Hohenleuben'], sortOrder: 2 },
    // The middle of the Kreis along the Weida and the Elster.
    { code: 'GRZ_WEIDA', name: 'Weida, Harth-Pöllnitz und Münchenbernsdorf', municipalities: ['Weida', 'Harth-Pöllnitz', 'Münchenbernsdorf'], sortOrder: 3 },
    // The north and east around Gera: Ronneburg, Bad Köstritz and the Gemeinden between them.
    { code: 'GRZ_RONNEBURG_KOESTRITZ', name: 'Ronneburg, Bad Köstritz und Umland von Gera', municipalities: ['Ronneburg', 'Bad Köstritz', 'Kraftsdorf', 'Großenstein', 'Brahmenau'], sortOrder: 4 },
    { code: 'GRZ_DISTRICT_WIDE', name: 'Landkreis Greiz (kreisweit)', municipalities: [], sortOrder: 5 },
  ],
  [SAALE_ORLA]: [
    // Mittelzentrum Pößneck with the VG Ranis-Ziegenrück.
    {
      code: 'SOK_POESSNECK_RANIS',
      name: 'Pößneck und Ranis-Ziegenrück',
      municipalities: ['Pößneck', 'Ranis', 'Krölpa', 'Ziegenrück', 'Eßbach', 'Gössitz', 'Keila', 'Moxa', 'Paska', 'Peuschen', 'Schmorda', 'Schöndorf', 'Seisla', 'Wilhelmsdorf'],
      sortOrder: 1,
    },
    // Neustadt an der Orla and Triptis in the north, with the VG Oppurg.
    {
      code: 'SOK_NEUSTADT_TRIPTIS',
      name: 'Neustadt an der Orla, Triptis und Oppurg',
      municipalities: ['Neustadt an der Orla', 'Triptis', 'Oppurg', 'Bodelwitz', 'Döbritz', 'Gertewitz', 'Grobengereuth', 'Langenorla', 'Lausnitz bei Neustadt an der Orla', 'Nimritz', 'Oberoppurg'],
      sortOrder: 2,
    },
    // The Kreisstadt Schleiz and the Oberland towards Saxony and Bavaria.
    { code: 'SOK_SCHLEIZ', name: 'Schleiz, Tanna, Gefell und Hirschberg', municipalities: ['Schleiz', 'Tanna', 'Gefell', 'Hirschberg', 'Saalburg-Ebersdorf'], sortOrder: 3 },
    // Bad Lobenstein and the Frankenwald/Rennsteig in the south-west.
    { code: 'SOK_LOBENSTEIN', name: 'Bad Lobenstein und Rennsteig', municipalities: ['Bad Lobenstein', 'Wurzbach', 'Remptendorf', 'Rosenthal am Rennsteig'], sortOrder: 4 },
    { code: 'SOK_DISTRICT_WIDE', name: 'Saale-Orla-Kreis (kreisweit)', municipalities: [], sortOrder: 5 },
  ],
};
