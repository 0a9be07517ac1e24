/**
 * Offene Daten (issue 19 item 5): ADMIN opens the page from the navigation, sees how many grants a
 * year publishes, switches the publication off (the public package answers 404) and on again with
 * the prefix (200); a missing prefix is refused at the field in German. At 390 px without
 * sideways scrolling; axe finds nothing serious.
 */
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, apiLogin, baseUrl, DEMO, expectNoSidewaysScroll, launch, login, navigate, newSession, screenshotOnFailure, screenshots, seriousViolations, settled, type Session } from './support';

let browser: Browser;
let adminToken: string;
const year = new Date().getFullYear();
beforeAll(async () => {
  browser = await launch();
  adminToken = await apiLogin(DEMO.admin);
});
const sessions: Session[] = [];
afterEach(async (ctx) => {
  await screenshotOnFailure(ctx.task, sessions);
  sessions.length = 0;
});
afterAll(async () => {
  // Leave the demo as it was: published under its demo prefix.
  const s = await apiCall<{ version: number }>(adminToken, 'GET', '/open-data/settings');
  await apiCall(adminToken, 'PUT', '/open-data/settings', { enabled: true, prefix: '360G-demo-altenburgerland', licence: 'CC_BY_4_0', version: s.version });
  await browser?.close();
});

const publicStatus = async (): Promise<number> => (await fetch(`${baseUrl()}/api/v1/open-data/360giving?year=${year}`)).status;

describe('Offene Daten', () => {
  it('ADMIN: the count of a year, switched off and on again, a missing prefix refused at the field', async () => {
    const shot = screenshots('offene-daten');
    const session = await newSession(browser);
    sessions.push(session);
    const { page, context, problems } = session;
    const preview = await apiCall<{ grants: number }>(adminToken, 'GET', `/open-data/preview?year=${year}`);
    await login(page, DEMO.admin);
    await navigate(page, 'Offene Daten');
    await page.waitForURL('**/verwaltung/offene-daten');
    await settled(page);
    await expect.poll(() => page.getByRole('heading', { name: 'Offene Daten', level: 1 }).isVisible()).toBe(true);
    const count = page.getByTestId('open-data-count');
    await expect.poll(() => count.textContent()).toBe(`${preview.grants === 1 ? '1 Förderung' : `${preview.grants} Förderungen`} im Haushaltsjahr ${year} werden veröffentlicht.`);
    expect(await page.getByRole('link', { name: `360Giving-Daten ${year} als JSON` }).getAttribute('href')).toBe(`/api/v1/open-data/360giving?year=${year}`);
    await shot(page, 'eingeschaltet');
    expect(await seriousViolations(page)).toEqual([]);

    // Off: the package is gone for the public, the ADMIN still sees the count.
    await page.getByLabel('Förderungen als offene Daten veröffentlichen').uncheck();
    await page.getByRole('button', { name: 'Einstellungen speichern' }).click();
    await expect.poll(() => page.getByText('nicht veröffentlicht', { exact: true }).isVisible()).toBe(true);
    await expect.poll(() => count.textContent()).toContain('würden veröffentlicht, sobald die Veröffentlichung eingeschaltet ist');
    expect(await publicStatus()).toBe(404);

    // On without a prefix: refused at the field.
    await page.getByLabel('Förderungen als offene Daten veröffentlichen').check();
    await page.getByLabel(/^360Giving-Präfix/).fill('');
    await page.getByRole('button', { name: 'Einstellungen speichern' }).click();
    await expect.poll(() => page.getByTestId('field-error').first().textContent()).toContain('Zum Veröffentlichen ist das bei 360Giving registrierte Präfix nötig.');
    await shot(page, 'praefix-fehlt');
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByLabel(/^360Giving-Präfix/).fill('360G-demo-altenburgerland');
    await page.getByRole('button', { name: 'Einstellungen speichern' }).click();
    await expect.poll(() => page.getByText('Gespeichert.').isVisible()).toBe(true);
    await expect.poll(() => count.textContent()).toContain('werden veröffentlicht.');
    expect(await publicStatus()).toBe(200);
    await shot(page, 'wieder-eingeschaltet');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('at 390 px: no sideways scrolling', async () => {
    const shot = screenshots('offene-daten-390');
    const session = await newSession(browser, { width: 390, height: 844 });
    sessions.push(session);
    const { page, context, problems } = session;
    await login(page, DEMO.admin);
    await navigate(page, 'Offene Daten');
    await page.waitForURL('**/verwaltung/offene-daten');
    await settled(page);
    await expect.poll(() => page.getByTestId('open-data-count').isVisible()).toBe(true);
    await expectNoSidewaysScroll(page, '/verwaltung/offene-daten');
    await shot(page, 'seite');
    expect(await seriousViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});
