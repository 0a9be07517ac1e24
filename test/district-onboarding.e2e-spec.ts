/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are asserted by value */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseSocialAreasCsv } from '@foerderfluss/programmes';
import { DomainError } from '@foerderfluss/core';
import { bearer, createTestContext, DEMO, type TestContext } from './support/harness';
import { TEST_REDIS_URL } from './support/env';

const root = path.resolve(__dirname, '..');

/** The real operator command (apps/api/src/cli.ts, from the sources), with its exit code and output. */
function cli(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['-r', path.join(root, 'scripts/ts-register.js'), path.join(root, 'apps/api/src/cli.ts'), ...args],
      { cwd: root, env: { ...process.env, TS_REGISTER_SOURCE_MAPS: '0', NODE_ENV: 'test', JWT_SECRET: 'test-secret-test-secret-test-secret-0123', REDIS_URL: TEST_REDIS_URL, ...env }, timeout: 120000 },
      (err, stdout, stderr) => resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
    );
  });
}

const GREIZ_CSV = ['code;name;gemeinden', 'GREIZ_STADT;Stadt Greiz;Greiz', 'ZEULENRODA;Zeulenroda-Triebes und Umgebung;"Zeulenroda-Triebes, Auma-Weidatal"', 'ALTENBURG;Greiz-Nord;Berga/Elster,Wünschendorf/Elster', ''].join('\n');

function csvErrors(csv: string): string[] {
  try {
    parseSocialAreasCsv(csv);
  } catch (err) {
    if (err instanceof DomainError) return err.errors.map((e) => e.message);
    throw err;
  }
  return [];
}

/**
 * Onboarding of a Kreis (issue 20 item 6): the Land's ADMIN (or the operator's CLI) creates
 * organisation, settings, Sozialräume from CSV and the first ADMIN in one transaction; the new ADMIN
 * logs in and sees an empty Kreis; a Kreis's ADMIN cannot onboard; a second run changes nothing.
 */
// The demo Land already has Greiz (GRZ) and Saale-Orla (SOK): the Kreise onboarded here take other
// codes and prefixes (DISTRICT_WARTBURG/WAK, DISTRICT_KYFFHAEUSER/KYF), since both are unique.
describe('District onboarding (POST /api/v1/districts, npm run district:create)', () => {
  let t: TestContext;
  let landAdmin: string;
  let homeAdmin: string;

  beforeAll(async () => {
    t = await createTestContext();
    homeAdmin = await t.login(DEMO.admin);
    const stateId = (await t.db.query(`SELECT id FROM organisation WHERE kind = 'STATE' LIMIT 1`)).rows[0].id as string;
    // The Land's ADMIN: a Kreis ADMIN may not create users outside its Kreis (issue 20), so the test
    // writes the row itself, with the demo's password hash.
    const hash = (await t.db.query(`SELECT password_hash FROM app_user WHERE email = $1`, [DEMO.admin])).rows[0].password_hash as string;
    await t.db.query(`INSERT INTO app_user (email, display_name, password_hash, roles, organisation_id) VALUES ($1, $2, $3, $4, $5)`, [
      'land-admin@test.foerderfluss.de',
      'Land-Administration',
      hash,
      ['ADMIN'],
      stateId,
    ]);
    landAdmin = await t.login('land-admin@test.foerderfluss.de');
  });
  afterAll(() => t.close());

  it('CSV errors name line and column, all at once, in German', () => {
    expect(csvErrors('')[0]).toContain('Die Datei ist leer');
    expect(csvErrors('kuerzel;name;orte\nA;B;C')[0]).toContain('Zeile 1: Die Kopfzeile muss „code;name;gemeinden“ lauten');
    const errors = csvErrors(['code;name;gemeinden', 'NORD;Nord;A,B', 'nord-2;;X', 'NORD;Doppelt;Y', 'SUED;Süd', 'WEST;West;"A, A"', 'OST;"Ost;offen'].join('\n'));
    expect(errors).toEqual([
      'Zeile 3, Spalte „code“: „nord-2“ ist kein gültiges Kürzel (Buchstaben A–Z, Ziffern und „_“, höchstens 40 Zeichen).',
      'Zeile 3, Spalte „name“: Bitte den Namen des Sozialraums angeben.',
      'Zeile 4, Spalte „code“: „NORD“ steht schon in Zeile 2.',
      'Zeile 5: 2 Spalten statt 3 (code;name;gemeinden).',
      'Zeile 6, Spalte „gemeinden“: Eine Gemeinde ist doppelt genannt.',
      'Zeile 7: Ein Anführungszeichen ist nicht geschlossen.',
    ]);
  });

  it('a Kreis ADMIN, staff and a Träger cannot onboard; a bad CSV is a 400 naming row and column, and nothing is created', async () => {
    const body = { code: 'DISTRICT_WARTBURG', name: 'Landkreis Greiz – Landratsamt' };
    const refused = await t.http().post('/api/v1/districts').set(bearer(homeAdmin)).send(body).expect(403);
    expect(refused.body.detail).toBe('Einen Landkreis anlegen kann nur die Administration des Landes.');
    await t.http().post('/api/v1/districts').set(bearer(await t.login(DEMO.staff))).send(body).expect(403);
    await t.http().post('/api/v1/districts').set(bearer(await t.login(DEMO.provider))).send(body).expect(403);

    const bad = await t
      .http()
      .post('/api/v1/districts')
      .set(bearer(landAdmin))
      .send({ ...body, socialAreasCsv: 'code;name;gemeinden\nGREIZ_STADT;;Greiz\n', admin: { email: 'x@test.foerderfluss.de', displayName: 'X' } })
      .expect(400);
    expect(bad.body.errors).toEqual([{ path: 'socialAreas', message: 'Zeile 2, Spalte „name“: Bitte den Namen des Sozialraums angeben.' }]);
    const invalid = await t.http().post('/api/v1/districts').set(bearer(landAdmin)).send({ code: 'GREIZ', name: '', referencePrefix: 'grz' }).expect(400);
    expect(invalid.body.errors.map((e: any) => e.path).sort()).toEqual(['code', 'name', 'referencePrefix']);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM organisation WHERE code = 'DISTRICT_WARTBURG'`)).rows[0].n).toBe(0);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM app_user WHERE email = 'x@test.foerderfluss.de'`)).rows[0].n).toBe(0);
  });

  it('the Land ADMIN onboards Greiz: organisation, settings, Sozialräume (a taken code prefixed), first ADMIN with a one-time password; audited', async () => {
    const res = await t
      .http()
      .post('/api/v1/districts')
      .set(bearer(landAdmin))
      .send({
        code: 'DISTRICT_WARTBURG',
        name: 'Landkreis Greiz – Landratsamt',
        street: 'Dr.-Rathenau-Platz 11',
        postalCode: '07973',
        city: 'Greiz',
        referencePrefix: 'WAK',
        socialAreasCsv: GREIZ_CSV,
        admin: { email: 'verwaltung.greiz@test.foerderfluss.de', displayName: 'Petra Lang' },
      })
      .expect(201);
    expect(res.body.created).toBe(true);
    expect(res.body.district).toMatchObject({ code: 'DISTRICT_WARTBURG', name: 'Landkreis Greiz – Landratsamt' });
    // ALTENBURG is the home Kreis's code: Greiz's gets its prefix
    expect(res.body.socialAreas).toEqual([
      { code: 'GREIZ_STADT', name: 'Stadt Greiz', municipalities: ['Greiz'] },
      { code: 'ZEULENRODA', name: 'Zeulenroda-Triebes und Umgebung', municipalities: ['Zeulenroda-Triebes', 'Auma-Weidatal'] },
      { code: 'WAK_ALTENBURG', name: 'Greiz-Nord', municipalities: ['Berga/Elster', 'Wünschendorf/Elster'] },
    ]);
    expect(res.body.admin).toMatchObject({ email: 'verwaltung.greiz@test.foerderfluss.de', displayName: 'Petra Lang' });
    expect(res.body.admin.initialPassword).toMatch(/^[A-Za-z0-9]{18}$/);
    const id = res.body.district.id as string;

    const org = (await t.db.query(`SELECT kind, street, postal_code, city FROM organisation WHERE id = $1`, [id])).rows[0];
    expect(org).toEqual({ kind: 'DISTRICT', street: 'Dr.-Rathenau-Platz 11', postal_code: '07973', city: 'Greiz' });
    expect((await t.db.query(`SELECT reference_prefix FROM district_setting WHERE district_id = $1`, [id])).rows[0].reference_prefix).toBe('WAK');
    const areas = (await t.db.query(`SELECT code, district_id FROM social_area WHERE district_id = $1 ORDER BY sort_order`, [id])).rows;
    expect(areas.map((a: any) => a.code)).toEqual(['GREIZ_STADT', 'ZEULENRODA', 'WAK_ALTENBURG']);
    const user = (await t.db.query(`SELECT roles, organisation_id, password_hash FROM app_user WHERE email = 'verwaltung.greiz@test.foerderfluss.de'`)).rows[0];
    expect(user.roles).toEqual(['ADMIN']);
    expect(user.organisation_id).toBe(id);
    expect(user.password_hash).not.toContain(res.body.admin.initialPassword);
    const audit = (await t.db.query(`SELECT action, after FROM audit_event WHERE entity_id = $1 AND action = 'district.onboard'`, [id])).rows;
    expect(audit).toHaveLength(1);
    expect(audit[0].after).toMatchObject({ code: 'DISTRICT_WARTBURG', referencePrefix: 'WAK', socialAreas: ['GREIZ_STADT', 'ZEULENRODA', 'WAK_ALTENBURG'] });
    expect(JSON.stringify(audit[0].after)).not.toContain(res.body.admin.initialPassword);

    // the new ADMIN logs in, belongs to Greiz and sees an empty Kreis
    const token = await t.login('verwaltung.greiz@test.foerderfluss.de', res.body.admin.initialPassword);
    const me = await t.http().get('/api/v1/auth/me').set(bearer(token)).expect(200);
    expect(me.body.districtId).toBe(id);
    for (const list of ['applications', 'decisions', 'budget-years', 'payment-requests', 'payment-files', 'recoveries']) {
      const page = await t.http().get(`/api/v1/${list}`).set(bearer(token)).expect(200);
      const items = Array.isArray(page.body) ? page.body : page.body.items;
      expect({ list, items }).toEqual({ list, items: [] });
    }
    const settings = await t.http().get(`/api/v1/districts/${id}/settings`).set(bearer(token)).expect(200);
    expect(settings.body.effective.referencePrefix).toBe('WAK');
    expect(settings.body.effective.letterhead).toMatchObject({ name: 'Landkreis Greiz – Landratsamt', street: 'Dr.-Rathenau-Platz 11', city: 'Greiz' });
    // the Land's ADMIN reads (and may change) any Kreis's settings
    await t.http().get(`/api/v1/districts/${id}/settings`).set(bearer(landAdmin)).expect(200);

    // a second call with the same code changes nothing and says so
    const again = await t.http().post('/api/v1/districts').set(bearer(landAdmin)).send({ code: 'DISTRICT_WARTBURG', name: 'Anderer Name', admin: { email: 'zweite@test.foerderfluss.de', displayName: 'Zweite' } }).expect(200);
    expect(again.body).toEqual({ created: false, district: { id, code: 'DISTRICT_WARTBURG', name: 'Landkreis Greiz – Landratsamt' }, socialAreas: [], admin: null });
    expect((await t.db.query(`SELECT count(*)::int AS n FROM app_user WHERE email = 'zweite@test.foerderfluss.de'`)).rows[0].n).toBe(0);
  });

  it('npm run district:create: creates the Kreis once, prints the one-time password; a second run says it exists', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ff-district-'));
    try {
      const file = path.join(dir, 'sozialraeume.csv');
      writeFileSync(file, '\uFEFFcode;name;gemeinden\r\nSCHLEIZ;Schleiz und Umgebung;Schleiz,Tanna\r\nPOESSNECK;Pößneck;Pößneck\r\n');
      const env = { DATABASE_URL: t.config.databaseUrl, DATABASE_MIGRATION_URL: t.config.databaseMigrationUrl };
      const args = ['district:create', '--name', 'Saale-Orla-Kreis – Landratsamt', '--code', 'DISTRICT_KYFFHAEUSER', '--prefix', 'KYF', '--social-areas', file, '--admin-email', 'verwaltung.sok@test.foerderfluss.de', '--admin-name', 'Sabine Rausch', '--city', 'Schleiz'];
      const first = await cli(args, env);
      expect({ code: first.code, stderr: first.stderr }).toEqual({ code: 0, stderr: '' });
      expect(first.stdout).toContain('Landkreis angelegt: Saale-Orla-Kreis – Landratsamt (DISTRICT_KYFFHAEUSER');
      expect(first.stdout).toContain('Sozialräume: SCHLEIZ, POESSNECK.');
      const password = /Einmalpasswort[^:]*: (\S+)/.exec(first.stdout)?.[1];
      expect(password).toMatch(/^[A-Za-z0-9]{18}$/);
      const token = await t.login('verwaltung.sok@test.foerderfluss.de', password);
      expect((await t.http().get('/api/v1/auth/me').set(bearer(token)).expect(200)).body.districtId).toBeTruthy();

      const second = await cli(args, env);
      expect(second.code).toBe(0);
      expect(second.stdout).toContain('Landkreis DISTRICT_KYFFHAEUSER („Saale-Orla-Kreis – Landratsamt“) besteht bereits');
      expect(second.stdout).toContain('nichts geändert');
      expect((await t.db.query(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'district.onboard' AND after->>'code' = 'DISTRICT_KYFFHAEUSER'`)).rows[0].n).toBe(1);

      // a CSV error: exit code 1, the German message with line and column
      writeFileSync(file, 'code;name;gemeinden\nA;;B\n');
      const broken = await cli(['district:create', '--name', 'Landkreis Test', '--code', 'DISTRICT_TEST', '--social-areas', file], env);
      expect(broken.code).toBe(1);
      expect(broken.stderr).toContain('Zeile 2, Spalte „name“: Bitte den Namen des Sozialraums angeben.');
      expect((await t.db.query(`SELECT count(*)::int AS n FROM organisation WHERE code = 'DISTRICT_TEST'`)).rows[0].n).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
