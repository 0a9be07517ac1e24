import { bearer, TestContext } from './harness';

/** The demo programme's id (reference seed). */
export async function programmeId(t: TestContext): Promise<string> {
  return (await t.db.query(`SELECT id FROM programme WHERE code = 'SOZIALBERATUNG_FLUECHTLINGE'`)).rows[0].id as string;
}

/** A budget year of its own, so a test file does not depend on what the demo year holds. */
export async function createBudgetYear(
  t: TestContext,
  adminToken: string,
  year: number,
  amounts: { state: string; district: string } = { state: '400000.00', district: '100000.00' },
): Promise<{ id: string }> {
  const res = await t
    .http()
    .post('/api/v1/budget-years')
    .set(bearer(adminToken))
    .send({
      programmeId: await programmeId(t),
      year,
      stateGrantReference: `TLVwA TEST-${year}`,
      stateGrantDate: `${year - 1}-12-01`,
      stateMaxAmount: amounts.state,
      stateRatePercent: '80',
      periodStart: `${year}-01-01`,
      periodEnd: `${year}-12-31`,
      stateProofDue: `${year + 1}-06-30`,
      districtShareAmount: amounts.district,
      districtBudgetLine: '31.5.01.7180',
    });
  if (res.status !== 201) throw new Error(`budget year: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function createPublishedCall(
  t: TestContext,
  staffToken: string,
  budgetYearId: string,
  overrides: Record<string, unknown> = {},
): Promise<{ id: string; deadline: string }> {
  const created = await t
    .http()
    .post('/api/v1/calls')
    .set(bearer(staffToken))
    .send({
      budgetYearId,
      title: 'Projektaufruf Soziale Beratung und Betreuung',
      text: 'Gefördert werden Beratungs- und Betreuungsangebote für anerkannte Geflüchtete im Altenburger Land.',
      openingDate: '2026-09-01',
      deadline: '2026-12-15',
      eligibleFieldsOfAction: ['LANGUAGE_EDUCATION', 'LABOUR_MARKET', 'HOUSING_SOCIAL_INFRASTRUCTURE', 'HEALTH_PSYCHOSOCIAL_CARE'],
      eligibleCostCategories: ['PERSONNEL', 'MATERIAL_ADMIN', 'FEES', 'INTERPRETING'],
      targetSocialAreas: [],
      ...overrides,
    });
  if (created.status !== 201) throw new Error(`call: ${created.status} ${JSON.stringify(created.body)}`);
  const published = await t.http().post(`/api/v1/calls/${created.body.id}/publish`).set(bearer(staffToken));
  if (published.status !== 200) throw new Error(`publish: ${published.status} ${JSON.stringify(published.body)}`);
  return published.body;
}

/** A balanced plan: 100.000 costs = 10.000 own + 90.000 grant (DOMAIN §3 example). */
export function balancedPlan(grant = '90000.00') {
  const own = (100000 * 100 - Math.round(Number(grant) * 100)) / 100;
  return {
    costLines: [
      { category: 'PERSONNEL', description: 'Sozialberatung 1,0 VZÄ', amount: '80000.00' },
      { category: 'MATERIAL_ADMIN', description: 'Miete, Telefon, Büro', amount: '15000.00' },
      { category: 'FEES', description: 'Honorare Sprachmittlung', amount: '5000.00' },
    ],
    // 5.000 × 1,0 × 12 + 4.000 × 0,5 × 10 = 80.000; the second is paid 200 € above TV-L.
    personnelPositions: [
      { label: 'Sozialberater/in', payGrade: 'TV-L E 9b', monthlyEmployerGross: '5000.00', comparisonAmount: '5200.00', fte: '1', months: '12' },
      { label: 'Verwaltungskraft', payGrade: 'TV-L E 6', monthlyEmployerGross: '4000.00', comparisonAmount: '3800.00', fte: '0.5', months: '10' },
    ],
    fundingLines: [
      { kind: 'OWN_FUNDS', source: 'Eigenmittel des Vereins', amount: own.toFixed(2) },
      { kind: 'GRANT', source: 'Zuwendung Landkreis Altenburger Land', amount: grant },
    ],
  };
}

export function applicationBody(callId: string, year: number, overrides: Record<string, unknown> = {}) {
  return {
    callId,
    title: 'Migrationsberatung Altenburg-Nord',
    purpose: 'Soziale Beratung und Begleitung anerkannter Geflüchteter bei Behördengängen, Wohnungssuche und Arbeitsaufnahme.',
    targetGroup: 'anerkannte Geflüchtete in Altenburg',
    fieldsOfAction: ['LABOUR_MARKET'],
    socialAreaCode: 'ALTENBURG',
    municipality: 'Altenburg',
    periodStart: `${year}-01-01`,
    periodEnd: `${year}-12-31`,
    plannedStart: `${year}-01-01`,
    contactName: 'Maria Schubert',
    contactEmail: 'maria.schubert@example.org',
    betterPositionRespected: true,
    financingPlan: balancedPlan(),
    ...overrides,
  };
}

/** Final-grant calculator cases (POST /calculations/final-grant) with the numbers of DOMAIN §4. */
const FINAL_GRANT_PLAN = {
  costLines: [
    { category: 'PERSONNEL', amount: '80000.00' },
    { category: 'MATERIAL_ADMIN', amount: '15000.00' },
    { category: 'FEES', amount: '5000.00' },
  ],
  ownFunds: '10000.00',
};
/** DOMAIN §4 (Fehlbedarf): Honorare 7.000 against a plan of 5.000. */
export const SECTION_4 = {
  financingType: 'DEFICIT',
  maxAmount: '90000.00',
  paidAmount: '90000.00',
  plan: FINAL_GRANT_PLAN,
  actual: {
    costLines: [
      { category: 'PERSONNEL', amount: '76000.00' },
      { category: 'MATERIAL_ADMIN', amount: '17000.00' },
      { category: 'FEES', amount: '7000.00' },
    ],
    ownFunds: '10000.00',
  },
};
/** A = 99.000, 1.000 below plan: above a Bagatellgrenze of 500, within one of 2.000. */
export const SAVINGS_1000 = {
  ...SECTION_4,
  actual: {
    costLines: [
      { category: 'PERSONNEL', amount: '79000.00' },
      { category: 'MATERIAL_ADMIN', amount: '15000.00' },
      { category: 'FEES', amount: '5000.00' },
    ],
    ownFunds: '10000.00',
  },
};
