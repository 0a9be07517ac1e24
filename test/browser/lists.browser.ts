/**
 * Lists that scale (issue 16 item 5), in the browser: a Sachbearbeiterin sorts the Anträge by
 * Antragsnummer, filters by status, reloads (sort and filter stay, they live in the address), goes
 * back, pages with "Weitere laden"; searches an Aktenzeichen from the header and opens the hit.
 * The same at 390 px, where the filters fold away and nothing scrolls sideways.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, expectNoSidewaysScroll, launch, login, navigate, newSession, screenshotOnFailure, screenshots, seriousViolations, settled, type Session } from './support';

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

/** The Antragsnummern in the table, top to bottom. */
async function references(page: Page): Promise<string[]> {
  return page.getByTestId('applications').locator('tbody tr td:first-child a').allTextContents();
}

describe('lists: sort, filter and page on the server, state in the address', () => {
  it('staff sort the Anträge by Antragsnummer, filter by status, reload, go back and page; search an Aktenzeichen from the header', async () => {
    const shot = screenshots('listen-antraege');
    const s = await newSession(browser, { width: 1366, height: 900 });
    sessions.push(s);
    const { page, problems } = s;
    await login(page, DEMO.staff);
    await navigate(page, 'Anträge');
    await settled(page);
    const ascending = await references(page);
    expect(ascending.length).toBeGreaterThan(10);
    expect(ascending).toEqual([...ascending].sort());
    const header = page.getByRole('columnheader', { name: /Antrag/ });
    expect(await header.getAttribute('aria-sort')).toBe('ascending');

    // Sort: a click on the column header, descending.
    await header.getByRole('button').click();
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('descending');
    await expect.poll(() => new URL(page.url()).searchParams.get('sort')).toBe('-reference');
    await expect.poll(() => references(page)).toEqual([...ascending].reverse());

    // Filter: status „bewilligt“ (the filters are open on a wide screen).
    // A click, not check(): the box shows what the address says, so it turns checked only once the
    // address has changed (check() looks straight after the click and may see the old state).
    const approvedBox = page.getByRole('group', { name: 'Status' }).getByLabel('bewilligt');
    await approvedBox.click();
    await expect.poll(() => approvedBox.isChecked()).toBe(true);
    await expect.poll(() => new URL(page.url()).searchParams.get('status')).toBe('APPROVED');
    await expect.poll(async () => (await page.getByTestId('applications').locator('tbody tr').allTextContents()).every((row) => row.includes('bewilligt'))).toBe(true);
    const approved = await references(page);
    expect(approved.length).toBeGreaterThan(1);
    expect(approved.length).toBeLessThan(ascending.length);
    expect(approved).toEqual([...approved].sort().reverse());
    await expect.poll(() => page.getByText('Filter (1 aktiv)').isVisible()).toBe(true);
    await shot(page, 'sortiert-und-gefiltert');

    // Reload: sort and filter come back from the address.
    await page.reload();
    await settled(page);
    expect(await page.getByRole('columnheader', { name: /Antrag/ }).getAttribute('aria-sort')).toBe('descending');
    expect(await page.getByRole('group', { name: 'Status' }).getByLabel('bewilligt').isChecked()).toBe(true);
    expect(await references(page)).toEqual(approved);

    // Back: the filter step is undone, the sort stays.
    await page.goBack();
    await expect.poll(() => new URL(page.url()).searchParams.get('status')).toBeNull();
    await expect.poll(() => references(page)).toEqual([...ascending].reverse());

    // Paging: ten per page, then „Weitere laden“ brings the rest, no row twice.
    await page.getByLabel('Anträge je Seite').selectOption('10');
    await expect.poll(() => new URL(page.url()).searchParams.get('limit')).toBe('10');
    await expect.poll(() => references(page).then((r) => r.length)).toBe(10);
    expect(await page.getByTestId('list-count').textContent()).toBe('10 Anträge angezeigt');
    // The demo holds more than twenty Anträge (2024–2026): „Weitere laden“ until all are there.
    for (let shown = 10; shown < ascending.length; shown += 10) {
      await page.getByRole('button', { name: 'Weitere laden' }).click();
      await expect.poll(() => references(page).then((r) => r.length)).toBe(Math.min(shown + 10, ascending.length));
    }
    await expect.poll(() => references(page)).toEqual([...ascending].reverse());
    await expect.poll(() => page.getByTestId('list-count').textContent()).toBe(`${ascending.length} Anträge angezeigt, mehr gibt es nicht`);
    expect(await page.getByRole('button', { name: 'Weitere laden' }).count()).toBe(0);
    await shot(page, 'weitere-geladen');

    // Search from the header: an Aktenzeichen, then the hit.
    await page.getByTestId('header-search-input').fill('FF-2026-0007');
    await page.getByTestId('header-search-input').press('Enter');
    await page.waitForURL('**/suche?q=FF-2026-0007');
    await settled(page);
    const hits = page.getByTestId('search-hits');
    await expect.poll(() => hits.getByRole('link').count()).toBeGreaterThan(3);
    expect(await page.getByTestId('search-count').textContent()).toMatch(/Treffer zu „FF-2026-0007“/);
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'suche');
    await hits.getByRole('link', { name: /^Bescheid FF-2026-0007:/ }).click();
    await page.waitForURL('**/bescheide/*');
    await settled(page);
    expect(await page.locator('h1').textContent()).toContain('FF-2026-0007');
    expect(problems).toEqual([]);
  });

  it('at 390 px: the filters fold away, the list and the search fit the phone', async () => {
    const shot = screenshots('listen-telefon');
    const s = await newSession(browser, { width: 390, height: 844 });
    sessions.push(s);
    const { page, problems } = s;
    await login(page, DEMO.staff);
    await page.goto('/antraege?sort=-reference&status=APPROVED');
    await settled(page);
    const filters = page.getByTestId('list-filters');
    expect(await filters.getAttribute('open')).toBeNull();
    await expect.poll(() => page.getByText('Filter (1 aktiv)').isVisible()).toBe(true);
    const rows = await references(page);
    expect(rows.length).toBeGreaterThan(1);
    expect(rows).toEqual([...rows].sort().reverse());
    await expectNoSidewaysScroll(page, '/antraege (Filter zu)');
    await shot(page, 'antraege');
    await page.getByText('Filter (1 aktiv)').click();
    expect(await page.getByRole('group', { name: 'Status' }).getByLabel('bewilligt').isChecked()).toBe(true);
    await expectNoSidewaysScroll(page, '/antraege (Filter offen)');
    await shot(page, 'antraege-filter-offen');

    await page.getByTestId('header-search-input').fill('Frauencafé');
    await page.getByRole('search', { name: 'Suche nach Vorgängen' }).getByRole('button', { name: 'Suchen' }).click();
    await page.waitForURL('**/suche?q=*');
    await settled(page);
    await expect.poll(() => page.getByTestId('search-hits').getByRole('link').count()).toBeGreaterThan(1);
    await expectNoSidewaysScroll(page, '/suche');
    await shot(page, 'suche');
    await page.getByTestId('search-hits').getByRole('link', { name: /^Antrag A-2026-0012:/ }).click();
    await page.waitForURL('**/antraege/*');
    await settled(page);
    expect(await page.locator('h1').textContent()).toContain('A-2026-0012');
    expect(await page.locator('main').textContent()).toContain('Frauencafé');
    expect(problems).toEqual([]);
  });
});
