/**
 * Kennzahlen (issue 19): Sachbearbeitung renames a Kennzahl and sets its Soll for next year on
 * /verwaltung/kennzahlen, leaves and comes back to find both; the Verlauf shows the old name. A
 * Träger fills the Kennzahlen of its Sachbericht, reads the German message for a negative number,
 * corrects it and saves. Once at 1366 px, once on a phone (390 px) without sideways scrolling.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, apiLogin, DEMO, expectNoSidewaysScroll, launch, login, navigate, newSession, screenshotOnFailure, screenshots, seriousViolations, settled, type Session } from './support';

const VIEWPORTS = [
  { name: 'desktop', width: 1366, height: 768, target: '1.200', shown: '1.200' },
  { name: 'phone', width: 390, height: 844, target: '12,5', shown: '12,5' },
] as const;

interface Indicator {
  id: string;
  fieldOfAction: string;
  code: string;
  name: string;
  version: number;
}

const nextYear = String(new Date().getFullYear() + 1);

/** A row button „Bearbeiten“ with its hidden object („: beratene Personen“); flex layout may add a space before the colon. */
const action = (label: string, about: string) => new RegExp(`^${label}\\s?: ${about.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

async function arrive(page: Page, where: string): Promise<void> {
  await settled(page);
  await expectNoSidewaysScroll(page, where);
  expect(await seriousViolations(page), where).toEqual([]);
}

let staffToken: string;
let original: Indicator;

beforeAll(async () => {
  staffToken = await apiLogin(DEMO.staff);
  const items = (await apiCall<{ items: Indicator[] }>(staffToken, 'GET', '/indicators?fieldOfAction=LABOUR_MARKET')).items;
  original = items.find((k) => k.code === 'PERSONS_COUNSELLED')!;
});
afterAll(async () => {
  // The other journeys read the seeded name: give it back.
  const now = (await apiCall<{ items: Indicator[] }>(staffToken, 'GET', '/indicators?fieldOfAction=LABOUR_MARKET')).items.find((k) => k.id === original.id)!;
  if (now.name !== original.name) await apiCall(staffToken, 'PATCH', `/indicators/${original.id}`, { name: original.name });
});

for (const vp of VIEWPORTS) {
  describe.sequential(`Kennzahlen (${vp.name}, ${vp.width}×${vp.height})`, () => {
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

    it('Sachbearbeitung renames a Kennzahl, sets the Soll for next year, leaves, comes back and sees both; the Verlauf keeps the old name', async () => {
      const shot = screenshots(`indicators-${vp.width}/verwaltung`);
      const { page } = await session();
      await login(page, DEMO.staff);
      await navigate(page, 'Kennzahlen');
      await page.waitForURL('**/verwaltung/kennzahlen');
      await arrive(page, 'Kennzahlen');
      await page.getByLabel('Soll für das Jahr').selectOption(nextYear);
      await page.waitForURL(`**/verwaltung/kennzahlen?jahr=${nextYear}`);
      await settled(page);
      const table = page.getByTestId('indicators-LABOUR_MARKET');
      const before = (await apiCall<Indicator>(staffToken, 'GET', `/indicators/${original.id}`)).name;
      const renamed = `beratene Personen (${vp.name})`;

      await table.getByRole('button', { name: action('Bearbeiten', before) }).click();
      const edit = page.getByRole('dialog');
      await expect.poll(() => edit.getByLabel('Name').inputValue()).toBe(before);
      // An empty name is refused in German before anything is sent.
      await edit.getByLabel('Name').fill('  ');
      await edit.getByRole('button', { name: 'Kennzahl speichern' }).click();
      await expect.poll(() => edit.getByText('Bitte einen Namen angeben.').isVisible()).toBe(true);
      await edit.getByLabel('Name').fill(renamed);
      await shot(page, 'umbenennen');
      await edit.getByRole('button', { name: 'Kennzahl speichern' }).click();
      await expect.poll(() => page.getByText(`Kennzahl „${renamed}“ gespeichert`).isVisible()).toBe(true);

      await table.getByRole('button', { name: action('Soll', `${renamed} ${nextYear}`) }).click();
      const target = page.getByRole('dialog');
      await target.getByLabel('Soll in Personen').fill('-3');
      await target.getByRole('button', { name: 'Soll speichern' }).click();
      await expect.poll(() => target.getByText('Das Soll darf nicht negativ sein.').isVisible()).toBe(true);
      await target.getByLabel('Soll in Personen').fill(vp.target);
      await shot(page, 'soll');
      await target.getByRole('button', { name: 'Soll speichern' }).click();
      await expect.poll(() => page.getByText(`Soll ${nextYear} für „${renamed}“`).isVisible()).toBe(true);

      await navigate(page, 'Start');
      await settled(page);
      await navigate(page, 'Kennzahlen');
      await page.waitForURL('**/verwaltung/kennzahlen');
      await page.getByLabel('Soll für das Jahr').selectOption(nextYear);
      await settled(page);
      const row = table.getByRole('row').filter({ hasText: renamed });
      await expect.poll(() => row.count()).toBe(1);
      await expect.poll(() => row.getByRole('cell').nth(2).textContent()).toBe(vp.shown);
      await arrive(page, 'Kennzahlen wieder geöffnet');
      await shot(page, 'wieder-geoeffnet');

      await table.getByRole('button', { name: action('Verlauf', renamed) }).click();
      const history = page.getByTestId('indicator-versions');
      await expect.poll(() => history.textContent()).toContain(renamed);
      expect(await history.textContent()).toContain(before);
      await shot(page, 'verlauf');
      await page.keyboard.press('Escape');
    });

    it('a Träger fills the Kennzahlen of its Sachbericht: a negative number gets a German message, the corrected one is saved', async () => {
      const shot = screenshots(`indicators-${vp.width}/sachbericht`);
      const { page } = await session();
      await login(page, DEMO.provider2);
      await navigate(page, 'Verwendungsnachweise');
      await page.waitForURL('**/nachweise');
      await settled(page);
      // The demo's FF-2026-0003 has no VN yet; a run before this one (or another journey) left a draft.
      const create = page.getByRole('button', { name: 'Verwendungsnachweis anlegen zu FF-2026-0003' });
      if ((await create.count()) > 0) await create.click();
      else await page.getByRole('link', { name: 'FF-2026-0003/VN', exact: true }).click();
      await page.waitForURL(/\/nachweise\/[0-9a-f-]{36}$/);
      await settled(page);

      // One input per Kennzahl of the project's Handlungsfeld, named by the Kennzahl and its unit.
      const kennzahlen = page.getByTestId('narrative-indicators');
      await expect.poll(() => kennzahlen.getByRole('textbox').count()).toBeGreaterThan(0);
      const input = kennzahlen.getByRole('textbox').first();
      const name = (await input.getAttribute('aria-label'))!;
      expect(name).toMatch(/^.+ \(.+\)$/);
      await page.getByLabel('Durchgeführte Maßnahme').fill('Offene Sozialberatung an drei Tagen pro Woche.');
      await input.fill('-5');
      await page.getByRole('button', { name: 'Sachbericht speichern' }).click();
      await expect.poll(() => kennzahlen.getByText('Die Zahl darf nicht negativ sein.').isVisible()).toBe(true);
      expect(await input.getAttribute('aria-invalid')).toBe('true');
      await arrive(page, 'Sachbericht mit Fehler');
      await shot(page, 'negativ');

      const value = vp.name === 'phone' ? '41' : '140';
      await input.fill(value);
      await page.getByRole('button', { name: 'Sachbericht speichern' }).click();
      await expect.poll(() => page.getByText('Sachbericht gespeichert').isVisible()).toBe(true);
      await shot(page, 'gespeichert');

      await page.reload();
      await settled(page);
      await expect.poll(() => page.getByLabel(name, { exact: true }).inputValue()).toBe(value);
      await arrive(page, 'Sachbericht wieder geöffnet');
    });
  });
}
