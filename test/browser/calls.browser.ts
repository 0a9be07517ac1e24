/**
 * Issue 16 item 1: a Sachbearbeiter handles a Projektaufruf in the browser, at a desk (1366×768)
 * and on a phone (390×844): creates it, saves the draft, leaves, comes back through the list,
 * changes it, makes mistakes and reads the German message at the field (an empty title from the
 * form's own check, a past Ausschlussfrist from the API's problem+json), publishes after a
 * confirmation and extends the deadline with a reason. A Träger then reads the call (no buttons),
 * is told of the extension, and sees "Frist abgelaufen" on the demo's old call. No page scrolls
 * sideways. Screenshots: var/e2e-artifacts/calls-<width>/.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { berlinDate, DEMO, expectNoSidewaysScroll, launch, login, navigate, newSession, screenshotOnFailure, screenshots, settled, type Session } from './support';

const VIEWPORTS = [
  { name: 'desktop', width: 1366, height: 768 },
  { name: 'phone', width: 390, height: 844 },
] as const;

async function arrive(page: Page, where: string): Promise<void> {
  await settled(page);
  await expectNoSidewaysScroll(page, where);
}

/** "2027-01-15" → "15.01.2027", as the pages write dates. */
const german = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

for (const vp of VIEWPORTS) {
  describe.sequential(`Projektaufrufe (${vp.name}, ${vp.width}×${vp.height})`, () => {
    let browser: Browser;
    const sessions: Session[] = [];
    const session = async () => {
      const s = await newSession(browser, { width: vp.width, height: vp.height });
      sessions.push(s);
      return s;
    };
    const title = `Projektaufruf Stadtteilarbeit ${vp.name} ${Date.now()}`;
    const deadline = berlinDate(30);
    const extended = berlinDate(45);

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

    it('Sachbearbeitung: create, save the draft, leave, come back through the list, change, publish, extend', async () => {
      const shot = screenshots(`calls-${vp.width}/sachbearbeitung`);
      const { page } = await session();
      await login(page, DEMO.staff);
      await navigate(page, 'Projektaufrufe');
      await page.waitForURL('**/aufrufe');
      await arrive(page, 'Projektaufrufe');
      // The demo's 2026 call is published and long past its Ausschlussfrist: it never reads "veröffentlicht".
      const old = page.getByTestId('calls').getByRole('row', { name: /Projektaufruf 2026/ });
      await expect.poll(() => old.textContent()).toContain('Frist abgelaufen');
      await shot(page, 'liste');

      await page.getByRole('link', { name: 'Neuer Projektaufruf' }).click();
      await page.waitForURL('**/aufrufe/neu');
      await arrive(page, 'Neuer Projektaufruf');
      await shot(page, 'neu-leer');

      // Mistake 1, caught by the form: no title.
      await page.getByLabel('Text des Aufrufs').fill('Gefördert wird soziale Beratung anerkannter Geflüchteter in den Stadtteilen.');
      await page.getByLabel('Einreichung ab').fill(berlinDate(-5));
      await page.getByLabel('Ausschlussfrist').fill(berlinDate(-1));
      await page.getByLabel(/^Richtwert des Fördervolumens/).fill('250.000,00');
      await page.getByLabel('Arbeitsmarkt, Qualifizierung und wirtschaftliche Teilhabe').check();
      await page.getByLabel('Personalausgaben').check();
      await page.getByLabel('Sach- und Verwaltungsausgaben').check();
      await page.getByLabel('Altenburg', { exact: true }).check();
      await page.getByLabel('Satzung').check();
      await page.getByRole('button', { name: 'Entwurf speichern' }).click();
      await expect.poll(() => page.getByTestId('field-error').allTextContents()).toContain('Bitte einen Titel angeben.');
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('title');

      // Mistake 2, refused by the API: the Ausschlussfrist lies in the past (problem+json at the field).
      await page.getByLabel('Titel', { exact: true }).fill(title);
      await page.getByRole('button', { name: 'Entwurf speichern' }).click();
      await expect.poll(() => page.getByTestId('field-error').allTextContents()).toEqual(['Die Ausschlussfrist darf nicht in der Vergangenheit liegen.']);
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('deadline');
      await expectNoSidewaysScroll(page, 'Neuer Projektaufruf mit Fehler');
      await shot(page, 'neu-fehler-frist');

      await page.getByLabel('Ausschlussfrist').fill(deadline);
      await page.getByRole('button', { name: 'Entwurf speichern' }).click();
      await page.waitForURL(/\/aufrufe\/[0-9a-f-]{36}$/);
      await arrive(page, 'Entwurf angelegt');
      await expect.poll(() => page.getByRole('status').allTextContents()).toContainEqual(expect.stringContaining('Entwurf angelegt'));
      await expect.poll(() => page.getByTestId('call-status').textContent()).toContain('Entwurf');
      await shot(page, 'entwurf-angelegt');

      // Leave, and come back through the list.
      await navigate(page, 'Start');
      await settled(page);
      await navigate(page, 'Projektaufrufe');
      await arrive(page, 'Projektaufrufe');
      await page.getByLabel('Status').selectOption({ label: 'Entwurf' });
      await expect.poll(() => page.url()).toContain('status=DRAFT');
      await page.getByRole('link', { name: title, exact: true }).click();
      await arrive(page, 'Entwurf');
      await expect.poll(() => page.getByLabel('Titel', { exact: true }).inputValue()).toBe(title);
      await expect.poll(() => page.getByLabel(/^Richtwert des Fördervolumens/).inputValue()).toBe('250.000,00');
      await expect.poll(() => page.getByLabel('Satzung').isChecked()).toBe(true);

      // Change it and save again.
      await page.getByLabel(/^Richtwert des Fördervolumens/).fill('300000');
      await page.getByLabel('Honorare').check();
      await page.getByRole('button', { name: 'Entwurf speichern' }).click();
      await expect.poll(() => page.getByRole('status').allTextContents()).toContainEqual(expect.stringContaining('Entwurf gespeichert'));
      await page.reload();
      await arrive(page, 'Entwurf nach dem Speichern');
      await expect.poll(() => page.getByLabel(/^Richtwert des Fördervolumens/).inputValue()).toBe('300.000,00');
      await expect.poll(() => page.getByLabel('Honorare').isChecked()).toBe(true);
      await expect.poll(() => page.getByRole('button', { name: /^Frist verlängern/ }).count()).toBe(0);

      // Publish, after a confirmation.
      await page.getByRole('button', { name: /^Veröffentlichen/ }).click();
      const publish = page.getByRole('dialog', { name: 'Projektaufruf veröffentlichen?' });
      await expect.poll(() => publish.isVisible()).toBe(true);
      await expect.poll(() => publish.textContent()).toContain(`bis zum ${german(deadline)}`);
      await expectNoSidewaysScroll(page, 'Veröffentlichen bestätigen');
      await shot(page, 'veroeffentlichen-bestaetigen');
      await publish.getByRole('button', { name: 'Ja, veröffentlichen' }).click();
      await expect.poll(() => page.getByRole('status').allTextContents()).toContainEqual(expect.stringContaining('Projektaufruf veröffentlicht'));
      await expect.poll(() => page.getByTestId('call-status').textContent()).toContain('veröffentlicht');
      // Published: read only, no second publication; extend and close are offered.
      await expect.poll(() => page.getByLabel('Titel', { exact: true }).count()).toBe(0);
      await expect.poll(() => page.getByRole('button', { name: /^Veröffentlichen/ }).count()).toBe(0);
      await expect.poll(() => page.getByRole('button', { name: /^Aufruf schließen/ }).count()).toBe(1);
      await arrive(page, 'veröffentlicht');
      await shot(page, 'veroeffentlicht');

      // Extend: without a reason the form says so; an earlier date the API refuses at its field.
      await page.getByRole('button', { name: /^Frist verlängern/ }).click();
      const dialog = page.getByRole('dialog', { name: 'Ausschlussfrist verlängern' });
      await expect.poll(() => dialog.isVisible()).toBe(true);
      await dialog.getByRole('button', { name: 'Frist verlängern', exact: true }).click();
      await expect.poll(() => dialog.getByTestId('field-error').allTextContents()).toEqual(['Bitte die neue Ausschlussfrist angeben.', 'Bitte einen Grund angeben.']);
      await dialog.getByLabel('Neue Ausschlussfrist').fill(berlinDate(10));
      await dialog.getByLabel('Grund der Verlängerung').fill('Wegen der Feiertage erhalten alle Träger mehr Zeit.');
      await dialog.getByRole('button', { name: 'Frist verlängern', exact: true }).click();
      await expect.poll(() => dialog.getByTestId('field-error').allTextContents()).toEqual([`Die neue Ausschlussfrist muss nach der bisherigen (${german(deadline)}) liegen.`]);
      await expectNoSidewaysScroll(page, 'Frist verlängern');
      await shot(page, 'verlaengern-fehler');
      await dialog.getByLabel('Neue Ausschlussfrist').fill(extended);
      await dialog.getByRole('button', { name: 'Frist verlängern', exact: true }).click();
      await expect.poll(() => page.getByRole('status').allTextContents()).toContainEqual(expect.stringContaining('Frist verlängert'));
      await expect.poll(() => dialog.count()).toBe(0);
      await expect.poll(() => page.getByTestId('call-status').textContent()).toContain(`Ausschlussfrist ${german(extended)} (verlängert, ursprünglich ${german(deadline)})`);
      await expect.poll(() => page.getByText('Grund: Wegen der Feiertage erhalten alle Träger mehr Zeit.').isVisible()).toBe(true);
      await arrive(page, 'verlängert');
      await shot(page, 'verlaengert');
    });

    it('Träger: reads the published call without buttons, is told of the extension, sees "Frist abgelaufen" on the old call', async () => {
      const shot = screenshots(`calls-${vp.width}/traeger`);
      const { page } = await session();
      await login(page, DEMO.provider);
      await navigate(page, 'Projektaufrufe');
      await page.waitForURL('**/aufrufe');
      await arrive(page, 'Projektaufrufe (Träger)');
      await expect.poll(() => page.getByRole('link', { name: 'Neuer Projektaufruf' }).count()).toBe(0);
      await expect.poll(() => page.getByTestId('calls').getByRole('row', { name: /Projektaufruf 2026: .*Altenburger Land/ }).textContent()).toContain('Frist abgelaufen');
      await shot(page, 'liste');
      await page.getByRole('link', { name: title, exact: true }).click();
      await arrive(page, 'Projektaufruf (Träger)');
      await expect.poll(() => page.getByTestId('call-status').textContent()).toContain('veröffentlicht');
      await expect.poll(() => page.getByText('Richtwert des Fördervolumens').first().isVisible()).toBe(true);
      await expect.poll(() => page.getByText(/300\.000,00/).first().isVisible()).toBe(true);
      for (const name of [/^Veröffentlichen/, /^Frist verlängern/, /^Aufruf schließen/, 'Entwurf speichern']) await expect.poll(() => page.getByRole('button', { name }).count()).toBe(0);
      await expect.poll(() => page.getByRole('link', { name: 'Antrag zu diesem Aufruf stellen' }).isVisible()).toBe(true);
      await shot(page, 'aufruf');

      await page.goto('/benachrichtigungen');
      await arrive(page, 'Benachrichtigungen');
      const notice = page.getByText(`Frist verlängert: ${title} – Anträge bis ${german(extended)}`);
      await expect.poll(() => notice.first().isVisible()).toBe(true);
      await shot(page, 'benachrichtigung');
    });
  });
}
