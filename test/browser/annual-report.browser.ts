/**
 * The Kreistag's Jahresbericht on the Exporte page (issue 19 item 4): Sachbearbeitung picks
 * „Jahresbericht für den Kreistag“, the year and PDF, follows the worker and downloads a PDF whose
 * text is the report; the page passes axe, and on a phone (390 px) nothing scrolls sideways. A
 * Träger is not offered the report.
 */
import path from 'node:path';
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS } from './env';
import { DEMO, expectNoSidewaysScroll, launch, login, navigate, newSession, screenshotOnFailure, screenshots, seriousViolations, settled, type Session } from './support';

let browser: Browser;
const sessions: Session[] = [];

describe('Jahresbericht für den Kreistag on the Exporte page', () => {
  beforeAll(async () => {
    browser = await launch();
  });
  afterEach(async (ctx) => screenshotOnFailure(ctx.task, sessions));
  afterAll(async () => browser?.close());

  it.each([
    ['desktop', { width: 1366, height: 900 }],
    ['phone', { width: 390, height: 844 }],
  ] as const)('Sachbearbeitung requests the PDF for 2026 and downloads it (%s)', async (name, viewport) => {
    const shot = screenshots(`jahresbericht-${name}`);
    const s = await newSession(browser, viewport);
    sessions.push(s);
    const { page, problems } = s;
    await login(page, DEMO.staff);
    await navigate(page, 'Exporte');
    await page.waitForURL('**/exporte');
    await settled(page);
    await page.getByLabel('Art des Exports').selectOption('ANNUAL_REPORT');
    await page.getByLabel('Haushaltsjahr (Pflicht)').selectOption('2026');
    await page.getByLabel('PDF').check();
    // CSV is not offered for the report.
    expect(await page.getByLabel('CSV (Semikolon, UTF-8)').count()).toBe(0);
    await shot(page, 'auswahl');
    expect(await seriousViolations(page)).toEqual([]);
    await expectNoSidewaysScroll(page, `Exporte ${name}`);
    await page.getByRole('button', { name: 'Export erstellen' }).click();
    const status = page.getByTestId('export-status');
    await expect.poll(() => status.textContent(), { timeout: 60_000 }).toContain('Jahresbericht für den Kreistag ist fertig');
    await shot(page, 'fertig');
    const [download] = await Promise.all([page.waitForEvent('download'), status.getByRole('button', { name: 'Herunterladen' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^Jahresbericht_2026_\d{4}-\d{2}-\d{2}\.pdf$/);
    const file = path.join(ARTIFACTS, `jahresbericht-${name}`, download.suggestedFilename());
    await download.saveAs(file);
    // What the PDF says is read in test/annual-report.e2e-spec.ts (the PDF text reader lives in
    // libs/, which browser specs do not import); here: the person got a real PDF document.
    const bytes = readFileSync(file);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.length).toBeGreaterThan(10_000);
    expect(problems).toEqual([]);
  });

  it('a Träger is not offered the report', async () => {
    const s = await newSession(browser);
    sessions.push(s);
    await login(s.page, DEMO.provider);
    await navigate(s.page, 'Exporte');
    await settled(s.page);
    const options = await s.page.getByLabel('Art des Exports').locator('option').allTextContents();
    expect(options).toContain('Bewilligungsliste');
    expect(options).not.toContain('Jahresbericht für den Kreistag');
  });
});
