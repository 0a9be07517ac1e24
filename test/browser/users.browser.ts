/**
 * Benutzerverwaltung (ADMIN): the roles of a demo account changed by clicking and set back, the
 * API's German refusal of an invalid combination read in the dialog, and the second factor of an
 * account that lost its phone reset. Once at 1366 px, once on a phone (390 px) without sideways
 * scrolling of the page.
 *
 * The Prüfung account ends with the roles it started with; the factor belongs to an account this
 * file creates, so the demo users stay password-only for the other journeys.
 */
import { randomBytes } from 'node:crypto';
import { generateSync } from 'otplib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, apiLogin, baseUrl, DEMO, expectNoSidewaysScroll, launch, login, navigate, newSession, screenshotOnFailure, screenshots, seriousViolations, settled, type Session } from './support';

const PASSWORD = 'Faktor-verloren-2026!';
/** Role changes and resets hash nothing, but the two-core machine is busy: give the answers time. */
const WAIT = { timeout: 10_000 };

interface UserRow {
  id: string;
  email: string;
  displayName: string;
  roles: string[];
}

let browser: Browser;
let admin: string;
let auditor: UserRow;
const sessions: Session[] = [];

async function users(): Promise<UserRow[]> {
  return (await apiCall<{ items: UserRow[] }>(admin, 'GET', '/users?limit=200')).items;
}

/** Whether the password alone signs in (no factor) or a code is asked for. */
async function loginAnswer(email: string): Promise<{ accessToken?: string; mfaRequired?: boolean }> {
  const res = await fetch(`${baseUrl()}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }) });
  expect(res.status).toBe(200);
  return (await res.json()) as { accessToken?: string; mfaRequired?: boolean };
}

/** A staff account with TOTP set up through the API, as its owner would on the "Zweiter Faktor" page. */
async function staffWithFactor(): Promise<string> {
  const email = `telefon-weg-${randomBytes(4).toString('hex')}@altenburgerland.de`;
  await apiCall(admin, 'POST', '/users', { email, displayName: 'Tilo Telefonweg', password: PASSWORD, roles: ['STAFF'] });
  const own = await apiLogin(email, PASSWORD);
  const { secret } = await apiCall<{ secret: string }>(own, 'POST', '/auth/mfa/enrolment');
  await apiCall(own, 'POST', '/auth/mfa/enrolment/confirm', { code: generateSync({ secret }) });
  expect(await loginAnswer(email)).toMatchObject({ mfaRequired: true });
  return email;
}

async function openUsers(page: Page): Promise<void> {
  await login(page, DEMO.admin);
  await navigate(page, 'Benutzer');
  await page.waitForURL('**/verwaltung/benutzer');
  await settled(page);
  await expect.poll(() => page.getByTestId('users').getByRole('row').filter({ hasText: DEMO.auditor }).count(), WAIT).toBe(1);
}

const row = (page: Page, email: string) => page.getByTestId('users').getByRole('row').filter({ hasText: email });

beforeAll(async () => {
  browser = await launch();
  admin = await apiLogin(DEMO.admin);
  auditor = (await users()).find((u) => u.email === DEMO.auditor)!;
  expect(auditor.roles).toEqual(['AUDITOR']);
});
afterEach(async (ctx) => {
  await screenshotOnFailure(ctx.task, sessions);
  sessions.length = 0;
});
afterAll(async () => {
  // Should a step have failed half-way, the Prüfung account still gets its role back for the others.
  if (admin && auditor) {
    const now = (await users()).find((u) => u.id === auditor.id)!;
    if (now.roles.join() !== 'AUDITOR') await apiCall(admin, 'PUT', `/users/${auditor.id}/roles`, { roles: ['AUDITOR'] });
  }
  await browser?.close();
});

describe('Benutzerverwaltung', () => {
  it('ADMIN changes the Prüfung account to Sachbearbeitung and back, reads the refusal of a mixed role, resets a lost second factor (1366 px)', async () => {
    const shot = screenshots('benutzer-rollen', { fullPage: false });
    const email = await staffWithFactor();
    const session = await newSession(browser, { width: 1366, height: 900 });
    sessions.push(session);
    const { page, context, problems } = session;
    await openUsers(page);

    // One's own row: neither roles nor factor (the API refuses one's own roles).
    expect(await row(page, DEMO.admin).getByRole('button', { name: /^Rollen ändern/ }).count()).toBe(0);
    expect(await row(page, DEMO.admin).getByRole('button', { name: /^Zweiten Faktor zurücksetzen/ }).count()).toBe(0);

    // Prüfung + Sachbearbeitung: the API says why not, next to the roles.
    await row(page, DEMO.auditor).getByRole('button', { name: /^Rollen ändern/ }).click();
    let dialog = page.getByRole('dialog', { name: `Rollen von ${auditor.displayName} ändern` });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await dialog.getByLabel('Prüfung (nur lesen)', { exact: true }).isChecked()).toBe(true);
    await dialog.getByLabel('Sachbearbeitung', { exact: true }).check();
    await dialog.getByRole('button', { name: 'Rollen speichern' }).click();
    await expect.poll(() => dialog.getByTestId('field-error').textContent(), WAIT).toBe('Die Rolle AUDITOR (Prüfung, nur lesend) kann nicht mit anderen Rollen kombiniert werden.');
    await shot(page, 'ablehnung');

    // Sachbearbeitung alone is fine; the list shows it.
    await dialog.getByLabel('Prüfung (nur lesen)', { exact: true }).uncheck();
    await dialog.getByRole('button', { name: 'Rollen speichern' }).click();
    await expect.poll(() => dialog.isVisible(), WAIT).toBe(false);
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Rollen geändert' }).textContent()).toContain(`${auditor.displayName} hat jetzt: Sachbearbeitung`);
    await expect.poll(() => row(page, DEMO.auditor).getByRole('cell').nth(2).textContent(), WAIT).toBe('Sachbearbeitung');
    expect((await users()).find((u) => u.id === auditor.id)!.roles).toEqual(['STAFF']);
    await shot(page, 'sachbearbeitung');

    // ... and back, as the other journeys expect it.
    await row(page, DEMO.auditor).getByRole('button', { name: /^Rollen ändern/ }).click();
    dialog = page.getByRole('dialog', { name: `Rollen von ${auditor.displayName} ändern` });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await dialog.getByLabel('Sachbearbeitung', { exact: true }).uncheck();
    await dialog.getByLabel('Prüfung (nur lesen)', { exact: true }).check();
    await dialog.getByRole('button', { name: 'Rollen speichern' }).click();
    await expect.poll(() => dialog.isVisible(), WAIT).toBe(false);
    await expect.poll(() => row(page, DEMO.auditor).getByRole('cell').nth(2).textContent(), WAIT).toBe('Prüfung (nur lesen)');
    expect((await users()).find((u) => u.id === auditor.id)!.roles).toEqual(['AUDITOR']);

    // The lost phone: confirm, the factor is gone, the password alone signs in again.
    await row(page, email).getByRole('button', { name: /^Zweiten Faktor zurücksetzen/ }).click();
    const reset = page.getByRole('dialog', { name: 'Zweiten Faktor zurücksetzen?' });
    await expect.poll(() => reset.isVisible()).toBe(true);
    expect(await reset.textContent()).toContain('muss Tilo Telefonweg ihn bei der nächsten Anmeldung neu einrichten');
    await shot(page, 'faktor-bestaetigen');
    expect(await seriousViolations(page)).toEqual([]);
    await reset.getByRole('button', { name: 'Ja, zurücksetzen' }).click();
    await expect.poll(() => reset.isVisible(), WAIT).toBe(false);
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Zweiter Faktor zurückgesetzt' }).textContent()).toContain('Der zweite Faktor von Tilo Telefonweg');
    expect(await loginAnswer(email)).toMatchObject({ accessToken: expect.any(String) });

    // Nothing left to reset: said about that account, in German.
    await row(page, email).getByRole('button', { name: /^Zweiten Faktor zurücksetzen/ }).click();
    await expect.poll(() => reset.isVisible()).toBe(true);
    await reset.getByRole('button', { name: 'Ja, zurücksetzen' }).click();
    await expect.poll(() => reset.getByTestId('form-problems').textContent(), WAIT).toContain('Für Tilo Telefonweg ist kein zweiter Faktor eingerichtet');
    await reset.getByRole('button', { name: 'Abbrechen' }).click();
    await expect.poll(() => reset.isVisible()).toBe(false);

    expect(problems).toEqual([]);
    await context.close();
  });

  it('at 390 px: the page does not scroll sideways, the roles dialog with its refusal fits the phone', async () => {
    const shot = screenshots('benutzer-390', { fullPage: false });
    const session = await newSession(browser, { width: 390, height: 844 });
    sessions.push(session);
    const { page, context, problems } = session;
    await openUsers(page);
    await expectNoSidewaysScroll(page, '/verwaltung/benutzer');

    await row(page, DEMO.auditor).getByRole('button', { name: /^Rollen ändern/ }).click();
    const dialog = page.getByRole('dialog', { name: `Rollen von ${auditor.displayName} ändern` });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await dialog.getByLabel('Träger', { exact: true }).check();
    await dialog.getByRole('button', { name: 'Rollen speichern' }).click();
    await expect.poll(() => dialog.getByTestId('field-error').textContent(), WAIT).toContain('kann nicht mit anderen Rollen kombiniert werden');
    await expectNoSidewaysScroll(page, 'Rollen ändern, abgelehnt');
    await shot(page, 'rollen-dialog');
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Abbrechen' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    expect((await users()).find((u) => u.id === auditor.id)!.roles).toEqual(['AUDITOR']);

    await row(page, DEMO.staff).getByRole('button', { name: /^Zweiten Faktor zurücksetzen/ }).click();
    const reset = page.getByRole('dialog', { name: 'Zweiten Faktor zurücksetzen?' });
    await expect.poll(() => reset.isVisible()).toBe(true);
    await expectNoSidewaysScroll(page, 'Zweiten Faktor zurücksetzen');
    await shot(page, 'faktor-dialog');
    await reset.getByRole('button', { name: 'Abbrechen' }).click();

    expect(problems).toEqual([]);
    await context.close();
  });
});
