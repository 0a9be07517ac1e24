/**
 * Notifications for everyone: the reminder scan (run at once through the admin API instead of
 * waiting for 06:00) finds the demo's overdue Rückforderung and the Mittelabruf waiting for
 * approval; staff and approver see them with the unread count in the header, open the record from
 * the notification and mark it as read. The demo Träger finds what happened to its records (issue
 * 14): last year's read, this year's new.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, apiLogin, DEMO, launch, login, newSession, screenshots, seriousViolations, settled } from './support';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
  const admin = await apiLogin(DEMO.admin);
  await apiCall(admin, 'POST', '/admin/schedules/reminders.scan/run');
  // The worker runs the scan in the background: wait until the staff user has the overdue recovery.
  const staff = await apiLogin(DEMO.staff);
  for (let waited = 0; ; waited += 500) {
    const page = await apiCall<{ items: { kind: string }[] }>(staff, 'GET', '/notifications?limit=50');
    if (page.items.some((n) => n.kind === 'RECOVERY_OVERDUE')) break;
    if (waited > 30_000) throw new Error('reminders.scan produced no RECOVERY_OVERDUE notification within 30 s');
    await new Promise((r) => setTimeout(r, 500));
  }
});
afterAll(async () => {
  await browser?.close();
});

describe('notifications', () => {
  it('staff: the overdue Rückforderung with the unread count, a link to the record, marked as read', async () => {
    const shot = screenshots('benachrichtigungen');
    const { page, context, problems } = await newSession(browser);
    await login(page, DEMO.staff);
    const link = page.getByTestId('notifications-link');
    await expect.poll(() => link.textContent()).toMatch(/\(\d+ neu\)/);
    const before = Number(/\((\d+) neu\)/.exec((await link.textContent()) ?? '')![1]);
    await link.click();
    await page.waitForURL('**/benachrichtigungen');
    await settled(page);
    const item = page.getByTestId('notifications').getByRole('listitem').filter({ hasText: 'Überfällig: Rückforderung FF-2026-0007/R' });
    await expect.poll(() => item.count()).toBe(1);
    await expect.poll(() => item.textContent()).toContain('neu');
    await expect.poll(() => item.textContent()).toContain('fällig 06.11.2026');
    await shot(page, 'liste');
    expect(await seriousViolations(page)).toEqual([]);

    await item.getByRole('link', { name: 'Zum Vorgang FF-2026-0007/R' }).click();
    await page.waitForURL(/\/rueckforderungen\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.getByRole('heading', { name: 'Rückforderung FF-2026-0007/R', level: 1 }).isVisible()).toBe(true);
    await expect.poll(() => page.getByTestId('interest-table').isVisible()).toBe(true);
    await shot(page, 'rueckforderung-mit-zinstabelle');

    await page.goBack();
    await page.waitForURL('**/benachrichtigungen');
    await item.getByRole('button', { name: /^Als gelesen markieren/ }).click();
    await expect.poll(() => item.getByRole('button', { name: /^Als gelesen markieren/ }).count()).toBe(0);
    await expect.poll(async () => Number(/\((\d+) neu\)/.exec((await link.textContent()) ?? '')?.[1] ?? 0)).toBe(before - 1);
    await page.getByLabel('Anzeigen').selectOption('unread');
    await expect.poll(() => page.getByText('Überfällig: Rückforderung FF-2026-0007/R').count()).toBe(0);
    await shot(page, 'gelesen');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('approver: the Mittelabruf waiting for approval leads to the request', async () => {
    const { page, context, problems } = await newSession(browser);
    await login(page, DEMO.approver);
    await page.getByTestId('notifications-link').click();
    await settled(page);
    const item = page.getByTestId('notifications').getByRole('listitem').filter({ hasText: 'Freigabe erbeten: Mittelabruf FF-2026-0001/2' });
    await expect.poll(() => item.count()).toBe(1);
    await item.getByRole('link', { name: /^Zum Vorgang/ }).click();
    await page.waitForURL(/\/mittelabrufe\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.getByRole('heading', { name: 'Mittelabruf FF-2026-0001/2', level: 1 }).isVisible()).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('Träger: what happened to its records, last year\'s read and this year\'s new, each leading to the record', async () => {
    const { page, context, problems } = await newSession(browser);
    await login(page, DEMO.provider);
    await page.getByTestId('notifications-link').click();
    await page.waitForURL('**/benachrichtigungen');
    await settled(page);
    const list = page.getByTestId('notifications');
    // FF-2026-0001's payout and the two of FF-2026-0008 (newest first; a journey alongside may add one)
    const paid = list.getByRole('listitem').filter({ hasText: 'Auszahlung zum Mittelabruf' }).first();
    await expect.poll(() => list.getByRole('listitem').filter({ hasText: 'Auszahlung zum Mittelabruf' }).count()).toBeGreaterThanOrEqual(3);
    await expect.poll(() => paid.textContent()).toContain('Auszahlung ausgeführt');
    await expect.poll(() => paid.textContent()).toContain('neu');
    const received = list.getByRole('listitem').filter({ hasText: 'Eingangsbestätigung: Antrag' });
    await expect.poll(() => received.count()).toBeGreaterThanOrEqual(1);
    // Last year's are read (no button). Not simply the first: a journey running alongside may have
    // just submitted an Antrag, whose new Eingangsbestätigung comes first and is unread.
    await expect.poll(() => received.filter({ hasNot: page.getByRole('button', { name: /^Als gelesen markieren/ }) }).count()).toBeGreaterThanOrEqual(1);
    expect(await seriousViolations(page)).toEqual([]);
    await paid.getByRole('link', { name: /^Zum Vorgang/ }).click();
    await page.waitForURL(/\/mittelabrufe\/[0-9a-f-]{36}$/);
    expect(problems).toEqual([]);
    await context.close();
  });
});
