/**
 * „Betrieb“ (issue 17 item 6): the browser stack runs without SMTP_HOST, as a demo does, so the
 * worker delivers the demo's mails into the local Demo-Postfach. ADMIN opens Betrieb from the
 * navigation, sees the queues and the schedules, finds a caught mail and reads it; on a phone too,
 * without sideways scrolling of the page; axe finds nothing serious.
 */
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, apiLogin, DEMO, expectNoSidewaysScroll, launch, login, navigate, newSession, screenshotOnFailure, screenshots, seriousViolations, settled, type Session } from './support';

interface CaughtPage {
  active: boolean;
  items: { id: string; subject: string; recipient: string; recipientName: string | null }[];
}

let browser: Browser;
let subject: string;
beforeAll(async () => {
  browser = await launch();
  const admin = await apiLogin(DEMO.admin);
  // mail.drain hands the demo's waiting mails to the sender at once instead of at the next minute;
  // once none is waiting, the Demo-Postfach holds them all and its newest mail stays the newest.
  await apiCall(admin, 'POST', '/admin/schedules/mail.drain/run');
  for (let waited = 0; ; waited += 500) {
    const waiting = await apiCall<{ items: unknown[] }>(admin, 'GET', '/admin/mail-outbox?status=PENDING&limit=1');
    const sending = await apiCall<{ items: unknown[] }>(admin, 'GET', '/admin/mail-outbox?status=SENDING&limit=1');
    const page = await apiCall<CaughtPage>(admin, 'GET', '/admin/mail-catchall?limit=1');
    if (waiting.items.length === 0 && sending.items.length === 0 && page.items.length > 0) {
      expect(page.active).toBe(true);
      expect(page.items[0]!.recipientName).toEqual(expect.any(String));
      subject = page.items[0]!.subject;
      break;
    }
    if (waited > 30_000) throw new Error('the demo mails did not reach the Demo-Postfach within 30 s');
    await new Promise((r) => setTimeout(r, 500));
  }
});
const sessions: Session[] = [];
afterEach(async (ctx) => {
  await screenshotOnFailure(ctx.task, sessions);
  sessions.length = 0;
});
afterAll(async () => {
  await browser?.close();
});

describe('Betrieb', () => {
  it('ADMIN: queues, schedules and jobs in German, a caught mail opened from the Demo-Postfach', async () => {
    const shot = screenshots('betrieb', { fullPage: false });
    const session = await newSession(browser);
    sessions.push(session);
    const { page, context, problems } = session;
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
    await page.getByLabel('Zustand', { exact: true }).selectOption({ label: 'abgeschlossen' });
    await expect.poll(() => page.getByTestId('jobs').getByRole('rowheader').allTextContents()).toContain('Wartende E-Mails einreihen');
    await page.getByLabel('Zustand', { exact: true }).selectOption({ label: 'fehlgeschlagen' });
    await settled(page);

    // A schedule run now, with the result said in German.
    await schedules.getByRole('row').filter({ hasText: 'Wartende E-Mails einreihen' }).getByRole('button', { name: /^Jetzt ausführen/ }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: '„Wartende E-Mails einreihen“ wurde eingereiht' }).count()).toBe(1);

    // The Postausgang names the addressee; the caught mails count as sent.
    const outbox = page.getByTestId('mail-outbox');
    await page.getByLabel('Status', { exact: true }).selectOption({ label: 'versandt' });
    await expect.poll(() => outbox.getByRole('row').nth(1).textContent()).toMatch(/\(Träger, Demo\)|Demo.*@demo\.foerderfluss\.de/);
    expect(await outbox.getByRole('row').nth(1).textContent()).toContain('versandt');
    await page.getByRole('heading', { name: 'Warteschlangen' }).scrollIntoViewIfNeeded();
    await shot(page, 'warteschlangen');
    await page.getByRole('heading', { name: 'Aufträge', exact: true }).scrollIntoViewIfNeeded();
    await shot(page, 'auftraege');
    await outbox.scrollIntoViewIfNeeded();
    await shot(page, 'postausgang');
    expect(await seriousViolations(page)).toEqual([]);

    // Demo-Postfach: the banner, the list and one mail opened.
    await page.getByRole('link', { name: 'Demo-Postfach' }).click();
    // the link of the page's section list brings the Demo-Postfach into view (scrolling settled)
    await page.waitForFunction(() => {
      const h = [...document.querySelectorAll('h2')].find((e) => e.textContent === 'Demo-Postfach');
      const top = h?.getBoundingClientRect().top ?? -1;
      const w = window as unknown as { lastTop?: number };
      const still = w.lastTop === top;
      w.lastTop = top;
      return still && top >= 0 && top < window.innerHeight / 2;
    }, undefined, { polling: 100 });
    await expect.poll(() => page.getByText('E-Mails werden nicht wirklich versandt').isVisible()).toBe(true);
    await shot(page, 'demo-postfach');
    const caught = page.getByTestId('mail-catchall');
    await caught.getByRole('row').filter({ hasText: subject }).first().getByRole('button', { name: /^Öffnen/ }).click();
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
    const shot = screenshots('betrieb-390', { fullPage: false });
    const session = await newSession(browser, { width: 390, height: 844 });
    sessions.push(session);
    const { page, context, problems } = session;
    await login(page, DEMO.admin);
    await navigate(page, 'Betrieb');
    await page.waitForURL('**/verwaltung/betrieb');
    await settled(page);
    await expect.poll(() => page.getByTestId('mail-catchall').isVisible()).toBe(true);
    await expectNoSidewaysScroll(page, '/verwaltung/betrieb');
    await shot(page, 'oben');
    await page.getByTestId('queues').scrollIntoViewIfNeeded();
    await shot(page, 'warteschlangen');
    await page.getByRole('heading', { name: 'Demo-Postfach' }).scrollIntoViewIfNeeded();
    await shot(page, 'demo-postfach');
    await page.getByTestId('mail-catchall').getByRole('row').filter({ hasText: subject }).first().getByRole('button', { name: /^Öffnen/ }).click();
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
