/**
 * Monitoring (issue 19, item 3) in the browser: staff open Monitoring from the navigation, narrow
 * the years and pick a Handlungsfeld (the filters live in the address: reload, back and forward
 * keep them), read the Sozialräume „ohne Förderung“, export what they see and download it; a
 * Träger sees its own projects' figures only; a range the API refuses shows the API's German
 * message. At 1366 and 390 px with axe and screenshots (var/e2e-artifacts/monitoring-*).
 *
 * The figures are checked against what other parts of the API already say about the demo year
 * 2026 (the budget year's balances and its breakdown by Handlungsfeld, Sozialraum and Träger), so
 * the assertions hold whatever earlier years the demo gains, and they are not the monitoring
 * API's own answer read back.
 */
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS } from './env';
import { apiCall, apiLogin, DEMO, expectNoSidewaysScroll, launch, login, navigate, newSession, screenshotOnFailure, screenshots, seriousViolations, settled, type Session } from './support';

const YEAR = 2026;

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

async function session(width: number): Promise<Session> {
  const s = await newSession(browser, { width, height: width < 500 ? 844 : 900 });
  sessions.push(s);
  return s;
}

type Amounts = { state: string; district: string; total: string };
type BreakdownRow = { key: string | null; name: string | null; committed: Amounts; paid: Amounts };

/** What the budget side of the API says about the demo year. */
async function demoYear() {
  const staff = await apiLogin(DEMO.staff);
  const years = await apiCall<{ id: string; year: number; balances: { committed: Amounts; paid: Amounts } }[]>(staff, 'GET', '/budget-years');
  const year = years.find((y) => y.year === YEAR)!;
  const breakdown = await apiCall<{ byFieldOfAction: BreakdownRow[]; bySocialArea: BreakdownRow[]; byProvider: BreakdownRow[] }>(staff, 'GET', `/budget-years/${year.id}/breakdown`);
  return { year, breakdown };
}

const euro = new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR', minimumFractionDigits: 2 });
/** "123456.70" → "123.456,70 €" as the page writes it (the figures are whole cents; a float prints them exactly). */
const money = (v: string) => euro.format(Number(v)).replace(/\s/g, ' ');
const cents = (v: string) => Math.round(Number(v) * 100);
const norm = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();

async function kpi(page: Page, key: string): Promise<string> {
  return norm(await page.getByTestId(`kpi-${key}`).locator('.ff-kpi').textContent());
}

async function checkPage(page: Page, where: string, shot: (p: Page, s: string) => Promise<string>, step: string): Promise<void> {
  await settled(page);
  expect(await page.getByRole('heading', { name: 'Nicht gefunden' }).count(), `${where} is reachable`).toBe(0);
  await expectNoSidewaysScroll(page, where);
  expect(await seriousViolations(page), where).toEqual([]);
  await shot(page, step);
}

describe('Monitoring', () => {
  it('staff: from the navigation, years and Handlungsfeld in the address (reload, back, forward), Sozialräume ohne Förderung, export and download', { timeout: 180_000 }, async () => {
    const { year, breakdown } = await demoYear();
    const shot = screenshots('monitoring-sachbearbeitung');
    const { page, problems } = await session(1366);
    await login(page, DEMO.staff);
    await navigate(page, 'Monitoring');
    await page.waitForURL('**/monitoring');
    await checkPage(page, '/monitoring', shot, 'ueberblick');
    expect(await page.locator('h1').textContent()).toBe('Monitoring');

    // Only the demo year: from and to both 2026, chosen in the selects.
    await page.getByLabel('von (Jahr)').selectOption(String(YEAR));
    await expect.poll(() => new URL(page.url()).searchParams.get('from')).toBe(String(YEAR));
    // changed straight after, as a quick hand would: the first change must stay
    await page.getByLabel('bis (Jahr)').selectOption(String(YEAR));
    await expect.poll(() => new URL(page.url()).searchParams.get('from')).toBe(String(YEAR));
    await expect.poll(() => new URL(page.url()).searchParams.get('to')).toBe(String(YEAR));
    await expect.poll(() => page.getByTestId('monitoring-range').textContent()).toContain(`Jahr ${YEAR}`);
    // gebunden over the Kreis for 2026 is the budget year's „gebunden“.
    await expect.poll(() => kpi(page, 'committed')).toBe(money(year.balances.committed.total));
    await expect.poll(() => kpi(page, 'paid')).toBe(money(year.balances.paid.total));
    await shot(page, 'jahr-2026');

    // A Handlungsfeld: the one with the most money bound in 2026.
    const field = [...breakdown.byFieldOfAction].filter((r) => r.key).sort((a, b) => cents(b.committed.total) - cents(a.committed.total))[0]!;
    await page.getByLabel('Handlungsfeld', { exact: true }).selectOption(field.key!);
    await expect.poll(() => new URL(page.url()).searchParams.get('fieldOfAction')).toBe(field.key);
    await expect.poll(() => kpi(page, 'committed')).toBe(money(field.committed.total));

    // Reload: the address keeps the filters, the page shows the same.
    await page.reload();
    await settled(page);
    expect(await page.getByLabel('Handlungsfeld', { exact: true }).inputValue()).toBe(field.key);
    expect(await page.getByLabel('von (Jahr)').inputValue()).toBe(String(YEAR));
    await expect.poll(() => kpi(page, 'committed')).toBe(money(field.committed.total));
    await shot(page, 'handlungsfeld-nach-neuladen');

    // Back: the Handlungsfeld is gone again; forward: it is back.
    await page.goBack();
    await expect.poll(() => new URL(page.url()).searchParams.get('fieldOfAction')).toBeNull();
    await expect.poll(() => page.getByLabel('Handlungsfeld', { exact: true }).inputValue()).toBe('');
    await expect.poll(() => kpi(page, 'committed')).toBe(money(year.balances.committed.total));
    await page.goForward();
    await expect.poll(() => page.getByLabel('Handlungsfeld', { exact: true }).inputValue()).toBe(field.key);
    await expect.poll(() => kpi(page, 'committed')).toBe(money(field.committed.total));

    // Handlungsfelder in detail: the filters travel with the link.
    await page.getByRole('navigation', { name: 'Monitoring' }).getByRole('link', { name: 'Handlungsfelder' }).click();
    await page.waitForURL(/\/monitoring\/handlungsfelder\?/);
    expect(new URL(page.url()).searchParams.get('fieldOfAction')).toBe(field.key);
    await checkPage(page, '/monitoring/handlungsfelder', shot, 'handlungsfelder');
    const fieldRow = page.getByTestId('chart-field-of-action-table').locator(`tr[data-group="${field.key}"]`);
    await expect.poll(async () => norm(await fieldRow.textContent())).toContain(money(field.committed.total));
    expect(await page.getByTestId('chart-field-of-action').getAttribute('role')).toBe('img');
    expect(await page.getByTestId('chart-field-of-action').getAttribute('aria-label')).toContain(field.name!);
    expect(await page.getByTestId('indicator-years').locator('caption').textContent()).toContain('Kennzahlen nach Jahr');

    // Sozialräume, all Handlungsfelder: those without money bound or paid in 2026 are named.
    await page.getByLabel('Handlungsfeld', { exact: true }).selectOption('');
    await expect.poll(() => new URL(page.url()).searchParams.get('fieldOfAction')).toBeNull();
    await page.getByRole('navigation', { name: 'Monitoring' }).getByRole('link', { name: 'Sozialräume' }).click();
    await page.waitForURL(/\/monitoring\/sozialraeume/);
    await checkPage(page, '/monitoring/sozialraeume', shot, 'sozialraeume');
    const unfunded = breakdown.bySocialArea.filter((r) => r.key && cents(r.committed.total) === 0 && cents(r.paid.total) === 0).map((r) => r.name!);
    const coverage = norm(await page.getByTestId('coverage').textContent());
    if (unfunded.length === 0) expect(coverage).toContain('wurde jeder Sozialraum gefördert');
    else {
      expect(coverage).toContain(`Ohne Förderung (${YEAR})`);
      for (const name of unfunded) expect(coverage).toContain(name);
      // marked in the table, too
      const marked = await page.getByTestId('chart-social-area-table').locator('tr.ff-row--unfunded th').allTextContents();
      expect(marked.map(norm)).toEqual(unfunded.map((n) => `${n} ohne Förderung`));
    }
    for (const funded of breakdown.bySocialArea.filter((r) => r.key && cents(r.committed.total) > 0)) expect(coverage).not.toContain(funded.name!);

    // Export what is shown (xlsx) and download it.
    await page.getByRole('button', { name: 'Exportieren' }).click();
    const status = page.getByTestId('export-status');
    await expect.poll(() => status.textContent(), { timeout: 45_000 }).toMatch(/ist fertig/);
    await shot(page, 'export-fertig');
    const [download] = await Promise.all([page.waitForEvent('download'), status.getByRole('button', { name: 'Herunterladen' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const file = path.join(ARTIFACTS, 'monitoring-sachbearbeitung', download.suggestedFilename());
    await download.saveAs(file);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const text: string[] = [];
    for (const sheet of workbook.worksheets) sheet.eachRow((r) => text.push((r.values as unknown[]).map((v) => String(v ?? '')).join(' ')));
    // every Sozialraum of the page is in the file
    const areaNames = breakdown.bySocialArea.filter((r) => r.key).map((r) => r.name!);
    for (const name of areaNames) expect(text.join('\n')).toContain(name);
    expect(problems).toEqual([]);
  });

  it('a range the API refuses (from after to) shows its German message, in the address and from the selects', async () => {
    const shot = screenshots('monitoring-ungueltig');
    const { page, problems } = await session(1366);
    await login(page, DEMO.staff);
    await page.goto(`/monitoring?from=${YEAR}&to=${YEAR - 2}`);
    await settled(page);
    const problem = page.getByTestId('filter-problem');
    await expect.poll(() => problem.isVisible()).toBe(true);
    // The API's German words, naming both years the user can change.
    const message = norm(await problem.textContent());
    expect(message).toContain('Diese Filter können nicht angezeigt werden');
    expect(message).toMatch(new RegExp(`„von“ \\(${YEAR}\\).*„bis“ \\(${YEAR - 2}\\)`));
    expect(message).not.toMatch(/must|should|Bad Request|from|to\b/);
    expect(await page.getByLabel('von (Jahr)').inputValue()).toBe(String(YEAR));
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'von-nach-bis');

    // Back to a valid range by the selects: the message goes, the figures come.
    await page.getByLabel('von (Jahr)').selectOption(String(YEAR - 2));
    await expect.poll(() => problem.count()).toBe(0);
    await expect.poll(() => page.getByTestId('kpi-committed').count()).toBe(1);
    // and into the refusal again by the selects
    await page.getByLabel('von (Jahr)').selectOption(String(YEAR));
    await expect.poll(() => page.getByTestId('filter-problem').isVisible()).toBe(true);
    expect(problems).toEqual([]);
  });

  it('a Träger sees „Ihre Projekte“ with its own figures only', { timeout: 120_000 }, async () => {
    const { year, breakdown } = await demoYear();
    const token = await apiLogin(DEMO.provider);
    const me = await apiCall<{ organisationId: string }>(token, 'GET', '/auth/me');
    const own = breakdown.byProvider.find((r) => r.key === me.organisationId)!;
    expect(own, 'the demo Träger has money bound in 2026').toBeDefined();
    // the demo has other Träger, so the Kreis's figure is larger than the Träger's own
    expect(cents(own.committed.total)).toBeLessThan(cents(year.balances.committed.total));

    const shot = screenshots('monitoring-traeger');
    const { page, problems } = await session(1366);
    await login(page, DEMO.provider);
    await navigate(page, 'Monitoring');
    await page.waitForURL('**/monitoring');
    await settled(page);
    expect(norm(await page.locator('.ff-page-title').textContent())).toContain('Ihrer Projekte');
    await page.goto(`/monitoring?from=${YEAR}&to=${YEAR}`);
    await checkPage(page, '/monitoring (Träger)', shot, 'ueberblick');
    await expect.poll(() => page.getByTestId('monitoring-range').textContent()).toContain('Ihre Projekte');
    await expect.poll(() => kpi(page, 'committed')).toBe(money(own.committed.total));
    await expect.poll(() => kpi(page, 'paid')).toBe(money(own.paid.total));
    // No Soll of the Kreis next to a Träger's own Ist.
    expect(await page.getByRole('columnheader', { name: 'Soll' }).count()).toBe(0);

    await page.getByRole('navigation', { name: 'Monitoring' }).getByRole('link', { name: 'Sozialräume' }).click();
    await page.waitForURL(/\/monitoring\/sozialraeume/);
    await checkPage(page, '/monitoring/sozialraeume (Träger)', shot, 'sozialraeume');
    expect(norm(await page.getByTestId('coverage').textContent())).toMatch(/Ihre Projekte|Ohne Ihre Projekte/);
    // The Sozialräume table adds up to the Träger's own money, not the Kreis's.
    const total = norm(await page.getByTestId('chart-social-area-table').locator('tfoot td').first().textContent());
    expect(total).toBe(money(own.committed.total));
    expect(problems).toEqual([]);
  });

  for (const [email, who] of [
    [DEMO.staff, 'sachbearbeitung'],
    [DEMO.provider, 'traeger'],
  ] as const) {
    it(`390 px (${who}): the three pages reflow (tables scroll in their box, charts shrink), keyboard, axe clean`, { timeout: 150_000 }, async () => {
      const shot = screenshots(`monitoring-390-${who}`);
      const { page, problems } = await session(390);
      await login(page, email);
      await navigate(page, 'Monitoring');
      await page.waitForURL('**/monitoring');
      await checkPage(page, `/monitoring ${who} 390`, shot, 'ueberblick');
      for (const [p, step] of [
        ['/monitoring/handlungsfelder', 'handlungsfelder'],
        ['/monitoring/sozialraeume', 'sozialraeume'],
      ] as const) {
        await page.goto(`${p}?from=${YEAR - 2}&to=${YEAR}`);
        await checkPage(page, `${p} ${who} 390`, shot, step);
      }
      // Keyboard: from the year filter, Tab reaches the next filter (nothing traps or skips it).
      await page.getByLabel('von (Jahr)').focus();
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe(await page.getByLabel('bis (Jahr)').getAttribute('id'));
      expect(problems).toEqual([]);
    });
  }
});
