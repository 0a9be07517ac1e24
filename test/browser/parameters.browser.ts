/**
 * Programme parameters a Kreis chooses (issue 20), clicked: the ADMIN of the Landkreis Greiz opens
 * „Parameter“, sees which values the Land sets and which are the Kreis's to choose, enters a wrong
 * Stichprobenanteil and reads the German message at the field, corrects it, leaves, comes back and
 * finds the Kreis's own value beside the programme's. The Land's ADMIN then looks at Greiz's values
 * through „Geltende Werte für“ and sets only programme values. Once at 1366 px, once at 390 px.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectNoSidewaysScroll, launch, login, navigate, newSession, screenshotOnFailure, screenshots, seriousViolations, settled, type Session } from './support';

const GREIZ_ADMIN = 'admin.greiz@demo.foerderfluss.de';
const LAND_ADMIN = 'land-admin@demo.foerderfluss.de';
const GREIZ = 'Greiz';
const nextYear = new Date().getFullYear() + 1;

// Each viewport sets its own value from its own day, so the two runs never collide.
const VIEWPORTS = [
  { name: 'desktop', width: 1366, height: 900, value: '12,5', shown: '12,5 %', validFrom: `${nextYear}-01-01`, german: `01.01.${nextYear}` },
  { name: 'phone', width: 390, height: 844, value: '15', shown: '15 %', validFrom: `${nextYear}-07-01`, german: `01.07.${nextYear}` },
] as const;

async function arrive(page: Page, where: string): Promise<void> {
  await settled(page);
  await expectNoSidewaysScroll(page, where);
  expect(await seriousViolations(page), where).toEqual([]);
}

/** Text as read, with the no-break spaces of German number formats („10 %“) as plain spaces. */
const text = async (l: Locator) => ((await l.textContent()) ?? '').replace(/\u00a0/g, ' ');

const section = (page: Page, title: string) => page.locator('section.ff-section').filter({ has: page.getByRole('heading', { name: title, exact: true }) });

for (const vp of VIEWPORTS) {
  describe.sequential(`Parameter eines Kreises (${vp.name}, ${vp.width}×${vp.height})`, () => {
    let browser: Browser;
    const sessions: Session[] = [];
    const session = async () => {
      const s = await newSession(browser, { width: vp.width, height: vp.height });
      sessions.push(s);
      return s;
    };
    beforeAll(async () => {
      browser = await launch();
    });
    afterEach(async (ctx) => {
      await screenshotOnFailure(ctx.task, sessions);
    });
    afterAll(async () => {
      for (const s of sessions) expect(s.problems, 'console/page errors').toEqual([]);
      await browser?.close();
    });

    it("Greiz's ADMIN sets its own Stichprobenanteil: a wrong value is explained, the corrected one holds after leaving and coming back", async () => {
      const shot = screenshots(`parameters-${vp.width}/kreis`, { fullPage: false });
      const { page } = await session();
      await login(page, GREIZ_ADMIN);
      await navigate(page, 'Parameter');
      await page.waitForURL('**/verwaltung/parameter');
      await arrive(page, 'Parameter (Greiz)');
      await expect.poll(() => page.getByText(/Für die mit „Wahl des Kreises“ gekennzeichneten Parameter kann Landkreis Greiz/).isVisible()).toBe(true);

      // The Land's values carry no form for a Kreis; the Kreis's choices do.
      const rate = section(page, 'Fördersatz des Landes');
      expect(await rate.getByRole('button').count()).toBe(0);
      const sample = section(page, 'Stichprobenanteil der vertieften Prüfung');
      expect(await sample.getByText('Wahl des Kreises').isVisible()).toBe(true);
      expect(await text(sample.getByTestId('in-force-SAMPLE_SHARE_PERCENT'))).toMatch(/Geltender Wert für Landkreis Greiz.*: 10 %/);
      await shot(page, 'uebersicht');

      const form = sample.getByRole('form', { name: 'Eigener Wert des Kreises: Stichprobenanteil der vertieften Prüfung' });
      await form.getByLabel('Eigener Wert des Kreises (%)').fill('zehn');
      await form.getByLabel('gültig ab').fill(vp.validFrom);
      await form.getByRole('button', { name: 'Eigenen Wert festlegen' }).click();
      const error = form.getByTestId('field-error');
      await expect.poll(() => error.first().textContent()).toMatch(/Bitte .*Zahl/);
      expect(await form.getByLabel('Eigener Wert des Kreises (%)').getAttribute('aria-invalid')).toBe('true');
      await form.scrollIntoViewIfNeeded();
      await shot(page, 'fehler');

      await form.getByLabel('Eigener Wert des Kreises (%)').fill(vp.value);
      await form.getByRole('button', { name: 'Eigenen Wert festlegen' }).click();
      const own = sample.getByRole('table', { name: /Eigene Werte von Landkreis Greiz/ });
      await expect.poll(() => text(own.getByRole('row').filter({ hasText: vp.german }))).toContain(vp.shown);

      await navigate(page, 'Start');
      await settled(page);
      await navigate(page, 'Parameter');
      await page.waitForURL('**/verwaltung/parameter');
      await arrive(page, 'Parameter wieder geöffnet');
      const again = section(page, 'Stichprobenanteil der vertieften Prüfung');
      await expect.poll(() => text(again.getByRole('table', { name: /Eigene Werte von Landkreis Greiz/ }).getByRole('row').filter({ hasText: vp.german }))).toContain(vp.shown);
      // The programme's value is untouched and still in force today.
      expect(await text(again.getByRole('table', { name: /Werte des Programms/ }))).toContain('10 %');
      expect(await text(again.getByTestId('in-force-SAMPLE_SHARE_PERCENT'))).toContain('(Wert des Programms ab 01.01.2024)');
      await again.getByRole('table', { name: /Eigene Werte von Landkreis Greiz/ }).scrollIntoViewIfNeeded();
      await shot(page, 'eigener-wert');
    });

    it("the Land's ADMIN reads Greiz's values and sets only the programme's", async () => {
      const shot = screenshots(`parameters-${vp.width}/land`, { fullPage: false });
      const { page } = await session();
      await login(page, LAND_ADMIN);
      await navigate(page, 'Parameter');
      await page.waitForURL('**/verwaltung/parameter');
      await arrive(page, 'Parameter (Land)');
      const rate = section(page, 'Fördersatz des Landes');
      expect(await rate.getByRole('button', { name: 'Wert hinzufügen' }).isVisible()).toBe(true);

      const select = page.getByLabel('Geltende Werte für');
      const greiz = await select.locator('option', { hasText: GREIZ }).getAttribute('value');
      await select.selectOption(greiz!);
      await page.waitForURL(`**/verwaltung/parameter?kreis=${greiz}`);
      await arrive(page, 'Parameter (Land, Greiz)');
      const sample = section(page, 'Stichprobenanteil der vertieften Prüfung');
      await expect.poll(() => text(sample.getByRole('table', { name: /Eigene Werte von Landkreis Greiz/ }))).toContain(vp.shown);
      // No form writes a Kreis's value for the Land: only the programme's.
      expect(await sample.getByRole('button', { name: 'Eigenen Wert festlegen' }).count()).toBe(0);
      await sample.getByRole('table', { name: /Eigene Werte von Landkreis Greiz/ }).scrollIntoViewIfNeeded();
      await shot(page, 'greiz');
    });
  });
}
