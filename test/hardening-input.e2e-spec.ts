/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are asserted by value */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import fc from 'fast-check';
import request from 'supertest';
import { FixedClock } from '@foerderfluss/core';
import { bearer, createTestContext, DEMO, TestContext, testLogger } from './support/harness';
import { approvedDecision, Tokens, yearWithCall } from './support/flow';
import { balancedPlan } from './support/fixtures';
import { waitFor } from './support/wait';
import { buildOpenApiDocument, configureApp, DOCS_CSP, setupSwagger, WEB_CSP } from '../apps/api/src/configure-app';
import { MetricsService } from '../apps/api/src/metrics/metrics.service';

const PROBLEM = /^application\/problem\+json/;
/** A CSP header as its directives (helmet joins them with ";", the constants with "; "). */
const directives = (policy: string | undefined) => (policy ?? '').split(';').map((d) => d.trim());
const HUGE = '9999999999999.99';
const NUL = String.fromCharCode(0);

/** 110.000 € costs = 6.700 € own funds + 103.300 € grant: the Höchstbetrag of the audit's decision. */
function plan103300() {
  const plan = balancedPlan('103300.00');
  return {
    ...plan,
    costLines: [
      { category: 'PERSONNEL', description: 'Sozialberatung 1,0 VZÄ', amount: '80000.00' },
      { category: 'MATERIAL_ADMIN', description: 'Miete, Telefon, Büro', amount: '25000.00' },
      { category: 'FEES', description: 'Honorare Sprachmittlung', amount: '5000.00' },
    ],
    fundingLines: [
      { kind: 'OWN_FUNDS', source: 'Eigenmittel des Vereins', amount: '6700.00' },
      { kind: 'GRANT', source: 'Zuwendung Landkreis Altenburger Land', amount: '103300.00' },
    ],
  };
}

/**
 * Issue 18, items 1, 2 and 10, over HTTP against the real PostgreSQL and Redis: the bad inputs the
 * black-box audit got stored are refused (and nothing is stored), client mistakes in text and
 * structure are 400s naming the field and never 500s, the CSP is strict outside the docs page, and
 * full-width formula triggers are neutralised in an export.
 */
describe('hardening: plausibility before storage, client errors, CSP and full-width formulas', () => {
  let t: TestContext;
  let tk: Tokens;
  let storageDir: string;
  let worker: INestApplicationContext | null = null;
  /** In force, Höchstbetrag 103.300 €, with a final VN in draft. */
  let open: { id: string; proofId: string };
  /** Closed (festgesetzt), with a draft VN opened while it was in force. */
  let closed: { id: string; proofId: string };
  /** Fully revoked through the real Widerruf, with a draft VN opened before it. */
  let revoked: { id: string; proofId: string };
  const clock = () => t.clock as FixedClock;
  const ensureWorker = async () => (worker ??= await t.startWorker());

  const ok = async <T = any>(req: PromiseLike<{ status: number; body: T }>, status = 200): Promise<T> => {
    const res = await req;
    if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const count = async (sql: string, params: unknown[]) => (await t.db.query(sql, params)).rows[0].n as number;
  const receipts = (proofId: string) => count(`SELECT count(*)::int AS n FROM receipt WHERE proof_id = $1`, [proofId]);
  const fundUses = (decisionId: string) => count(`SELECT count(*)::int AS n FROM fund_use WHERE decision_id = $1`, [decisionId]);
  const paymentRequests = (decisionId: string) => count(`SELECT count(*)::int AS n FROM payment_request WHERE decision_id = $1`, [decisionId]);
  const receipt = (n: number, grossAmount: string, extra: Record<string, unknown> = {}) => ({
    receiptNumber: `H-${n}`,
    receiptDate: '2027-03-10',
    paymentDate: '2027-03-12',
    counterparty: 'Vermieter Altenburg GmbH',
    reason: 'Miete März',
    direction: 'EXPENSE',
    costCategory: 'MATERIAL_ADMIN',
    grossAmount,
    ...extra,
  });
  const fundUse = (token: string, decisionId: string, amount: string) =>
    t.http().post(`/api/v1/decisions/${decisionId}/fund-uses`).set(bearer(token)).send({ usedOn: '2027-03-01', amount });
  const paymentRequest = (decisionId: string, requestedAmount: string) =>
    t
      .http()
      .post('/api/v1/payment-requests')
      .set(bearer(tk.provider))
      .send({ decisionId, requestedAmount, requestedValueDate: '2027-12-30', duePayments: [{ dueDate: '2027-12-31', payeeType: 'SUPPLIER', costCategory: 'MATERIAL_ADMIN', description: 'Miete', amount: '1000.00' }] });

  beforeAll(async () => {
    storageDir = mkdtempSync(path.join(os.tmpdir(), 'ff-hardening-'));
    t = await createTestContext({ now: '2026-11-25T10:00:00+01:00', env: { FILE_STORAGE_DIR: storageDir } });
    const [admin, staff, approver, provider, provider2, auditor] = await Promise.all(
      [DEMO.admin, DEMO.staff, DEMO.approver, DEMO.provider, DEMO.provider2, DEMO.auditor].map((e) => t.login(e)),
    );
    tk = { admin: admin!, staff: staff!, approver: approver!, provider: provider!, provider2: provider2!, auditor: auditor! };
    const ctx = await yearWithCall(t, tk, 2027, { state: '800000.00', district: '200000.00' });
    const decide = async () => {
      const d = await approvedDecision(t, tk, { ...ctx, grant: '103300.00', application: { financingPlan: plan103300() } });
      const proof = await ok(t.http().post('/api/v1/proofs-of-use').set(bearer(tk.provider)).send({ decisionId: d.id, kind: 'FINAL' }), 201);
      return { id: d.id, proofId: proof.id as string };
    };
    open = await decide();
    closed = await decide();
    revoked = await decide();
    // Widerruf in full through the real routes: staff proposes, a second person signs.
    await ok(t.http().post(`/api/v1/decisions/${revoked.id}/revocations`).set(bearer(tk.staff)).send({ reason: 'Verzicht des Trägers', newMaxAmount: '0.00', effectiveDate: '2027-01-10' }), 201);
    expect((await ok(t.http().post(`/api/v1/decisions/${revoked.id}/approve`).set(bearer(tk.approver)))).status).toBe('REVOKED');
    // CLOSED is reached through a whole Festsetzung (settlement-lifecycle and proofs specs walk it);
    // here only the status matters, so it is set directly.
    await t.db.query(`UPDATE decision SET status = 'CLOSED' WHERE id = $1`, [closed.id]);
    // The Belege are dated in 2027; the business clock stands at its end (a Beleg after today is refused).
    clock().set('2027-12-28T10:00:00+01:00');
  });
  afterAll(async () => {
    await t?.close();
    rmSync(storageDir, { recursive: true, force: true });
  });

  // ───────────────────────────── item 1: plausibility before storage ─────────────────────────────

  describe('the stored bad inputs of the audit are refused, naming the field, and nothing is stored', () => {
    it('Belege of 0,00 € and of 9.999.999.999.999,99 € on a decision with a 103.300 € maximum', async () => {
      for (const [amount, message] of [
        ['0.00', 'Der Bruttobetrag muss größer als 0,00 € sein.'],
        [HUGE, 'Der Bruttobetrag (9.999.999.999.999,99 €) ist größer als der Höchstbetrag der Entscheidung (103.300,00 €). Bitte den Betrag prüfen.'],
        ['103300.01', 'Der Bruttobetrag (103.300,01 €) ist größer als der Höchstbetrag der Entscheidung (103.300,00 €). Bitte den Betrag prüfen.'],
      ] as const) {
        const res = await t.http().post(`/api/v1/proofs-of-use/${open.proofId}/receipts`).set(bearer(tk.provider)).send(receipt(1, amount));
        expect([amount, res.status, res.headers['content-type']]).toEqual([amount, 400, expect.stringMatching(PROBLEM)]);
        expect(res.body.errors).toContainEqual({ path: 'grossAmount', message });
      }
      // a shared invoice: 10 % of 500.000 € is the project's part, and that is within the maximum
      await ok(t.http().post(`/api/v1/proofs-of-use/${open.proofId}/receipts`).set(bearer(tk.provider)).send(receipt(2, '500000.00', { projectSharePercent: '10' })), 201);
      const tooMuch = await t.http().post(`/api/v1/proofs-of-use/${open.proofId}/receipts`).set(bearer(tk.provider)).send(receipt(3, '500000.00', { projectSharePercent: '30' })).expect(400);
      expect(tooMuch.body.errors).toContainEqual({ path: 'grossAmount', message: expect.stringMatching(/^Der Projektanteil des Belegs \(30 % des Bruttobetrags\) \(150\.000,00 €\) ist größer als der Höchstbetrag/) });
      expect(await receipts(open.proofId)).toBe(1);
    });

    it('a fund use of 9.999.999.999.999,99 € (and of 0,00 €), as Träger and as staff', async () => {
      for (const token of [tk.provider, tk.staff]) {
        for (const [amount, message] of [
          [HUGE, 'Der Betrag (9.999.999.999.999,99 €) ist größer als der Höchstbetrag der Entscheidung (103.300,00 €). Bitte den Betrag prüfen.'],
          ['0.00', 'Der Betrag muss größer als 0,00 € sein.'],
        ] as const) {
          const res = await fundUse(token, open.id, amount).expect(400);
          expect(res.headers['content-type']).toMatch(PROBLEM);
          expect(res.body.errors).toEqual([{ path: 'amount', message }]);
        }
      }
      expect(await fundUses(open.id)).toBe(0);
      await fundUse(tk.provider, open.id, '103300.00').expect(201);
    });

    it('a Mittelabruf of 9.999.999.999.999,99 € or 0,00 € is not even stored as a draft', async () => {
      const huge = await paymentRequest(open.id, HUGE).expect(400);
      expect(huge.body.errors).toContainEqual({ path: 'requestedAmount', message: expect.stringContaining('ist größer als der Höchstbetrag der Entscheidung (103.300,00 €)') });
      const zero = await paymentRequest(open.id, '0.00').expect(400);
      expect(zero.body.errors).toContainEqual({ path: 'requestedAmount', message: 'Der angeforderte Betrag muss größer als 0,00 € sein.' });
      expect(await paymentRequests(open.id)).toBe(0);
    });

    it('fund uses on a CLOSED decision, as Träger and as staff (409 naming the decision)', async () => {
      for (const token of [tk.provider, tk.staff, tk.admin]) {
        const res = await fundUse(token, closed.id, '100.00').expect(409);
        expect(res.headers['content-type']).toMatch(PROBLEM);
        expect(res.body).toMatchObject({
          code: 'DECISION_NOT_OPEN',
          decisionStatus: 'CLOSED',
          detail: 'Die Entscheidung ist abgeschlossen (festgesetzt); eine Mittelverwendung kann dafür nicht mehr erfasst werden. Es wurde nichts gespeichert.',
          errors: [{ path: 'decisionId', message: expect.stringContaining('abgeschlossen') }],
        });
      }
      // another Träger still gets 404 first: the status of a decision it cannot see is not told
      await fundUse(tk.provider2, closed.id, '100.00').expect(404);
      expect(await fundUses(closed.id)).toBe(0);
    });

    it('no fund use, Mittelabruf or change of the VN on a CLOSED or REVOKED decision', async () => {
      for (const d of [closed, revoked]) {
        const status = d === closed ? 'CLOSED' : 'REVOKED';
        expect((await fundUse(tk.provider, d.id, '100.00').expect(409)).body).toMatchObject({ code: 'DECISION_NOT_OPEN', decisionStatus: status });
        expect((await paymentRequest(d.id, '100.00').expect(409)).body).toMatchObject({ code: 'PAYMENT_DECISION_NOT_IN_FORCE', errors: [{ path: 'decisionId' }] });
        const beleg = await t.http().post(`/api/v1/proofs-of-use/${d.proofId}/receipts`).set(bearer(tk.provider)).send(receipt(1, '100.00')).expect(409);
        expect(beleg.body).toMatchObject({ code: 'DECISION_NOT_OPEN', followUp: 'proofChange', detail: expect.stringContaining('der Verwendungsnachweis kann nicht mehr geändert werden') });
        const patch = await t.http().patch(`/api/v1/proofs-of-use/${d.proofId}`).set(bearer(tk.provider)).send({ narrative: { measure: 'x', goalsAchieved: 'x', targetGroupReached: 'x', deviations: '', indicators: [] } });
        expect([status, patch.status, patch.body.code]).toEqual([status, 409, 'DECISION_NOT_OPEN']);
        const submit = await t.http().post(`/api/v1/proofs-of-use/${d.proofId}/submit`).set(bearer(tk.provider));
        expect([status, submit.status, submit.body.code]).toEqual([status, 409, 'DECISION_NOT_OPEN']);
        const upload = await t.http().post(`/api/v1/proofs-of-use/${d.proofId}/imports`).set(bearer(tk.provider)).attach('file', Buffer.from('Belegnummer;Bruttobetrag\r\nR-1;10,00\r\n'), 'belege.csv');
        expect([status, upload.status, upload.body.code]).toEqual([status, 409, 'DECISION_NOT_OPEN']);
        expect(await receipts(d.proofId)).toBe(0);
        expect(await fundUses(d.id)).toBe(0);
        expect(await paymentRequests(d.id)).toBe(0);
        expect((await t.db.query(`SELECT status, narrative->>'measure' AS measure FROM proof_of_use WHERE id = $1`, [d.proofId])).rows[0]).toEqual({ status: 'DRAFT', measure: '' });
      }
      // the office still reads them; only new work on them is refused
      await t.http().get(`/api/v1/proofs-of-use/${revoked.proofId}`).set(bearer(tk.staff)).expect(200);
    });

    it('an imported Belegliste follows the same rules and reports row and column; nothing is taken over', async () => {
      await ensureWorker();
      const header = 'lfd. Nr.;Belegnummer;Belegdatum;Zahlungsdatum;Empfänger/Einzahler;Grund;Einnahme/Ausgabe;Kostenart;Bruttobetrag;USt.;Projektanteil %;zuwendungsfähiger Betrag;Personalstelle';
      const csv = `\uFEFF${header}\r\n;R-1;05.04.2027;07.04.2027;Vermieter;Miete;Ausgabe;MATERIAL_ADMIN;0,00;;;;\r\n;R-2;05.04.2027;07.04.2027;Vermieter;Miete;Ausgabe;MATERIAL_ADMIN;9.999.999.999.999,99;;;;\r\n;R-3;05.04.2027;07.04.2027;Vermieter;Miete;Ausgabe;MATERIAL_ADMIN;12,50;;;;\r\n`;
      const before = await receipts(open.proofId);
      const up = await ok(t.http().post(`/api/v1/proofs-of-use/${open.proofId}/imports`).set(bearer(tk.provider)).field('mode', 'APPEND').attach('file', Buffer.from(csv, 'utf8'), 'belege.csv'), 202);
      const done = await waitFor(async () => {
        const res = await ok(t.http().get(`/api/v1/proofs-of-use/${open.proofId}/imports/${up.id}`).set(bearer(tk.provider)));
        return ['COMPLETED', 'FAILED'].includes(res.status) ? res : null;
      }, 'the import to end');
      expect(done).toMatchObject({ status: 'FAILED', rowsImported: 0 });
      expect(done.errors).toEqual([
        { row: 2, column: 'Bruttobetrag', message: 'Zeile 2, Spalte Bruttobetrag: Der Bruttobetrag muss größer als 0,00 € sein.' },
        {
          row: 3,
          column: 'Bruttobetrag',
          message: 'Zeile 3, Spalte Bruttobetrag: Der Bruttobetrag (9.999.999.999.999,99 €) ist größer als der Höchstbetrag der Entscheidung (103.300,00 €). Bitte den Betrag prüfen.',
        },
      ]);
      expect(await receipts(open.proofId)).toBe(before);
    });
  });

  // ───────────────────────────── item 2: client errors stay client errors ─────────────────────────────

  describe('control characters and nesting are 400s naming the field', () => {
    let callId: string;
    const applications = () => count(`SELECT count(*)::int AS n FROM application`, []);
    const application = (overrides: Record<string, unknown>) => ({
      callId,
      title: 'Migrationsberatung Altenburg-Nord',
      purpose: 'Soziale Beratung.',
      targetGroup: 'anerkannte Geflüchtete',
      fieldsOfAction: ['LABOUR_MARKET'],
      socialAreaCode: 'ALTENBURG',
      periodStart: '2027-01-01',
      periodEnd: '2027-12-31',
      plannedStart: '2027-01-01',
      contactName: 'Maria Schubert',
      contactEmail: 'maria.schubert@example.org',
      betterPositionRespected: true,
      financingPlan: balancedPlan(),
      ...overrides,
    });
    const postApplication = (body: unknown) => t.http().post('/api/v1/applications').set(bearer(tk.provider)).send(body as object);

    beforeAll(async () => {
      callId = (await t.db.query(`SELECT c.id FROM funding_call c JOIN budget_year y ON y.id = c.budget_year_id WHERE y.year = 2027 LIMIT 1`)).rows[0].id;
    });

    it('a NUL byte or another control character in any text field of a body', async () => {
      const before = await applications();
      for (const [patch, path] of [
        [{ title: `Beratung${NUL}` }, 'title'],
        [{ purpose: `Zweck ${String.fromCharCode(0x1b)}[31m` }, 'purpose'],
        [{ financingPlan: { ...balancedPlan(), costLines: [{ ...balancedPlan().costLines[0], description: `a${NUL}b` }, ...balancedPlan().costLines.slice(1)] } }, 'financingPlan.costLines[0].description'],
        [{ municipality: 'Alten\u0085burg' }, 'municipality'],
      ] as const) {
        const res = await postApplication(application(patch));
        expect([path, res.status, res.headers['content-type']]).toEqual([path, 400, expect.stringMatching(PROBLEM)]);
        expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ path, message: expect.stringMatching(/^Der Text enthält (ein NUL-Zeichen|ein Steuerzeichen \(U\+00(1B|85)\)); solche Zeichen sind nicht zulässig/) }] });
      }
      // in a key of a free-form object too (PostgreSQL refuses NUL in jsonb keys as well)
      const key = await postApplication({ ...application({}), [`x${NUL}`]: 1 }).expect(400);
      expect(key.body.errors).toEqual([{ path: 'x\\u0000', message: expect.stringContaining('Feldname') }]);
      expect(await applications()).toBe(before);
    });

    it('tab, CR and LF only in multi-line fields (a Zweck may have lines, a title may not)', async () => {
      const title = await postApplication(application({ title: 'Zeile 1\nZeile 2' })).expect(400);
      expect(title.body.errors).toEqual([{ path: 'title', message: 'Der Text enthält einen Zeilenumbruch; dieses Feld ist einzeilig. Bitte ohne Zeilenumbruch und Tabulator eingeben.' }]);
      const created = await ok(postApplication(application({ purpose: 'Erstens:\r\n\tBeratung\nZweitens: Begleitung' })), 201);
      expect(created.purpose).toBe('Erstens:\r\n\tBeratung\nZweitens: Begleitung');
    });

    it('a NUL or control character in a query string or path parameter', async () => {
      const search = await t.http().get('/api/v1/search?q=ab%00').set(bearer(tk.staff)).expect(400);
      expect(search.body.errors).toEqual([{ path: 'q', message: expect.stringContaining('NUL') }]);
      const sort = await t.http().get('/api/v1/applications?sort=%00title').set(bearer(tk.staff)).expect(400);
      expect(sort.headers['content-type']).toMatch(PROBLEM);
      expect(sort.body.errors).toEqual([{ path: 'sort', message: expect.stringContaining('NUL') }]);
      const audit = await t.http().get('/api/v1/audit-events?entity=Decision%0A').set(bearer(tk.auditor)).expect(400);
      expect(audit.body.errors).toEqual([{ path: 'entity', message: expect.stringContaining('einzeilig') }]);
      const param = await t.http().get('/api/v1/decisions/%00').set(bearer(tk.staff)).expect(400);
      expect(param.body.errors).toEqual([{ path: 'id', message: expect.stringContaining('NUL') }]);
    });

    it(`JSON nested deeper than ${32} levels is a 400, 3.000 and 100.000 levels included`, async () => {
      expect(t.config.jsonMaxDepth).toBe(32);
      for (const levels of [33, 3000, 100_000]) {
        const body = `{"title":${'['.repeat(levels)}${']'.repeat(levels)}}`;
        const res = await t.http().post('/api/v1/applications').set(bearer(tk.provider)).set('Content-Type', 'application/json').send(body);
        expect([levels, res.status, res.headers['content-type']]).toEqual([levels, 400, expect.stringMatching(PROBLEM)]);
        expect(res.body.errors).toEqual([{ path: expect.stringMatching(/^title(\[0\])+$/), message: 'Die Daten sind zu tief verschachtelt (höchstens 32 Ebenen).' }]);
      }
      // 31 levels pass the depth check and meet the ordinary validation
      const shallow = await t.http().post('/api/v1/applications').set(bearer(tk.provider)).set('Content-Type', 'application/json').send(`{"title":${'['.repeat(30)}${']'.repeat(30)}}`).expect(400);
      expect(shallow.body.errors.some((e: any) => /verschachtelt/.test(e.message))).toBe(false);
    });
  });

  // ───────────────────────────── item 10: CSP and full-width formula triggers ─────────────────────────────

  it('the API answers with the strict CSP: no unsafe-inline anywhere under /api/v1', async () => {
    for (const url of ['/api/v1/health/live', '/api/v1/decisions', '/api/v1/nowhere']) {
      const res = await t.http().get(url).set(bearer(tk.staff));
      expect([url, directives(res.headers['content-security-policy'])]).toEqual([url, directives(WEB_CSP)]);
    }
    expect(WEB_CSP).not.toMatch(/unsafe-inline|unsafe-eval/);
  });

  it("the docs page alone allows 'unsafe-inline' (Swagger UI), and renders with it", async () => {
    // The docs are mounted by main.ts, not by the test app; a second app (no database needed) mounts them as main.ts does.
    // No metrics in this app: the provider is there (configureApp asks for it), its middleware is not.
    const moduleRef = await Test.createTestingModule({ providers: [{ provide: MetricsService, useValue: {} }] }).setLogger(testLogger).compile();
    const docsApp = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false });
    configureApp(docsApp, t.config);
    setupSwagger(docsApp);
    await docsApp.init();
    try {
      const page = await request(docsApp.getHttpServer()).get('/api/docs').redirects(1).expect(200);
      expect(page.text).toContain('swagger-ui');
      expect(directives(page.headers['content-security-policy'])).toEqual(directives(DOCS_CSP));
      expect(DOCS_CSP).toMatch(/script-src 'self' 'unsafe-inline'/);
      const json = await request(docsApp.getHttpServer()).get('/api/docs/openapi.json').expect(200);
      expect(directives(json.headers['content-security-policy'])).toEqual(directives(DOCS_CSP));
    } finally {
      await docsApp.close();
    }
  });

  it('a Beleg reason starting with a full-width ＝ or ＋ is neutralised in the CSV export like its ASCII form', async () => {
    clock().set('2026-11-25T10:00:00+01:00');
    const proof7 = (await t.db.query(`SELECT id FROM proof_of_use WHERE reference = 'FF-2026-0007/VN'`)).rows[0].id;
    const fullWidth = '\uff1dHYPERLINK("http://x","y")';
    await t.db.query(`UPDATE receipt SET reason = $1 WHERE proof_id = $2 AND position = 1`, [fullWidth, proof7]);
    await t.db.query(`UPDATE receipt SET reason = $1 WHERE proof_id = $2 AND position = 2`, ['\uff0b1', proof7]);
    await ensureWorker();
    const requested = await ok(t.http().post('/api/v1/exports').set(bearer(tk.auditor)).send({ type: 'RECEIPTS', format: 'csv', filters: { proofId: proof7 } }), 202);
    await waitFor(async () => {
      const e = await ok(t.http().get(`/api/v1/exports/${requested.id}`).set(bearer(tk.auditor)));
      if (e.status === 'FAILED') throw new Error(`export failed: ${JSON.stringify(e)}`);
      return e.status === 'COMPLETED';
    }, 'the export');
    const file = await t.http().get(`/api/v1/exports/${requested.id}/file`).set(bearer(tk.auditor)).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    const text = (file.body as Buffer).toString('utf8');
    expect(text).toContain(`"'${fullWidth.replace(/"/g, '""')}"`);
    expect(text).toContain(`;'\uff0b1;`);
    expect(text).not.toMatch(/;"?[\uff1d\uff0b]/);
  });

  // Last: it sends random bodies to every write route (login attempts too, which count against the IP).
  it('random JSON bodies on every write route of the OpenAPI document never give a 500', async () => {
    const doc = buildOpenApiDocument(t.app);
    const schemas = (doc.components?.schemas ?? {}) as Record<string, any>;
    const resolve = (s: any): any => (s?.$ref ? schemas[String(s.$ref).split('/').pop()!] : s);
    const routes = Object.entries(doc.paths).flatMap(([p, ops]) =>
      (['post', 'put', 'patch', 'delete'] as const)
        .filter((m) => (ops as any)[m])
        .map((m) => {
          const op = (ops as any)[m];
          return { method: m, path: p, schema: resolve(op.requestBody?.content?.['application/json']?.schema), params: (op.parameters ?? []).filter((x: any) => x.in === 'path').map((x: any) => x.name as string) };
        }),
    );
    expect(routes.length).toBeGreaterThan(90);
    // A token of its own for logout (the route revokes it); everyone else is the admin, who passes most guards.
    const logoutToken = await t.login(DEMO.admin);
    // Real ids of this database beside random ones, picked by the collection a path or field names
    // (/decisions/{id}, decisionId), so part of the requests get past the 404 into the services.
    const TABLES: Record<string, string> = {
      applications: 'application', application: 'application', decisions: 'decision', decision: 'decision', 'proofs-of-use': 'proof_of_use', proof: 'proof_of_use',
      'payment-requests': 'payment_request', organisations: 'organisation', provider: 'organisation', calls: 'funding_call', call: 'funding_call',
      'budget-years': 'budget_year', budgetYear: 'budget_year', users: 'app_user', user: 'app_user', receipts: 'receipt', settlements: 'settlement', recoveries: 'recovery',
    };
    const idsOf = new Map<string, string[]>();
    for (const table of new Set(Object.values(TABLES))) idsOf.set(table, (await t.db.query(`SELECT id::text FROM ${table} ORDER BY id LIMIT 3`)).rows.map((r: { id: string }) => r.id));
    const idFor = (name: string): fc.Arbitrary<string> => {
      const real = idsOf.get(TABLES[name] ?? TABLES[name.replace(/Ids?$/, '')] ?? '') ?? [];
      return real.length > 0 ? fc.oneof({ arbitrary: fc.constantFrom(...real), weight: 3 }, { arbitrary: fc.uuid(), weight: 1 }) : fc.uuid();
    };
    const hostileText = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 20 }),
      fc.constantFrom(NUL, `a${NUL}b`, '\uff1d1+1', '=1+1', '\ud800', 'Zeile\nZeile', HUGE, '-1', '0.00', '100.00', '1e309', '2027-02-30', '2027-03-01', ''),
    );
    /** A value shaped like the schema (so part of the bodies pass validation), with hostile text and numbers in it. */
    const fromSchema = (raw: any, depth: number, name = ''): fc.Arbitrary<unknown> => {
      const s = resolve(raw) ?? {};
      if (s.allOf?.length) return fromSchema(s.allOf[0], depth, name);
      if (Array.isArray(s.enum) && s.enum.length > 0) return fc.oneof(fc.constantFrom(...s.enum), hostileText);
      if (s.type === 'string') return s.format === 'uuid' || /Id$/.test(name) ? idFor(name) : hostileText;
      if (s.type === 'boolean') return fc.boolean();
      if (s.type === 'integer' || s.type === 'number') return fc.oneof(fc.integer({ min: -1, max: 3000 }), fc.double());
      if (s.type === 'array') return depth > 3 ? fc.constant([]) : fc.array(fromSchema(s.items, depth + 1, name), { maxLength: 3 });
      if (s.properties && depth <= 3) {
        const keys = Object.keys(s.properties);
        return fc.record(Object.fromEntries(keys.map((k) => [k, fromSchema(s.properties[k], depth + 1, k)])), { requiredKeys: (s.required ?? []).filter((k: string) => keys.includes(k)) });
      }
      return fc.jsonValue({ maxDepth: 1 });
    };
    const bodyFor = (schema: any) => (schema ? fc.oneof({ arbitrary: fromSchema(schema, 0), weight: 3 }, { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 1 }) : fc.jsonValue({ maxDepth: 3 }));
    const failures: string[] = [];
    const started = Date.now();
    for (const route of routes) {
      await fc.assert(
        fc.asyncProperty(bodyFor(route.schema), fc.tuple(...route.params.map((name: string) => fc.oneof({ arbitrary: idFor(route.path.split(`/{${name}}`)[0]!.split('/').pop()!), weight: 4 }, { arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 8 }), weight: 1 }))), async (body, ids) => {
          let url = route.path;
          route.params.forEach((name: string, i: number) => (url = url.replace(`{${name}}`, encodeURIComponent(String(ids[i])))));
          const token = route.path.endsWith('/auth/logout') ? logoutToken : tk.admin;
          const res = await t.http()[route.method](url).set(bearer(token)).set('Content-Type', 'application/json').send(JSON.stringify(body));
          if (res.status >= 500) failures.push(`${route.method.toUpperCase()} ${url} ${JSON.stringify(body).slice(0, 300)} → ${res.status} ${JSON.stringify(res.body)}`);
          return res.status < 500;
        }),
        // Two bodies per route (≈ 200 requests, some reaching the services): seconds, not minutes.
        { numRuns: 2, endOnFailure: true },
      );
    }
    expect(failures).toEqual([]);
    // modest on purpose: the suite must stay fast
    expect(Date.now() - started).toBeLessThan(60_000);
  }, 120_000);
});
