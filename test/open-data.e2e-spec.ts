/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are asserted by value */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { THREE_SIXTY_GIVING_CSV_COLUMNS } from '@foerderfluss/exports';
import { bearer, createTestContext, DEMO, type TestContext } from './support/harness';
import { approvedDecision, completeReview, type Tokens, yearWithCall } from './support/flow';
import { applicationBody, balancedPlan } from './support/fixtures';

const SCHEMA_DIR = path.join(__dirname, '..', 'docs', 'open-data');
const readSchema = (file: string): object => JSON.parse(readFileSync(path.join(SCHEMA_DIR, file), 'utf8'));

/** The only keys a published grant (and its parts) may carry. */
const PUBLIC_KEYS = new Set([
  'grants', 'id', 'title', 'description', 'currency', 'amountAwarded', 'awardDate', 'plannedDates', 'startDate', 'endDate',
  'recipientOrganization', 'fundingOrganization', 'name', 'beneficiaryLocation', 'countryCode', 'grantProgramme', 'code',
]);

function allKeys(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => allKeys(v, into));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      into.add(k);
      allKeys(v, into);
    }
  }
  return into;
}

/** A minimal RFC 4180 reader for the test: quoted fields, doubled quotes, CRLF. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}

/**
 * Issue 19 item 5: 360Giving open data. Settings (ADMIN), the public package in JSON and CSV,
 * validated against our schema restating the standard and against the public-fields schema.
 */
describe('open data (360Giving)', () => {
  let t: TestContext;
  const tk: Tokens = { admin: '', staff: '', approver: '', provider: '', provider2: '', auditor: '' };
  const ajv = new Ajv({ allErrors: true, strict: true });
  addFormats(ajv);
  ajv.addSchema(readSchema('360giving-package.schema.json'));
  ajv.addSchema(readSchema('foerderfluss-public-grants.schema.json'));
  const standard = ajv.getSchema('https://foerderfluss.example/schemas/360giving-package.schema.json')!;
  const publicOnly = ajv.getSchema('https://foerderfluss.example/schemas/foerderfluss-public-grants.schema.json')!;
  const FIXTURE_YEAR = 2028;
  let fixture: { reference: string };
  let proposedReference: string;

  const settings = (token: string, body: Record<string, unknown>) => t.http().put('/api/v1/open-data/settings').set(bearer(token)).send(body);

  beforeAll(async () => {
    t = await createTestContext({ now: '2026-11-25T10:00:00+01:00' });
    for (const key of Object.keys(tk) as (keyof Tokens)[]) tk[key] = await t.login(DEMO[key]);
    // The fixture: personal data in every field a Träger fills in, and a title a spreadsheet would run as a formula.
    const y = await yearWithCall(t, tk, FIXTURE_YEAR);
    fixture = await approvedDecision(t, tk, {
      ...y,
      grant: '48250.50',
      application: {
        title: '=HYPERLINK("https://example.org","Sprachcafé, \'Begegnung\'")',
        purpose: 'Sprachcafé für Neuzugewanderte, zweimal wöchentlich.',
        contactName: 'Erika Geheim-Fixture',
        contactEmail: 'erika.geheim@fixture.example',
        contactPhone: '+49 3447 999 123',
        socialAreaCode: 'ALTENBURG',
        municipality: 'Altenburg',
        financingPlan: balancedPlan('48250.50'),
      },
    });
    // A proposal in the same year: not issued, so never published.
    const a = await t.http().post('/api/v1/applications').set(bearer(tk.provider)).send(applicationBody(y.callId, FIXTURE_YEAR, { title: 'Nur vorgeschlagen' }));
    await t.http().post(`/api/v1/applications/${a.body.id}/submit`).set(bearer(tk.provider)).expect(200);
    await t.http().post(`/api/v1/applications/${a.body.id}/start-review`).set(bearer(tk.staff)).expect(200);
    await completeReview(t, tk.staff, a.body.id);
    const p = await t
      .http()
      .post(`/api/v1/applications/${a.body.id}/propose-decision`)
      .set(bearer(tk.staff))
      .send({ instrument: 'BESCHEID', financingType: 'DEFICIT', maxAmount: '90000.00' })
      .expect(201);
    proposedReference = p.body.reference;
  });

  afterAll(async () => t?.close());

  it('the demo publishes under its demo prefix; the settings are the ADMIN’s alone', async () => {
    const res = await t.http().get('/api/v1/open-data/settings').set(bearer(tk.admin)).expect(200);
    expect(res.body).toMatchObject({ enabled: true, prefix: '360G-demo-altenburgerland', licence: 'CC_BY_4_0', funderName: 'Landkreis Altenburger Land – Landratsamt' });
    expect(res.body.effectiveFunderIdentifier).toBe('360G-demo-altenburgerland-ORG-DISTRICT_ALTENBURGER_LAND');
    for (const role of ['staff', 'approver', 'auditor', 'provider'] as const) {
      await t.http().get('/api/v1/open-data/settings').set(bearer(tk[role])).expect(403);
      const put = await settings(tk[role], { enabled: false, prefix: null, licence: 'CC_BY_4_0' });
      expect(put.status).toBe(403);
    }
    await t.http().get('/api/v1/open-data/settings').expect(401);
  });

  it('the demo year validates against the standard’s structure and the public-fields schema, with no personal data', async () => {
    const res = await t.http().get('/api/v1/open-data/360giving?year=2026').expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const body = JSON.parse(res.text);
    expect(body.grants.length).toBeGreaterThan(0);
    expect(standard(body)).toBe(true);
    expect(publicOnly.errors ?? null).toBeNull();
    expect(publicOnly(body)).toBe(true);
    for (const k of allKeys(body)) expect(PUBLIC_KEYS).toContain(k);
    // The public-fields schema bites: one more field anywhere, and the package fails.
    const leaked = JSON.parse(res.text);
    leaked.grants[0].recipientOrganization[0].email = 'kontakt@example.org';
    expect(standard(leaked)).toBe(true);
    expect(publicOnly(leaked)).toBe(false);

    // Exactly the issued grants of the year (in force or closed, Höchstbetrag above 0).
    const issued = await t.db.query(
      `SELECT d.reference, d.max_amount::text AS amount FROM decision d JOIN budget_year b ON b.id = d.budget_year_id
        WHERE b.year = 2026 AND d.outcome = 'GRANT' AND d.status IN ('IN_FORCE','CLOSED') AND d.max_amount > 0 ORDER BY d.reference`,
    );
    expect(body.grants.map((g: any) => g.id)).toEqual(issued.rows.map((r: any) => `360G-demo-altenburgerland-${r.reference}`));
    // The amount as written in the body: a number with exactly two decimals, the Höchstbetrag to the cent.
    const written = [...res.text.matchAll(/"amountAwarded":([0-9.]+)/g)].map((m) => m[1]);
    expect(written).toEqual(issued.rows.map((r: any) => r.amount));

    // Nothing personal or financial of any Träger, nor of the Anträge's contacts, anywhere in the body
    // (the account holder is the Träger's public name in the demo, so it is left out of the needles).
    const secrets = await t.db.query(
      `SELECT iban, bic, contact_name, contact_email, contact_phone, street FROM organisation
       UNION ALL SELECT NULL, NULL, contact_name, contact_email, contact_phone, NULL FROM application`,
    );
    const needles = new Set<string>();
    for (const r of secrets.rows) for (const v of Object.values(r)) if (typeof v === 'string' && v.length >= 6) needles.add(v);
    expect(needles.size).toBeGreaterThan(10);
    for (const n of needles) expect(res.text).not.toContain(n);
    expect(res.text).not.toMatch(/DE\d{20}/); // no IBAN-shaped text
    expect(res.text).not.toMatch(/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[a-z]{2,}/); // no e-mail address
  });

  it('the fixture: every field as the Bescheid states it, the proposal left out, contacts never', async () => {
    const res = await t.http().get(`/api/v1/open-data/360giving?year=${FIXTURE_YEAR}`).expect(200);
    const body = JSON.parse(res.text);
    expect(standard(body)).toBe(true);
    expect(publicOnly(body)).toBe(true);
    expect(body.grants).toHaveLength(1);
    const provider = (await t.db.query(`SELECT o.code, o.name FROM organisation o JOIN app_user u ON u.organisation_id = o.id WHERE u.email = $1`, [DEMO.provider])).rows[0];
    const version = (await t.db.query(`SELECT decision_date::text AS d FROM decision_version v JOIN decision d ON d.id = v.decision_id WHERE d.reference = $1 AND v.version_no = 1`, [fixture.reference])).rows[0];
    expect(body.grants[0]).toEqual({
      id: `360G-demo-altenburgerland-${fixture.reference}`,
      title: '=HYPERLINK("https://example.org","Sprachcafé, \'Begegnung\'")',
      description: 'Sprachcafé für Neuzugewanderte, zweimal wöchentlich.',
      currency: 'EUR',
      amountAwarded: 48250.5,
      awardDate: version.d,
      plannedDates: [{ startDate: `${FIXTURE_YEAR}-01-01`, endDate: `${FIXTURE_YEAR}-12-31` }],
      recipientOrganization: [{ id: `360G-demo-altenburgerland-ORG-${provider.code}`, name: provider.name }],
      fundingOrganization: [{ id: '360G-demo-altenburgerland-ORG-DISTRICT_ALTENBURGER_LAND', name: 'Landkreis Altenburger Land – Landratsamt' }],
      beneficiaryLocation: [{ name: expect.any(String), description: 'Altenburg', countryCode: 'DE' }],
      grantProgramme: [{ code: 'SOZIALBERATUNG_FLUECHTLINGE', title: expect.any(String) }],
    });
    expect(res.text).toContain('"amountAwarded":48250.50');
    expect(res.text).not.toContain(proposedReference);
    for (const secret of ['Erika Geheim-Fixture', 'erika.geheim@fixture.example', '3447 999 123']) expect(res.text).not.toContain(secret);
  });

  it('the CSV: the standard’s column titles, one row per grant, text neutralised against formulas', async () => {
    const res = await t.http().get(`/api/v1/open-data/360giving.csv?year=${FIXTURE_YEAR}`).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.text.startsWith('\uFEFF')).toBe(true);
    const rows = parseCsv(res.text.slice(1));
    expect(rows[0]).toEqual([
      'Identifier', 'Title', 'Description', 'Currency', 'Amount Awarded', 'Award Date', 'Planned Dates:Start Date', 'Planned Dates:End Date',
      'Recipient Org:Identifier', 'Recipient Org:Name', 'Funding Org:Identifier', 'Funding Org:Name', 'Beneficiary Location:Name',
      'Beneficiary Location:Description', 'Beneficiary Location:Country Code', 'Grant Programme:Code', 'Grant Programme:Title',
    ]);
    expect(rows[0]).toEqual(THREE_SIXTY_GIVING_CSV_COLUMNS.map((c) => c.title));
    expect(rows).toHaveLength(2);
    const row = Object.fromEntries(rows[0]!.map((h, i) => [h, rows[1]![i]]));
    expect(row).toMatchObject({
      Identifier: `360G-demo-altenburgerland-${fixture.reference}`,
      // The leading apostrophe keeps a spreadsheet from running the title as a formula.
      Title: '\'=HYPERLINK("https://example.org","Sprachcafé, \'Begegnung\'")',
      Currency: 'EUR',
      'Amount Awarded': '48250.50',
      'Planned Dates:Start Date': `${FIXTURE_YEAR}-01-01`,
      'Beneficiary Location:Description': 'Altenburg',
      'Beneficiary Location:Country Code': 'DE',
      'Grant Programme:Code': 'SOZIALBERATUNG_FLUECHTLINGE',
    });
    expect(res.text).not.toContain('erika.geheim@fixture.example');
  });

  it('public: no token needed, a Träger’s token changes nothing; cacheable, CORS-open, with its licence', async () => {
    const anonymous = await t.http().get('/api/v1/open-data/360giving?year=2026').expect(200);
    const asProvider = await t.http().get('/api/v1/open-data/360giving?year=2026').set(bearer(tk.provider2)).expect(200);
    const asAdmin = await t.http().get('/api/v1/open-data/360giving?year=2026').set(bearer(tk.admin)).expect(200);
    expect(asProvider.text).toBe(anonymous.text);
    expect(asAdmin.text).toBe(anonymous.text);
    expect(anonymous.headers['cache-control']).toBe('public, max-age=300');
    expect(anonymous.headers['access-control-allow-origin']).toBe('*');
    expect(anonymous.headers.link).toBe('<https://creativecommons.org/licenses/by/4.0/>; rel="license"');
    await t.http().get('/api/v1/open-data/360giving?year=2026').set('If-None-Match', anonymous.headers.etag!).expect(304);
  });

  it('year is required and validated (German 400 naming year)', async () => {
    for (const q of ['', '?year=abc', '?year=2026.5', '?year=1999', '?year=20266']) {
      for (const p of ['360giving', '360giving.csv']) {
        const res = await t.http().get(`/api/v1/open-data/${p}${q}`).expect(400);
        expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(res.body.errors.map((e: any) => e.path)).toContain('year');
        expect(res.body.errors[0].message).toMatch(/[a-zäöü]/);
      }
    }
  });

  it('settings: prefix format and enabling without a prefix refused in German; a change is audited; disabled answers 404', async () => {
    const current = (await t.http().get('/api/v1/open-data/settings').set(bearer(tk.admin)).expect(200)).body;
    const bad = await settings(tk.admin, { enabled: true, prefix: 'GB-CHC-123', licence: 'CC_BY_4_0', version: current.version }).expect(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ path: 'prefix', message: expect.stringContaining('360G-') })]);
    const trailing = await settings(tk.admin, { enabled: true, prefix: '360G-kreis-', licence: 'CC_BY_4_0' }).expect(400);
    expect(trailing.body.errors[0].path).toBe('prefix');
    const none = await settings(tk.admin, { enabled: true, prefix: null, licence: 'CC_BY_4_0' }).expect(400);
    expect(none.body.errors).toEqual([{ path: 'prefix', message: 'Zum Veröffentlichen ist das bei 360Giving registrierte Präfix nötig.' }]);
    const funder = await settings(tk.admin, { enabled: true, prefix: '360G-demo-altenburgerland', funderIdentifier: 'kein Kennzeichen', licence: 'CC_BY_4_0' }).expect(400);
    expect(funder.body.errors[0].path).toBe('funderIdentifier');
    const licence = await settings(tk.admin, { enabled: true, prefix: '360G-demo-altenburgerland', licence: 'MIT' }).expect(400);
    expect(licence.body.errors[0].path).toBe('licence');

    const off = await settings(tk.admin, { enabled: false, prefix: '360G-demo-altenburgerland', licence: 'DL_DE_BY_2_0', version: current.version }).expect(200);
    expect(off.body).toMatchObject({ enabled: false, licence: 'DL_DE_BY_2_0', licenceUrl: 'https://www.govdata.de/dl-de/by-2-0', version: current.version + 1 });
    const stale = await settings(tk.admin, { enabled: true, prefix: '360G-demo-altenburgerland', licence: 'CC_BY_4_0', version: current.version });
    expect(stale.status).toBe(409);
    const audit = await t.db.query(`SELECT before, after FROM audit_event WHERE action = 'open-data.settings.change' ORDER BY occurred_at DESC LIMIT 1`);
    expect(audit.rows[0].before).toMatchObject({ enabled: true });
    expect(audit.rows[0].after).toMatchObject({ enabled: false, licence: 'DL_DE_BY_2_0' });

    for (const p of ['360giving', '360giving.csv']) {
      const res = await t.http().get(`/api/v1/open-data/${p}?year=2026`).expect(404);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.detail).toBe('Der Landkreis veröffentlicht seine Förderungen derzeit nicht als offene Daten (360Giving).');
      expect(res.headers['cache-control']).toBe('no-store');
    }
    // The ADMIN still sees what a year would publish.
    const preview = await t.http().get(`/api/v1/open-data/preview?year=${FIXTURE_YEAR}`).set(bearer(tk.admin)).expect(200);
    expect(preview.body).toEqual({ year: FIXTURE_YEAR, grants: 1, enabled: false });
    await t.http().get(`/api/v1/open-data/preview?year=${FIXTURE_YEAR}`).set(bearer(tk.staff)).expect(403);

    await settings(tk.admin, { enabled: true, prefix: '360G-demo-altenburgerland', licence: 'CC_BY_4_0', version: off.body.version }).expect(200);
    await t.http().get('/api/v1/open-data/360giving?year=2026').expect(200);
  });
});
