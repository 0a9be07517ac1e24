/**
 * „Betrieb“ (issue 17 item 6): the browser stack runs without SMTP_HOST, as a demo does, so the
 * worker delivers the demo's mails into the local Demo-Postfach. ADMIN opens Betrieb from the
 * navigation, sees the queues and the schedules, finds a caught mail and reads it; on a phone too,
 * without sideways scrolling of the page; axe finds nothing serious.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, apiLogin, DEMO, expectNoSidewaysScroll, launch, login, navigate, newSession, screenshots, seriousViolations, settled } from './support';

interface CaughtPage {
  active: boolean;
  items: { id: string; subject: string; recipient: string; recipientName: string | null }[];
}

let browser: Browser;
let subject: string;
beforeAll(async () => {
  browser = await launch();
  const admin = await apiLogin(DEMO.admin);
  // mail.drain hands the demo's waiting mails to the sender at once instead of at the next minute.
  await apiCall(admin, 'POST', '/admin/schedules/mail.drain/run');
  for (let waited = 0; ; waited += 500) {
    const page = await apiCall<CaughtPage>(admin, 'GET', '/admin/mail-catchall?limit=50');
    const named = page.items.find((m) => m.recipientName);
    if (named) {
      expect(page.active).toBe(true);
      subject = named.subject;
      break;
    }
    if (waited > 30_000) throw new Error('no mail reached the Demo-Postfach within 30 s');
    await new Promise((r) => setTimeout(r, 500));
  }
});
afterAll(async () => {
  await browser?.close();
});

describe('Betrieb', () => {
  it('ADMIN: queues, schedules and jobs in German, a caught mail opened from the Demo-Postfach', async () => {
    const shot = screenshots('betrieb');
    const { page, context, problems } = await newSession(browser);
    await login(page, DEMO.admin);
    await navigate(page, 'Betrieb');
    await page.waitForURL('**/verwaltung/betrieb');
    await settled(page);
    await expect.poll(() => page.getByRole('heading', { name: 'Betrieb', level: 1 }).isVisible()).toBe(true);

    const queues = page.getByTestId('queues');
    await expect.poll(() => queues.getByRole('rowheader').allTextContents()).toEqual(['Wartung', 'Importe', 'Exporte', 'Briefe', 'E-Mail und Erinnerungen']);
    expect(await queues.getByRole('columnheader').allTextContents()).toEqual(['Warteschlange', 'wartend', 'läuft', 'verzögert', 'fehlgeschlagen', 'abgeschlossen']);
    const schedules = page.getByTestId('schedules');
    await expect.poll(() => schedules.getByRole('rowheader').allTextContents()).toContain('Erinnerungen suchen');
    expect(await schedules.getByRole('rowheader').allTextContents()).toContain('Wartende E-Mails einreihen');

    // The drain of the set-up is among the completed jobs, with its German name.
    await page.getByLabel('Zustand').selectOption({ label: 'abgeschlossen' });
    await expect.poll(() => page.getByTestId('jobs').getByRole('rowheader').allTextContents()).toContain('Wartende E-Mails einreihen');
    await page.getByLabel('Zustand').selectOption({ label: 'fehlgeschlagen' });
    await settled(page);

    // A schedule run now, with the result said in German.
    await schedules.getByRole('button', { name: 'Jetzt ausführen: Wartende E-Mails einreihen' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: '„Wartende E-Mails einreihen“ wurde eingereiht' }).count()).toBe(1);

    // The Postausgang names the addressee and shows the caught mails as sent.
    const outbox = page.getByTestId('mail-outbox');
    await expect.poll(() => outbox.getByRole('row').filter({ hasText: subject }).first().textContent()).toContain('versandt');
    await shot(page, 'uebersicht');
    expect(await seriousViolations(page)).toEqual([]);

    // Demo-Postfach: the banner, the list and one mail opened.
    await page.getByRole('link', { name: 'Demo-Postfach' }).click();
    await expect.poll(() => page.getByText('E-Mails werden nicht wirklich versandt').isVisible()).toBe(true);
    const caught = page.getByTestId('mail-catchall');
    await caught.getByRole('button', { name: `Öffnen: ${subject}` }).first().click();
    const dialog = page.getByRole('dialog', { name: subject });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await expect.poll(() => dialog.getByTestId('caught-mail').textContent()).toContain('Mit freundlichen Grüßen');
    expect(await dialog.textContent()).toContain('Förderfluss');
    await shot(page, 'demo-postfach-mail');
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Schließen' }).last().click();
    await expect.poll(() => dialog.isVisible()).toBe(false);

    expect(problems).toEqual([]);
    await context.close();
  });

  it('at 390 px: the tables scroll in their own box, the page does not; a mail opens and reads', async () => {
    const shot = screenshots('betrieb-390');
    const { page, context, problems } = await newSession(browser, { width: 390, height: 844 });
    await login(page, DEMO.admin);
    await navigate(page, 'Betrieb');
    await page.waitForURL('**/verwaltung/betrieb');
    await settled(page);
    await expect.poll(() => page.getByTestId('mail-catchall').isVisible()).toBe(true);
    await expectNoSidewaysScroll(page, '/verwaltung/betrieb');
    await shot(page, 'uebersicht');
    await page.getByTestId('mail-catchall').getByRole('button', { name: `Öffnen: ${subject}` }).first().click();
    const dialog = page.getByRole('dialog', { name: subject });
    await expect.poll(() => dialog.getByTestId('caught-mail').textContent()).toContain('Mit freundlichen Grüßen');
    await expectNoSidewaysScroll(page, 'Demo-Postfach, E-Mail geöffnet');
    await shot(page, 'mail');
    expect(await seriousViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('STAFF has no Betrieb in the navigation and gets „Nicht gefunden“ at its address', async () => {
    const { page, context } = await newSession(browser);
    await login(page, DEMO.staff);
    expect(await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Betrieb', exact: true }).count()).toBe(0);
    await page.goto('/verwaltung/betrieb');
    await expect.poll(() => page.getByRole('heading', { name: 'Nicht gefunden', level: 1 }).isVisible()).toBe(true);
    expect(await page.getByTestId('queues').count()).toBe(0);
    await context.close();
  });
});
