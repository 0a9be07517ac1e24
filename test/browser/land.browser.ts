/**
 * Land and Kreise in the browser (issue 20): the Land's Sachbearbeiterin sees all three demo Kreise
 * on /land (chart and table, figures as `GET /api/v1/districts` gives them), changes the year and
 * drills into one Kreis, read only (no "Neuer Projektaufruf"); the Sachbearbeiterin of Greiz never
 * sees "Altenburger Land" on anything she can open from the navigation, the search or the lists,
 * neither at 1366 nor at 390 px, where nothing scrolls sideways.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS } from './env';
import { apiLogin, baseUrl, expectNoSidewaysScroll, launch, login, navigate, newSession, openMenu, screenshotOnFailure, screenshots, seriousViolations, settled, type Session } from './support';

/** The demo users of the Land and of a second Kreis (seeds/demo, CONTRACT of issue 20). */
const LAND = 'land@demo.foerderfluss.de';
const LAND_APPROVER = 'land-zeichnung@demo.foerderfluss.de';
const GREIZ_STAFF = 'sachbearbeitung.greiz@demo.foerderfluss.de';
const HOME = 'Altenburger Land';

let browser: Browser;
const sessions: Session[] = [];
beforeAll(async () => {
  browser = await launch();
});
afterEach(async (ctx) => {
  await screenshotOnFailure(ctx.task, sessions);
  for (const s of sessions.splice(0)) await s.context.close();
});
afterAll(async () => {
  await browser?.close();
});

interface Summary {
  id: string;
  code: string;
  name: string;
  allocated: string | null;
  drawn: string | null;
  paidToProviders: string | null;
  proven: string | null;
  refunded: string | null;
}

async function districts(token: string, year?: number): Promise<{ year: number; items: Summary[] }> {
  const res = await fetch(`${baseUrl()}/api/v1/districts${year ? `?year=${year}` : ''}`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`GET /districts: ${res.status} ${await res.text()}`);
  return (await res.json()) as { year: number; items: Summary[] };
}

const euro = new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR', minimumFractionDigits: 2, maximumFractionDigits: 2 });
const money = (v: string | null) => (v === null ? '–' : euro.format(v as unknown as number));

/** Everything the page holds as text, including the folded menu, select options and hidden rows. */
async function pageText(page: Page): Promise<string> {
  return page.evaluate(() => document.body.textContent ?? '');
}

async function expectNoHome(page: Page, where: string): Promise<void> {
  const text = await pageText(page);
  const at = text.indexOf(HOME);
  expect(at, `${where} (${page.url()}) shows „${HOME}“: …${text.slice(Math.max(0, at - 80), at + 80)}…`).toBe(-1);
}

async function navLinks(page: Page): Promise<{ label: string; href: string }[]> {
  return page
    .getByRole('navigation', { name: 'Hauptnavigation' })
    .getByRole('link')
    .evaluateAll((links) => links.map((a) => ({ label: (a.textContent ?? '').trim(), href: a.getAttribute('href') ?? '' })));
}

describe('Land and Kreise', () => {
  it('the Land user sees all three Kreise on /land and drills into one, read only', async () => {
    const shot = screenshots('land-ueberblick');
    const s = await newSession(browser, { width: 1366, height: 900 });
    sessions.push(s);
    const { page, problems } = s;
    const api = await districts(await apiLogin(LAND));
    expect(api.items.map((d) => d.code).sort()).toEqual(['DISTRICT_ALTENBURGER_LAND', 'DISTRICT_GREIZ', 'DISTRICT_SAALE_ORLA']);

    await login(page, LAND);
    // The Land starts on its overview; the header says whose it is.
    await page.waitForURL((u) => u.pathname === '/land');
    await settled(page);
    expect(await page.getByTestId('tenant').textContent()).toContain('Freistaat Thüringen');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Kreise im Überblick');
    const nav = await navLinks(page);
    expect(nav[0]!.href).toBe('/land');
    expect(nav.map((n) => n.label)).not.toContain('Arbeitsliste');

    // Table and chart: one row per Kreis, the API's figures formatted in German.
    const table = page.getByTestId('land-districts');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(3);
    for (const d of api.items) {
      const row = table.locator(`tbody tr[data-district="${d.code}"]`);
      expect(await row.locator('th').textContent()).toBe(d.name);
      const cells = await row.locator('td').allTextContents();
      expect(cells.map((c) => c.replace(/\s/g, ' '))).toEqual([d.allocated, d.drawn, d.paidToProviders, d.proven, d.refunded].map((v) => money(v).replace(/\s/g, ' ')));
    }
    expect(await page.getByTestId('land-chart').isVisible()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'kreise');

    // Another year: in the address, back returns.
    const previous = api.year - 1;
    await page.getByLabel('Haushaltsjahr').selectOption(String(previous));
    await expect.poll(() => new URL(page.url()).searchParams.get('jahr')).toBe(String(previous));
    await expect.poll(() => page.getByTestId('land-districts').locator('caption').textContent()).toContain(String(previous));
    await page.goBack();
    await expect.poll(() => new URL(page.url()).searchParams.get('jahr')).toBeNull();

    // Drill into Greiz: its figures and its records, read only.
    const greiz = api.items.find((d) => d.code === 'DISTRICT_GREIZ')!;
    await table.getByRole('link', { name: greiz.name }).click();
    await page.waitForURL((u) => u.pathname === `/land/kreise/${greiz.id}`);
    await settled(page);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(greiz.name);
    const figures = await page.getByTestId('district-figures').textContent();
    expect(figures?.replace(/\s/g, ' ')).toContain(money(greiz.allocated).replace(/\s/g, ' '));
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'greiz');
    await page.getByTestId('district-records').getByRole('link', { name: 'Projektaufrufe' }).click();
    await page.waitForURL((u) => u.pathname === '/aufrufe');
    await settled(page);
    // The Land reads a Kreis's calls but starts none.
    expect(await page.getByRole('link', { name: 'Neuer Projektaufruf' }).count()).toBe(0);
    await shot(page, 'greiz-aufrufe');
    // And the Kreis's "neu" page is not the Land's.
    await page.goto('/aufrufe/neu');
    await settled(page);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Nicht gefunden');

    // At 390 px: the overview without sideways scrolling.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/land');
    await settled(page);
    await expectNoSidewaysScroll(page, '/land at 390 px');
    await shot(page, 'kreise-390');
    expect(problems).toEqual([]);
  });

  it('the Land drafts a Zuweisung, proposes it, and a second person of the Land issues it and downloads the letter', async () => {
    const shot = screenshots('land-zuweisung');
    const s = await newSession(browser, { width: 1366, height: 900 });
    sessions.push(s);
    const { page, problems } = s;
    await login(page, LAND);
    await navigate(page, 'Zuweisungen');
    await settled(page);
    await page.getByRole('link', { name: 'Neue Zuweisung' }).click();
    await settled(page);
    // Nothing chosen: the form says what is missing, at the field, in German.
    const form = page.locator('main form');
    await page.getByRole('button', { name: 'Entwurf anlegen' }).click();
    await expect.poll(() => page.getByText('Bitte den Kreis wählen.').isVisible()).toBe(true);
    expect(await form.getByLabel('Kreis', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await form.getByLabel('Kreis', { exact: true }).selectOption({ label: 'Saale-Orla-Kreis – Landratsamt' });
    await form.getByLabel('Haushaltsjahr', { exact: true }).fill('2028');
    await form.getByLabel('Aktenzeichen', { exact: true }).fill('TLVwA 250-4.1-2028/017');
    await form.getByLabel(/Höchstbetrag/).fill('250.000,00');
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'entwurf');
    await page.getByRole('button', { name: 'Entwurf anlegen' }).click();
    await page.waitForURL((u) => /^\/land\/zuweisungen\/[0-9a-f-]{36}$/.test(u.pathname));
    await settled(page);
    const url = new URL(page.url()).pathname;
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Zuweisung TLVwA 250-4.1-2028/017');
    expect((await page.getByTestId('state-grant').textContent())?.replace(/\s/g, ' ')).toContain('250.000,00 €');
    await page.getByRole('button', { name: 'Zum Erlass vorschlagen' }).click();
    await expect.poll(() => page.getByText('zum Erlass vorgeschlagen').first().isVisible()).toBe(true);
    // Four eyes: the Sachbearbeiterin who proposed it is not offered the issue.
    expect(await page.getByRole('button', { name: /Zuweisung erlassen/ }).count()).toBe(0);
    await shot(page, 'vorgeschlagen');

    const z = await newSession(browser, { width: 1366, height: 900 });
    sessions.push(z);
    await login(z.page, LAND_APPROVER);
    await z.page.goto(url);
    await settled(z.page);
    await z.page.getByRole('button', { name: /Zuweisung erlassen/ }).click();
    await z.page.getByRole('dialog').getByRole('button', { name: 'Jetzt erlassen' }).click();
    await expect.poll(() => z.page.getByText('erlassen', { exact: true }).first().isVisible()).toBe(true);
    const [download] = await Promise.all([z.page.waitForEvent('download'), z.page.getByRole('button', { name: 'Zuweisungsbescheid herunterladen (PDF)' }).click()]);
    const file = path.join(ARTIFACTS, 'land-zuweisung', download.suggestedFilename());
    await download.saveAs(file);
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    await shot(z.page, 'erlassen');
    expect([...problems, ...z.problems]).toEqual([]);
  });

  it('the Träger working in two Kreise sees the column „Kreis“ on its lists', async () => {
    const shot = screenshots('traeger-zwei-kreise');
    const s = await newSession(browser, { width: 1366, height: 900 });
    sessions.push(s);
    const { page, problems } = s;
    await login(page, 'traeger@demo.foerderfluss.de');
    await navigate(page, 'Anträge');
    await settled(page);
    const table = page.getByTestId('applications');
    expect(await table.getByRole('columnheader', { name: 'Kreis' }).count()).toBe(1);
    await expect.poll(async () => new Set(await table.locator('tbody tr td:nth-child(2)').allTextContents()).size).toBeGreaterThanOrEqual(2);
    const kreise = new Set(await table.locator('tbody tr td:nth-child(2)').allTextContents());
    expect([...kreise].sort()).toEqual(['Landkreis Altenburger Land – Landratsamt', 'Landkreis Greiz – Landratsamt']);
    await shot(page, 'antraege');
    expect(problems).toEqual([]);
  });

  for (const width of [1366, 390]) {
    it(`the Sachbearbeiterin of Greiz never sees the Altenburger Land (${width} px)`, async () => {
      const shot = screenshots(`greiz-${width}`);
      const s = await newSession(browser, { width, height: width < 768 ? 844 : 900 });
      sessions.push(s);
      const { page, problems } = s;
      await login(page, GREIZ_STAFF);
      await settled(page);
      expect(await page.getByTestId('tenant').textContent()).toContain('Landkreis Greiz');
      await expectNoHome(page, 'start page');
      await shot(page, 'start');

      // Every page of the navigation, and the first record of each list there.
      await openMenu(page);
      const links = await navLinks(page);
      expect(links.length).toBeGreaterThan(5);
      for (const link of links) {
        await navigate(page, link.label);
        await page.waitForURL((u) => u.pathname === link.href);
        await settled(page);
        await expectNoHome(page, link.label);
        if (width < 768) await expectNoSidewaysScroll(page, link.label);
        const first = page.locator('main table tbody tr a').first();
        if ((await first.count()) > 0) {
          await first.click();
          await settled(page);
          await expectNoHome(page, `${link.label}: first record`);
          await page.goBack();
          await settled(page);
        }
      }
      await shot(page, 'letzte-seite');

      // The header search for the other Kreis's town finds nothing of it.
      await openMenu(page);
      await page.getByRole('searchbox').first().fill('Altenburg');
      await page.getByRole('searchbox').first().press('Enter');
      await page.waitForURL((u) => u.pathname === '/suche');
      await settled(page);
      await expectNoHome(page, 'search');
      await shot(page, 'suche');

      // The Land overview, if opened by address, shows Greiz alone.
      await page.goto('/land');
      await settled(page);
      await expectNoHome(page, '/land');
      await expect.poll(() => page.getByTestId('land-districts').locator('tbody tr').count()).toBe(1);
      await shot(page, 'land');
      expect(problems).toEqual([]);
    });
  }
});
