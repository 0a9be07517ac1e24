/**
 * Demo organisations for the Altenburger Land 2026 demo (applied only when SEED_DEMO=true).
 *
 * Sources:
 *  - The funds flow Land → Landkreis → freie Träger, and the TMMJV / TLVwA roles:
 *    shared/docs/DOMAIN.md §1.
 *  - The kinds of Träger: the actors the "Politische Leitlinien für Integration" name in
 *    Abschnitt 1.4 (professional freie Träger for Sozialberatung, Sprachförderung and
 *    Integrationsbegleitung; Sportvereine, Kulturinitiativen, Jugendverbände), 2.3
 *    (Wohlfahrtsverbände, Vereine, Religionsgemeinschaften), Kapitel 4.3 (Migrantenselbst-
 *    organisationen, Jugendhilfe, Weiterbildungsträger, Sportvereine) and 3.3 / 3.1 for the
 *    towns (Altenburg, Schmölln, Meuselwitz, Gößnitz).
 *
 * Every PROVIDER is FICTITIOUS. The names are made up and carry "(Demo)". They deliberately
 * avoid the brand names of real welfare federations (Diakonie, Caritas, AWO …), so that no
 * real organisation is impersonated. The contact people are invented too, and every e-mail
 * uses the domain demo.foerderfluss.de.
 * The Land and the Landkreis are the real public bodies (the Landratsamt address,
 * Lindenaustraße 9, and the Thüringer Landesverwaltungsamt address in Weimar are their
 * public ones; the TMMJV itself sits in Erfurt). Their contact people, phone numbers and
 * bank accounts are fictitious.
 *
 * Phone numbers use real area codes, but the local part starts with 0. German numbering
 * never gives a subscriber number that starts with 0, so no real line can be reached.
 *
 * IBANs: real bank codes (BLZ) with made-up account numbers. They were computed with
 * ibantools.composeIBAN and checked with isValidIBAN (ISO 13616 mod-97). The German
 * per-bank account check-digit methods (Prüfziffernverfahren) were NOT checked, so a
 * payment-file validator that applies them may reject these accounts. That's fine for
 * demo data, but never use them for real payments.
 *   83050200 / HELADEF1ALT  Sparkasse Altenburger Land
 *   83065408 / GENODEF1SLR  VR-Bank Altenburger Land
 *   82050000 / HELADEFF820  Landesbank Hessen-Thüringen, Erfurt
 *   52060410 / GENODEF1EK1  Evangelische Bank
 *   37060193 / GENODED1PAX  Pax-Bank
 *   86020500 / BFSWDE33LPZ  Bank für Sozialwirtschaft (SozialBank), Leipzig
 *
 * Demo seed: upserted by `code`.
 */

export type OrganisationKind = 'STATE' | 'DISTRICT' | 'PROVIDER';

export interface OrganisationSeed {
  readonly code: string;
  readonly kind: OrganisationKind;
  readonly name: string;
  /** e.V., gGmbH, Körperschaft des öffentlichen Rechts … */
  readonly legalForm: string;
  readonly street: string;
  readonly postalCode: string;
  readonly city: string;
  readonly contactName: string;
  readonly contactEmail: string;
  readonly contactPhone: string;
  /** Gemeinnützig (recognised under §§ 51 ff. AO). */
  readonly nonProfit: boolean;
  /** Date of the latest Freistellungsbescheid, 'YYYY-MM-DD'; null where not applicable. */
  readonly nonProfitNoticeDate: string | null;
  /** Vorsteuerabzugsberechtigt: if true, only net amounts are eligible (DOMAIN.md §2). */
  readonly vatDeductible: boolean;
  /** Electronic format, no spaces. */
  readonly iban: string;
  readonly bic: string;
  readonly accountHolder: string;
}

export const DEMO_ORGANISATIONS = [
  {
    code: 'STATE_THURINGIA',
    kind: 'STATE',
    name: 'Freistaat Thüringen, vertreten durch das Thüringer Landesverwaltungsamt',
    legalForm: 'Gebietskörperschaft des öffentlichen Rechts',
    street: 'Jorge-Semprún-Platz 4',
    postalCode: '99423',
    city: 'Weimar',
    contactName: 'Henrike Wöllner (Demo)',
    contactEmail: 'tlvwa.foerderung@demo.foerderfluss.de',
    contactPhone: '03643 0100-10',
    nonProfit: false,
    nonProfitNoticeDate: null,
    vatDeductible: false,
    iban: 'DE39820500003000101001',
    bic: 'HELADEFF820',
    accountHolder: 'Freistaat Thüringen (Demo-Konto)',
  },
  {
    code: 'DISTRICT_ALTENBURGER_LAND',
    kind: 'DISTRICT',
    name: 'Landkreis Altenburger Land – Landratsamt',
    legalForm: 'Gebietskörperschaft des öffentlichen Rechts',
    street: 'Lindenaustraße 9',
    postalCode: '04600',
    city: 'Altenburg',
    contactName: 'Matthias Kühnel (Demo)',
    contactEmail: 'integrationsmanagement@demo.foerderfluss.de',
    contactPhone: '03447 0100-20',
    nonProfit: false,
    nonProfitNoticeDate: null,
    vatDeductible: false,
    iban: 'DE74830502001100200300',
    bic: 'HELADEF1ALT',
    accountHolder: 'Landkreis Altenburger Land (Demo-Konto)',
  },
  {
    // Church-based welfare organisation (Diakonie-like): Migrationssozialberatung in the Kreisstadt.
    code: 'PROVIDER_PROTESTANT_SOCIAL_WORK',
    kind: 'PROVIDER',
    name: 'Evangelisches Sozialwerk Pleißenland e.V. (Demo)',
    legalForm: 'e.V.',
    street: 'Bahnhofstraße 12',
    postalCode: '04600',
    city: 'Altenburg',
    contactName: 'Friederike Lange',
    contactEmail: 'friederike.lange@demo.foerderfluss.de',
    contactPhone: '03447 0100-31',
    nonProfit: true,
    nonProfitNoticeDate: '2023-03-14',
    vatDeductible: false,
    iban: 'DE39520604108004711000',
    bic: 'GENODEF1EK1',
    accountHolder: 'Evangelisches Sozialwerk Pleißenland e.V. (Demo)',
  },
  {
    // Catholic welfare organisation (Caritas-like): Flüchtlingsberatung, psychosoziale Begleitung.
    code: 'PROVIDER_CATHOLIC_SOCIAL_SERVICE',
    kind: 'PROVIDER',
    name: 'Katholischer Sozialdienst St. Martin Altenburger Land e.V. (Demo)',
    legalForm: 'e.V.',
    street: 'Friedrich-Ebert-Straße 5',
    postalCode: '04600',
    city: 'Altenburg',
    contactName: 'Tomasz Nowicki',
    contactEmail: 'tomasz.nowicki@demo.foerderfluss.de',
    contactPhone: '03447 0100-41',
    nonProfit: true,
    nonProfitNoticeDate: '2022-11-08',
    vatDeductible: false,
    iban: 'DE07370601936204815001',
    bic: 'GENODED1PAX',
    accountHolder: 'Katholischer Sozialdienst St. Martin Altenburger Land e.V. (Demo)',
  },
  {
    // Non-denominational welfare association, Kreisverband (AWO-like): Sozialberatung in Schmölln.
    code: 'PROVIDER_WELFARE_ASSOCIATION',
    kind: 'PROVIDER',
    name: 'Sozialverband Brückenschlag Kreisverband Altenburger Land e.V. (Demo)',
    legalForm: 'e.V.',
    street: 'Gartenstraße 8',
    postalCode: '04626',
    city: 'Schmölln',
    contactName: 'Ines Reichardt',
    contactEmail: 'ines.reichardt@demo.foerderfluss.de',
    contactPhone: '034491 0100-51',
    nonProfit: true,
    nonProfitNoticeDate: '2024-02-20',
    vatDeductible: false,
    iban: 'DE34860205000003620014',
    bic: 'BFSWDE33LPZ',
    accountHolder: 'Sozialverband Brückenschlag Kreisverband Altenburger Land e.V. (Demo)',
  },
  {
    // Migrantenselbstorganisation: Begegnung, Sprachcafé, Lotsen (Leitlinien 3.5, 4.3 Leitlinie 5).
    code: 'PROVIDER_MIGRANT_ORGANISATION',
    kind: 'PROVIDER',
    name: 'Begegnung ohne Grenzen – Verein Zugewanderter im Altenburger Land e.V. (Demo)',
    legalForm: 'e.V.',
    street: 'Schulstraße 14',
    postalCode: '04610',
    city: 'Meuselwitz',
    contactName: 'Olena Kovalenko',
    contactEmail: 'olena.kovalenko@demo.foerderfluss.de',
    contactPhone: '03448 0100-61',
    nonProfit: true,
    nonProfitNoticeDate: '2023-09-05',
    vatDeductible: false,
    iban: 'DE12830502001100473210',
    bic: 'HELADEF1ALT',
    accountHolder: 'Begegnung ohne Grenzen – Verein Zugewanderter im Altenburger Land e.V. (Demo)',
  },
  {
    // Bildungsträger: berufsbezogene Sprachkurse, Anerkennungsberatung (Leitlinien 3.2).
    // vatDeductible = true on purpose: it also runs a VAT-liable Zweckbetrieb, so the demo
    // covers the "only net amounts are eligible" rule (DOMAIN.md §2).
    code: 'PROVIDER_EDUCATION',
    kind: 'PROVIDER',
    name: 'Osterland Bildungswerk gGmbH (Demo)',
    legalForm: 'gGmbH',
    street: 'Leipziger Straße 61',
    postalCode: '04600',
    city: 'Altenburg',
    contactName: 'Dr. Stefan Pohle',
    contactEmail: 'stefan.pohle@demo.foerderfluss.de',
    contactPhone: '03447 0100-71',
    nonProfit: true,
    nonProfitNoticeDate: '2024-06-18',
    vatDeductible: true,
    iban: 'DE07830654080204719002',
    bic: 'GENODEF1SLR',
    accountHolder: 'Osterland Bildungswerk gGmbH (Demo)',
  },
  {
    // Jugendhilfe-Verein: Übergänge Schule–Ausbildung, offene Jugendarbeit (Leitlinien 3.1, 3.8).
    code: 'PROVIDER_YOUTH_WELFARE',
    kind: 'PROVIDER',
    name: 'Jugendhilfe Pleißetal e.V. (Demo)',
    legalForm: 'e.V.',
    street: 'Bahnhofstraße 4',
    postalCode: '04639',
    city: 'Gößnitz',
    contactName: 'Kevin Schubert',
    contactEmail: 'kevin.schubert@demo.foerderfluss.de',
    contactPhone: '034493 0100-81',
    nonProfit: true,
    nonProfitNoticeDate: '2022-07-01',
    vatDeductible: false,
    iban: 'DE96830502001100981530',
    bic: 'HELADEF1ALT',
    accountHolder: 'Jugendhilfe Pleißetal e.V. (Demo)',
  },
  {
    // Sportverein with intercultural offers (Leitlinien 3.8, 4.3 Leitlinie 8).
    code: 'PROVIDER_SPORTS_CLUB',
    kind: 'PROVIDER',
    name: 'Interkultureller Sportverein Lucka e.V. (Demo)',
    legalForm: 'e.V.',
    street: 'Sportplatzweg 2',
    postalCode: '04613',
    city: 'Lucka',
    contactName: 'Ahmad Haddad',
    contactEmail: 'ahmad.haddad@demo.foerderfluss.de',
    contactPhone: '034492 0100-91',
    nonProfit: true,
    nonProfitNoticeDate: '2025-01-29',
    vatDeductible: false,
    iban: 'DE48830654080204733008',
    bic: 'GENODEF1SLR',
    accountHolder: 'Interkultureller Sportverein Lucka e.V. (Demo)',
  },
] as const satisfies readonly OrganisationSeed[];

export type DemoOrganisationCode = (typeof DEMO_ORGANISATIONS)[number]['code'];
