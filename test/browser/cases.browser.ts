/**
 * Zuständigkeit, Wiedervorlage and Verlauf (issue 16 items 7 and 8): the Sachbearbeiterin takes a
 * submitted Antrag herself with the Zeichnungsbefugnis as her stand-in, sets a Wiedervorlage for
 * today, finds the Antrag under "Meine Fälle" and "Fällige Wiedervorlagen" in her worklist, opens it
 * from there and reads its history; the stand-in finds it too; on a phone nothing scrolls sideways.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, apiLogin, DEMO, expectNoSidewaysScroll, launch, login, navigate, newSession, screenshots, seriousViolations, settled } from './support';

const STAFF_NAME = 'Sabine Kretzschmar (Sachbearbeitung, Demo)';
const APPROVER_NAME = 'Dr. Thomas Reinhardt (Zeichnungsbefugnis, Demo)';

let browser: Browser;
/** A submitted demo Antrag nobody works on yet. */
let antrag: { id: string; reference: string; title: string };

beforeAll(async () => {
  browser = await launch();
  const staff = await apiLogin(DEMO.staff);
  const page = await apiCall<{ items: { id: string; reference: string; title: string }[] }>(staff, 'GET', '/applications?status=SUBMITTED&limit=50');
  antrag = page.items[0]!;
});
afterAll(async () => {
  await browser?.close();
});

describe('Zuständigkeit, Wiedervorlage und Verlauf', () => {
  it('staff take an Antrag with a stand-in, set a Wiedervorlage for today, find it in the worklist and read its history', async () => {
    const shot = screenshots('zustaendigkeit-wiedervorlage');
    const { page, context, problems } = await newSession(browser, { width: 1366, height: 900 });
    await login(page, DEMO.staff);
    await page.goto(`/antraege/${antrag.id}/pruefung`);
    await settled(page);
    const panel = page.getByTestId('case-panel');
    await expect.poll(() => panel.textContent()).toContain('Zuständigniemand');

    await panel.getByLabel('Zuständig', { exact: true }).selectOption({ label: STAFF_NAME });
    await panel.getByLabel(/^Vertretung/).selectOption({ label: APPROVER_NAME });
    await panel.getByRole('button', { name: 'Zuständigkeit speichern' }).click();
    await expect.poll(() => page.getByText('Zuständigkeit gespeichert').isVisible()).toBe(true);
    await expect.poll(() => panel.textContent()).toContain(`Zuständig${STAFF_NAME}`);
    await expect.poll(() => panel.textContent()).toContain(`Vertretung${APPROVER_NAME}`);

    // A date in the past is refused in German next to the field.
    await panel.getByLabel('Wiedervorlage am').fill('2020-01-02');
    await panel.getByLabel(/^Notiz/).fill('Unterlagen zum Mietvertrag nachgefordert');
    await panel.getByRole('button', { name: 'Wiedervorlage anlegen' }).click();
    await expect.poll(() => panel.getByTestId('field-error').first().textContent()).toMatch(/darf nicht in der Vergangenheit liegen \(frühestens heute, \d{2}\.\d{2}\.\d{4}\)/);
    await shot(page, 'wiedervorlage-abgelehnt');
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
    await panel.getByLabel('Wiedervorlage am').fill(today);
    await panel.getByRole('button', { name: 'Wiedervorlage anlegen' }).click();
    const followUps = panel.getByTestId('follow-ups');
    await expect.poll(() => followUps.textContent()).toContain('Unterlagen zum Mietvertrag nachgefordert');
    await expect.poll(() => followUps.textContent()).toContain('heute fällig');
    await shot(page, 'zustaendig-und-wiedervorlage');
    expect(await seriousViolations(page)).toEqual([]);

    // The worklist: under "Meine Fälle" and "Fällige Wiedervorlagen", with Aktenzeichen, Träger and date.
    await navigate(page, 'Arbeitsliste');
    await page.waitForURL('**/arbeitsliste');
    const mine = page.getByTestId('worklist-MY_CASES').getByRole('row').filter({ hasText: antrag.reference });
    await expect.poll(() => mine.count()).toBe(1);
    await expect.poll(() => mine.textContent()).toContain('Wiedervorlage');
    const due = page.getByTestId('worklist-FOLLOW_UPS').getByRole('row').filter({ hasText: antrag.reference });
    await expect.poll(() => due.count()).toBe(1);
    await expect.poll(() => due.textContent()).toContain('Wiedervorlage: Unterlagen zum Mietvertrag nachgefordert');
    await expect.poll(() => due.textContent()).toContain('mein Fall');
    await expect.poll(() => page.getByRole('link', { name: /^Meine Fälle \(\d+\)$/ }).isVisible()).toBe(true);
    await shot(page, 'arbeitsliste');
    expect(await seriousViolations(page)).toEqual([]);

    // Opened from the due Wiedervorlage: the Antrag's history with who, what and the changes.
    await due.getByRole('link', { name: new RegExp(antrag.reference) }).click();
    await page.waitForURL(`**/antraege/${antrag.id}/pruefung`);
    await settled(page);
    const history = page.getByTestId('record-history');
    await history.getByText('Verlauf', { exact: true }).click();
    const entries = history.getByTestId('history-entry');
    await expect.poll(() => entries.count()).toBeGreaterThan(3);
    await expect.poll(() => entries.nth(0).textContent()).toContain('Wiedervorlage angelegt');
    await expect.poll(() => entries.nth(0).textContent()).toContain(STAFF_NAME);
    await expect.poll(() => entries.nth(1).textContent()).toContain(`Zuständig: – → ${STAFF_NAME}`);
    await expect.poll(() => entries.nth(1).textContent()).toContain(`Vertretung: – → ${APPROVER_NAME}`);
    await expect.poll(() => history.textContent()).toContain('Status: Entwurf → eingereicht');
    await expect.poll(() => history.textContent()).toContain('Antrag angelegt');
    await history.scrollIntoViewIfNeeded();
    await shot(page, 'verlauf');
    expect(await seriousViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('the stand-in finds the Antrag among "Meine Fälle"; on a phone worklist, panel and history fit the screen', async () => {
    const shot = screenshots('zustaendigkeit-390');
    const { page, context, problems } = await newSession(browser, { width: 390, height: 844 });
    await login(page, DEMO.approver);
    await navigate(page, 'Arbeitsliste');
    await page.waitForURL('**/arbeitsliste');
    const mine = page.getByTestId('worklist-MY_CASES').getByRole('row').filter({ hasText: antrag.reference });
    await expect.poll(() => mine.count()).toBe(1);
    await expect.poll(() => mine.textContent()).toContain('Sie vertreten');
    await expect.poll(() => mine.textContent()).toContain(STAFF_NAME);
    await settled(page);
    await expectNoSidewaysScroll(page, 'Arbeitsliste (390 px)');
    await shot(page, 'arbeitsliste');

    await mine.getByRole('link', { name: new RegExp(antrag.reference) }).click();
    await page.waitForURL(`**/antraege/${antrag.id}/pruefung`);
    await settled(page);
    await expect.poll(() => page.getByTestId('case-panel').textContent()).toContain(`Vertretung${APPROVER_NAME}`);
    const history = page.getByTestId('record-history');
    await history.getByText('Verlauf', { exact: true }).click();
    await expect.poll(() => history.getByTestId('history-entry').count()).toBeGreaterThan(3);
    await expectNoSidewaysScroll(page, 'Antrag mit Zuständigkeit und Verlauf (390 px)');
    await shot(page, 'antrag-mit-verlauf');
    expect(problems).toEqual([]);
    await context.close();
  });
});
