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
  const apps = await apiCall<{ items: { id: string; status: string }[] }>(staff, 'GET', '/applications?limit=50');
  const decisions = await apiCall<{ items: { id: string }[] }>(staff, 'GET', '/decisions?limit=50');
  const calls = await apiCall<{ id: string }[]>(staff, 'GET', '/calls');
  const orgs = await apiCall<{ items: { id: string }[] }>(staff, 'GET', '/organisations?kind=PROVIDER&limit=5');
  return {
    inReview: apps.items.find((a) => a.status === 'IN_REVIEW')!.id,
    application: apps.items[0]!.id,
    decision: decisions.items[0]!.id,
    call: calls[0]!.id,
    org: orgs.items[0]!.id,
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
    ['Träger', DEMO.provider, () => ['/', '/antraege', '/antraege/neu', '/bescheide', '/organisation', '/konto/passwort']],
    ['Sachbearbeitung', DEMO.staff, (i) => ['/', '/arbeitsliste', '/antraege', `/antraege/${i.inReview}/pruefung`, `/antraege/${i.application}`, '/bescheide', `/bescheide/${i.decision}`, '/haushalt', '/aufrufe', `/aufrufe/${i.call}/vergaberunde`, '/rechner', '/traeger', `/traeger/${i.org}`]],
    // Pages the roles above already covered are not repeated (same markup, only the actions differ).
    ['Zeichnungsbefugnis', DEMO.approver, (i) => [`/bescheide/${i.decision}`]],
    ['Prüfung', DEMO.auditor, () => ['/', '/protokoll']],
    ['Administration', DEMO.admin, () => ['/verwaltung/benutzer', '/verwaltung/parameter', '/verwaltung/basiszins']],
  ];

  for (const [role, email, paths] of pagesByRole) {
    it(`${role}: every main page`, async () => {
      const i = await ids();
      const shot = screenshots(`a11y-${role.toLowerCase().replace(/[^a-z]+/g, '-')}`, { fullPage: false });
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
    for (const p of ['/', '/antraege', '/haushalt', '/rechner']) {
      await page.goto(p);
      await settled(page);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${p} overflows by ${overflow}px`).toBeLessThanOrEqual(0);
      await shot(page, p.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') || 'start');
    }
    await context.close();
  });
});
