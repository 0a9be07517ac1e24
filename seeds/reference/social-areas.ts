/**
 * Sozialräume (social areas) of the Landkreis Altenburger Land, with their Städte/Gemeinden.
 *
 * Source and derivation: the "Politische Leitlinien für Integration" do NOT define
 * Sozialräume and do not list the Gemeinden. What they do say, and what this
 * grouping is built from:
 *  - Abschnitt 1.1: the Kreisstadt Altenburg is a Mittelzentrum that grows through
 *    immigration; smaller Gemeinden "in den Verwaltungsgemeinschaften" keep losing people;
 *    "die ländlich geprägten Gemeinden im Süden und Osten des Kreises" shrink the most.
 *  - Abschnitt 3.3: "die Mittelzentren Altenburg, Schmölln und Meuselwitz" have the most
 *    demand for housing; the Kreis's 388 flats under ThürFlüAG are in Altenburg (255),
 *    Schmölln (64), Meuselwitz (62), Rositz (6) and Gößnitz (1).
 *  - Abschnitt 3.1: Kitas in Altenburg and Meuselwitz have the highest share of children
 *    whose family language is not German.
 *
 * So there is one Sozialraum for each Mittelzentrum (Altenburg, Schmölln, Meuselwitz) and
 * two for the rural rest (the rural south and east named in 1.1, and the Pleißenaue
 * north of Altenburg). Each is a union of WHOLE administrative units (Stadt, Gemeinde,
 * Verwaltungsgemeinschaft (VG), or a Gemeinde whose "erfüllende Gemeinde" does its
 * administration), so no unit is split:
 *  - Lucka (small town next to Meuselwitz) and VG Rositz (between Meuselwitz and
 *    Altenburg, former lignite area) go with Meuselwitz.
 *  - Dobitschen (administered by Schmölln) and VG Oberes Sprottental go with Schmölln.
 *  - Gößnitz (with Heyersdorf, Ponitz) and Nobitz (with Göpfersdorf,
 *    Langenleuba-Niederhain) make up the rural south and east.
 * DISTRICT_WIDE is for projects that serve the whole Kreis (e.g. a central
 * Beratungsstelle with outreach hours). It has no Gemeinden of its own.
 *
 * The Gemeinden are the 30 municipalities of the Landkreis since the Gemeindeneugliederung
 * of 01.01.2019 (ThürGNGG 2019): 5 Städte, 6 Gemeinden outside a VG, 19 Gemeinden in the VGs
 * Oberes Sprottental, Pleißenaue and Rositz. That list comes from public municipal
 * structure, not from the Leitlinien.
 * ASSUMPTION TO CONFIRM: the Sozialplanung / Integrationsmanagement should confirm this
 * grouping (or give us its own Sozialraumgliederung) before go-live. The codes are meant to
 * survive renames, so only `name`/`municipalities` should change after that.
 *
 * Reference seed: upserted by `code`.
 */

/**
 * The Kreis these Sozialräume belong to (issue 20): created by the reference seed when missing, with
 * the Landratsamt's public address; a Land-wide install adds further Kreise with `district:create`.
 */
export const HOME_DISTRICT = {
  code: 'DISTRICT_ALTENBURGER_LAND',
  name: 'Landkreis Altenburger Land – Landratsamt',
  legalForm: 'Gebietskörperschaft des öffentlichen Rechts',
  street: 'Lindenaustraße 9',
  postalCode: '04600',
  city: 'Altenburg',
} as const;

export interface SocialAreaSeed {
  readonly code: string;
  /** German display name. */
  readonly name: string;
  /** Städte/Gemeinden (political municipalities) belonging to this Sozialraum. */
  readonly municipalities: readonly string[];
  readonly sortOrder: number;
}

export const SOCIAL_AREAS = [
  {
    // Kreisstadt and Mittelzentrum (Leitlinien 1.1, 3.3).
    code: 'ALTENBURG',
    name: 'Altenburg',
    municipalities: ['Altenburg'],
    sortOrder: 1,
  },
  {
    // Mittelzentrum Meuselwitz (3.3) with Lucka and VG Rositz (Rositz named in 3.3) in the north-west.
    code: 'MEUSELWITZ_LUCKA_ROSITZ',
    name: 'Meuselwitz, Lucka und Rositz',
    municipalities: [
      'Meuselwitz',
      'Lucka',
      'Rositz',
      'Göhren',
      'Göllnitz',
      'Kriebitzsch',
      'Lödla',
      'Mehna',
      'Monstab',
      'Starkenberg',
    ],
    sortOrder: 2,
  },
  {
    // Mittelzentrum Schmölln (3.3) with Dobitschen and VG Oberes Sprottental in the south-west.
    code: 'SCHMOELLN_SPROTTENTAL',
    name: 'Schmölln und Oberes Sprottental',
    municipalities: [
      'Schmölln',
      'Dobitschen',
      'Heukewalde',
      'Jonaswalde',
      'Löbichau',
      'Posterstein',
      'Thonhausen',
      'Vollmershain',
    ],
    sortOrder: 3,
  },
  {
    // "ländlich geprägte Gemeinden im Süden und Osten des Kreises" (1.1); Gößnitz named in 3.3.
    code: 'GOESSNITZ_NOBITZ',
    name: 'Gößnitz und Nobitz (Süden und Osten)',
    municipalities: ['Gößnitz', 'Heyersdorf', 'Ponitz', 'Nobitz', 'Göpfersdorf', 'Langenleuba-Niederhain'],
    sortOrder: 4,
  },
  {
    // VG Pleißenaue: rural Gemeinden in the north-east, next to Altenburg (1.1 "Verwaltungsgemeinschaften").
    code: 'PLEISSENAUE',
    name: 'Pleißenaue',
    municipalities: ['Fockendorf', 'Gerstenberg', 'Haselbach', 'Treben', 'Windischleuba'],
    sortOrder: 5,
  },
  {
    // Projects serving the whole Landkreis; no Gemeinden of its own.
    code: 'DISTRICT_WIDE',
    name: 'Kreisweit (sozialraumübergreifend)',
    municipalities: [],
    sortOrder: 6,
  },
] as const satisfies readonly SocialAreaSeed[];

export type SocialAreaCode = (typeof SOCIAL_AREAS)[number]['code'];
