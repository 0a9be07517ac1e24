/**
 * The second factor (issue 18 item 9) as a member of staff meets it: set up TOTP on the
 * "Zweiter Faktor" page (QR code and key, first code, recovery codes shown once), sign out, sign in
 * again with password and code. The codes are computed here with otplib from the key the page
 * shows, as an authenticator app would. Once on a desktop (1366 px), once on a phone (390 px).
 *
 * Each run uses a staff account of its own: the demo users stay password-only for the other journeys.
 */
import { randomBytes } from 'node:crypto';
import { generateSync } from 'otplib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, apiLogin, DEMO, expectNoSidewaysScroll, launch, logout, newSession, openMenu, screenshots, seriousViolations, settled } from './support';

const PASSWORD = 'Zweiter-Faktor-2026!';
const PERIOD = 30;
/** Answers that hash or verify with argon2id can take over a second on a busy two-core machine. */
const WAIT = { timeout: 10_000 };

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** A code per time step, each newer than the last (the server accepts a code once). */
function authenticator(secret: string): () => string {
  let last = 0;
  return () => {
    last = Math.max(last + 1, Math.floor(Date.now() / 1000 / PERIOD));
    return generateSync({ secret, epoch: last * PERIOD });
  };
}

async function newStaffUser(): Promise<string> {
  const email = `mfa-${randomBytes(4).toString('hex')}@altenburgerland.de`;
  const admin = await apiLogin(DEMO.admin);
  await apiCall(admin, 'POST', '/users', { email, displayName: 'Erika Faktor', password: PASSWORD, roles: ['STAFF'] });
  return email;
}

async function fillLogin(page: Page, email: string): Promise<void> {
  await page.goto('/anmelden');
  await page.getByLabel('E-Mail-Adresse').fill(email);
  await page.getByLabel('Passwort').fill(PASSWORD);
  await page.getByRole('button', { name: 'Anmelden' }).click();
}

describe('second factor', () => {
  for (const [label, viewport] of [
    ['desktop', { width: 1366, height: 900 }],
    ['phone', { width: 390, height: 844 }],
  ] as const) {
    it(`staff enrol TOTP, sign out and sign in with the code (${label}, ${viewport.width} px)`, async () => {
      const shot = screenshots(`zweiter-faktor-${label}`);
      const email = await newStaffUser();
      const { page, context, problems } = await newSession(browser, viewport);

      // without a factor the password alone signs in
      await fillLogin(page, email);
      await page.waitForURL((u) => !u.pathname.startsWith('/anmelden'));
      await settled(page);
      await openMenu(page);
      await page.getByRole('link', { name: 'Zweiter Faktor' }).click();
      await settled(page);
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), WAIT).toBe('Zweiter Faktor');

      await page.getByRole('button', { name: 'Einrichtung beginnen' }).click();
      const qr = page.getByRole('img', { name: 'QR-Code mit dem Schlüssel für die Authenticator-App' });
      await qr.waitFor();
      expect(await qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
      // typed by hand from the page, as someone whose phone cannot scan would
      const secret = (await page.getByTestId('mfa-secret').textContent())!.replace(/\s/g, '');
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);
      const next = authenticator(secret);
      await expectNoSidewaysScroll(page, `Einrichtung (${label})`);
      expect(await seriousViolations(page)).toEqual([]);
      await shot(page, 'einrichtung');

      // a wrong code is named next to the field
      await page.getByLabel('Code aus der App').fill('000000');
      await page.getByRole('button', { name: 'Bestätigen' }).click();
      await expect.poll(() => page.locator('.kern-form-input--error').textContent(), WAIT).toMatch(/Code stimmt nicht/);

      await page.getByLabel('Code aus der App').fill(next());
      await page.getByRole('button', { name: 'Bestätigen' }).click();
      const codes = page.getByTestId('recovery-codes').locator('li');
      // argon2id hashing of ten recovery codes takes a moment on a busy machine
      await page.getByTestId('recovery-codes').waitFor();
      await expect.poll(() => codes.count(), WAIT).toBe(10);
      expect(await codes.first().textContent()).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
      await expectNoSidewaysScroll(page, `Wiederherstellungscodes (${label})`);
      await shot(page, 'wiederherstellungscodes');
      await page.getByRole('button', { name: 'Codes gesichert' }).click();
      await page.getByText('Zweiter Faktor ist eingerichtet').waitFor();
      // the key is not shown again
      expect(await page.getByTestId('mfa-secret').count()).toBe(0);

      await logout(page);

      // password, then the code
      await fillLogin(page, email);
      const codeField = page.getByLabel('Code aus der Authenticator-App');
      await codeField.waitFor();
      await shot(page, 'anmeldung-code');
      await codeField.fill('000000');
      await page.getByRole('button', { name: 'Anmelden' }).click();
      await expect.poll(() => page.getByTestId('problem-detail').textContent(), WAIT).toBe('Der Code ist falsch oder abgelaufen.');
      await codeField.fill(next());
      await page.getByRole('button', { name: 'Anmelden' }).click();
      await page.waitForURL((u) => !u.pathname.startsWith('/anmelden'));
      await expect.poll(() => page.getByTestId('current-user').textContent(), WAIT).toContain('Erika Faktor');

      expect(problems).toEqual([]);
      await context.close();
    });
  }
});
