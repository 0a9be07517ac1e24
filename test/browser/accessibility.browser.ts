/**
 * axe-core (WCAG 2.1 A/AA, as BITV 2.0 requires) on every main page, for each role: no serious
 * or critical violations. Also: nothing overflows sideways at tablet width (768 px).
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, apiLogin, DEMO, launch, login, newSession, screenshots, seriousViolations, settled } from './support';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function ids() {
  const staff = await apiLogin(DEMO.staff);
  const provider = await apiLogin(DEMO.provider);
  const provider2 = await apiLogin(DEMO.provider2);
  const apps = await apiCall<{ items: { id: string; status: string }[] }>(staff, 'GET', '/applications?limit=50');
  const decisions = await apiCall<{ items: { id: string }[] }>(staff, 'GET', '/decisions?limit=50');
  const calls = await apiCall<{ items: { id: string }[] }>(staff, 'GET', '/calls');
  const orgs = await apiCall<{ items: { id: string }[] }>(staff, 'GET', '/organisations?kind=PROVIDER&limit=5');
  type Pr = { id: string; status: string };
  const payments = await apiCall<{ items: Pr[] }>(staff, 'GET', '/payment-requests?limit=100');
  const ownPayments = await apiCall<{ items: Pr[] }>(provider, 'GET', '/payment-requests?limit=100');
  const payments2 = await apiCall<{ items: Pr[] }>(provider2, 'GET', '/payment-requests?limit=100');
  const proofs = await apiCall<{ items: { id: string; status: string }[] }>(staff, 'GET', '/proofs-of-use?limit=50');
  const settlements = await apiCall<{ id: string }[]>(staff, 'GET', '/settlements');
  const recoveries = (await apiCall<{ items: { id: string }[] }>(staff, 'GET', '/recoveries')).items;
  const files = await apiCall<{ items: { id: string }[] }>(staff, 'GET', '/payment-files?limit=5');
  // The second demo Träger's Verwendungsnachweis in draft (the editor with its Belegliste upload).
  const deadlines = await apiCall<{ decisionId: string; kind: string; coveredYear: number | null; proofId: string | null }[]>(provider2, 'GET', '/proofs-of-use/deadlines');
  const due = deadlines.find((d) => d.kind === 'FINAL')!;
  const draftProof = due.proofId ?? (await apiCall<{ id: string }>(provider2, 'POST', '/proofs-of-use', { decisionId: due.decisionId, kind: 'FINAL', coveredYear: null })).id;
  const withStatus = (list: Pr[], status: string) => (list.find((x) => x.status === status) ?? list[0]!).id;
  return {
    inReview: apps.items.find((a) => a.status === 'IN_REVIEW')!.id,
    application: apps.items[0]!.id,
    decision: decisions.items[0]!.id,
    call: calls.items[0]!.id,
    org: orgs.items[0]!.id,
    submittedPayment: withStatus(payments.items, 'SUBMITTED'),
    checkedPayment: withStatus(payments.items, 'CHECKED'),
    ownPayment: withStatus(ownPayments.items, 'PAID'),
    draftPayment2: withStatus(payments2.items, 'DRAFT'),
    proof: proofs.items.find((x) => x.status === 'SETTLED')!.id,
    draftProof2: draftProof,
    settlement: settlements[0]!.id,
    recovery: recoveries[0]!.id,
    paymentFile: files.items[0]!.id,
  };
}

describe('accessibility: no serious or critical axe violations on the main pages', () => {
  it('login page', async () => {
    const { page, context } = await newSession(browser);
    await page.goto('/anmelden');
    expect(await seriousViolations(page)).toEqual([]);
    // with an error shown next to the fields
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await expect.poll(() => page.getByText('Bitte Ihre E-Mail-Adresse angeben.').isVisible()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  const pagesByRole: [string, string, (i: Awaited<ReturnType<typeof ids>>) => string[]][] = [
    ['Träger', DEMO.provider, () => ['/', '/antraege', '/antraege/neu', '/bescheide', '/organisation', '/konto/passwort', '/benachrichtigungen']],
    [
      'Träger: Mittel und Nachweise',
      DEMO.provider,
      (i) => ['/mittelabrufe', '/mittelabrufe/neu', `/mittelabrufe/${i.ownPayment}`, '/nachweise', '/festsetzungen', '/rueckforderungen', '/exporte'],
    ],
    // the second Träger: a payment request in draft and the Verwendungsnachweis editor (Sachbericht, Zahlen, Belegliste-Upload)
    ['Träger 2: Entwürfe', DEMO.provider2, (i) => [`/mittelabrufe/${i.draftPayment2}`, `/nachweise/${i.draftProof2}`]],
    // Projektaufrufe (issue 16): the form of a new call, a published call with its buttons, the Träger's read-only view
    ['Projektaufrufe', DEMO.staff, (i) => ['/aufrufe/neu', `/aufrufe/${i.call}`]],
    ['Träger: Projektaufrufe', DEMO.provider, (i) => ['/aufrufe', `/aufrufe/${i.call}`]],
    ['Sachbearbeitung', DEMO.staff, (i) => ['/', '/arbeitsliste', '/antraege', `/antraege/${i.inReview}/pruefung`, `/antraege/${i.application}`, '/bescheide', `/bescheide/${i.decision}`, '/haushalt', '/aufrufe', `/aufrufe/${i.call}/vergaberunde`, '/rechner', '/traeger', `/traeger/${i.org}`]],
    [
      'Sachbearbeitung: Mittel und Nachweise',
      DEMO.staff,
      (i) => [
        '/mittelabrufe',
        `/mittelabrufe/${i.submittedPayment}`,
        '/auszahlungen',
        `/auszahlungen/dateien/${i.paymentFile}`,
        '/nachweise',
        `/nachweise/${i.proof}`,
        `/nachweise/${i.proof}/pruefung`,
        '/festsetzungen',
        `/festsetzungen/${i.settlement}`,
        '/rueckforderungen',
        `/rueckforderungen/${i.recovery}`,
        '/landesnachweis',
        '/benachrichtigungen',
        '/suche?q=FF-2026',
      ],
    ],
    // Pages the roles above already covered are not repeated (same markup, only the actions differ).
    ['Zeichnungsbefugnis', DEMO.approver, (i) => [`/bescheide/${i.decision}`, `/mittelabrufe/${i.checkedPayment}`, `/festsetzungen/${i.settlement}`]],
    ['Prüfung', DEMO.auditor, () => ['/', '/protokoll', '/exporte', '/monitoring']],
    ['Prüfung: Kennzahlen', DEMO.auditor, () => ['/verwaltung/kennzahlen']],
    // Monitoring (issue 19): the Kreis's figures and a Träger's own ("Ihre Projekte"); the long
    // Handlungsfelder page on its own, so each test stays well inside its time with axe.
    ['Monitoring', DEMO.staff, () => ['/monitoring', '/monitoring/sozialraeume']],
    ['Monitoring: Handlungsfelder', DEMO.staff, () => ['/monitoring/handlungsfelder']],
    ['Träger: Monitoring', DEMO.provider, () => ['/monitoring', '/monitoring/sozialraeume']],
    ['Träger: Monitoring, Handlungsfelder', DEMO.provider, () => ['/monitoring/handlungsfelder']],
    ['Administration', DEMO.admin, () => ['/verwaltung/benutzer', '/verwaltung/parameter', '/verwaltung/basiszins', '/verwaltung/kennzahlen', '/verwaltung/betrieb']],
  ];

  for (const [role, email, paths] of pagesByRole) {
    it(`${role}: every main page`, async () => {
      const i = await ids();
      const shot = screenshots(`a11y-${role.toLowerCase().replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/[^a-z0-9]+/g, '-')}`, { fullPage: false });
      const { page, context, problems } = await newSession(browser);
      await login(page, email);
      const found: string[] = [];
      for (const p of paths(i)) {
        await page.goto(p);
        await settled(page);
        expect(await page.getByRole('heading', { name: 'Nicht gefunden' }).count(), `${p} is reachable`).toBe(0);
        for (const v of await seriousViolations(page)) found.push(`${p}: ${v}`);
        await shot(page, p.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') || 'start');
      }
      expect(found).toEqual([]);
      expect(problems).toEqual([]);
      await context.close();
    });
  }

  it('tablet width (768 px): pages reflow without sideways scrolling of the page', async () => {
    const shot = screenshots('tablet');
    const { page, context } = await newSession(browser, { width: 768, height: 1024 });
    await login(page, DEMO.staff);
    for (const p of ['/', '/antraege', '/haushalt', '/rechner', '/monitoring']) {
      await page.goto(p);
      await settled(page);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${p} overflows by ${overflow}px`).toBeLessThanOrEqual(0);
      await shot(page, p.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') || 'start');
    }
    await context.close();
  });
});
