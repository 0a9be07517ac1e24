/**
 * Access and session behaviour: another Träger's pages answer "nicht gefunden" when the URL is
 * edited by hand; an ended session sends the user politely back to the login; logout; keyboard-only
 * use; the password change with the API's field error next to the field.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, apiLogin, DEMO, launch, login, newSession, screenshots, settled } from './support';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('access and session', () => {
  it("a Träger cannot reach another Träger's pages by editing the URL", async () => {
    const shot = screenshots('zugriff-fremder-traeger');
    const other = await apiLogin(DEMO.provider);
    const apps = await apiCall<{ items: { id: string; providerId: string }[] }>(other, 'GET', '/applications?limit=10');
    const decisions = await apiCall<{ items: { id: string }[] }>(other, 'GET', '/decisions?limit=10');
    const payments = await apiCall<{ items: { id: string }[] }>(other, 'GET', '/payment-requests?limit=10');
    // Verwendungsnachweise, Festsetzungen and Rückforderungen of the demo belong to neither demo Träger
    // (other test files may add a Nachweis of the second Träger: it is left out).
    const staff = await apiLogin(DEMO.staff);
    // The demo's history years (2024, 2025) do have settled Nachweise of the second Träger: left out too.
    const provider2 = await apiLogin(DEMO.provider2);
    const own = await apiCall<{ items: { id: string }[] }>(provider2, 'GET', '/proofs-of-use?limit=100');
    const proofs = await apiCall<{ items: { id: string }[] }>(staff, 'GET', '/proofs-of-use?limit=100');
    const ownSettlements = await apiCall<{ id: string }[]>(provider2, 'GET', '/settlements');
    const settlements = (await apiCall<{ id: string }[]>(staff, 'GET', '/settlements')).filter((x) => !ownSettlements.some((o) => o.id === x.id));
    const ownRecoveries = (await apiCall<{ items: { id: string }[] }>(provider2, 'GET', '/recoveries')).items;
    const recoveries = (await apiCall<{ items: { id: string }[] }>(staff, 'GET', '/recoveries')).items.filter((x) => !ownRecoveries.some((o) => o.id === x.id));
    const paymentFiles = await apiCall<{ items: { id: string }[] }>(staff, 'GET', '/payment-files?limit=5');
    const foreignApp = apps.items[0]!;
    const foreignProof = proofs.items.find((x) => !own.items.some((o) => o.id === x.id))!;
    const { page, context, problems } = await newSession(browser);
    await login(page, DEMO.provider2);
    for (const url of [
      `/antraege/${foreignApp.id}`,
      `/antraege/${foreignApp.id}/pruefung`,
      `/bescheide/${decisions.items[0]!.id}`,
      `/mittelabrufe/${payments.items[0]!.id}`,
      `/nachweise/${foreignProof.id}`,
      `/nachweise/${foreignProof.id}/pruefung`,
      `/festsetzungen/${settlements[0]!.id}`,
      `/rueckforderungen/${recoveries[0]!.id}`,
      `/auszahlungen/dateien/${paymentFiles.items[0]!.id}`,
      `/traeger/${foreignApp.providerId}`,
      '/protokoll',
      '/gibt-es-nicht',
    ]) {
      await page.goto(url);
      await expect.poll(() => page.getByRole('heading', { name: 'Nicht gefunden', level: 1 }).isVisible(), { message: url }).toBe(true);
      expect(await page.locator('main').textContent()).toMatch(/nicht gefunden/i);
    }
    await page.goto(`/antraege/${foreignApp.id}`);
    await expect.poll(() => page.getByText('Der Antrag wurde nicht gefunden.', { exact: false }).isVisible()).toBe(true);
    await shot(page, 'fremder-antrag-nicht-gefunden');
    await page.goto(`/mittelabrufe/${payments.items[0]!.id}`);
    await expect.poll(() => page.getByText('Der Mittelabruf wurde nicht gefunden.', { exact: false }).isVisible()).toBe(true);
    await shot(page, 'fremder-mittelabruf-nicht-gefunden');
    await page.goto(`/nachweise/${foreignProof.id}`);
    await expect.poll(() => page.getByText('Der Verwendungsnachweis wurde nicht gefunden.', { exact: false }).isVisible()).toBe(true);
    await shot(page, 'fremder-verwendungsnachweis-nicht-gefunden');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('an ended session (token revoked) leads back to the login with a German message, then back to the page', async () => {
    const shot = screenshots('sitzung-abgelaufen');
    const { page, context } = await newSession(browser);
    await login(page, DEMO.provider);
    await settled(page); // the start page's own requests are done before the token is revoked
    const token = await page.evaluate(() => JSON.parse(sessionStorage.getItem('foerderfluss.session') ?? '{}').token as string);
    expect(token).toBeTruthy();
    await apiCall(token, 'POST', '/auth/logout');
    await page.getByRole('link', { name: 'Anträge' }).click();
    await page.waitForURL('**/anmelden');
    await expect.poll(() => page.getByText('Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.').isVisible()).toBe(true);
    await shot(page, 'anmeldung-mit-hinweis');
    await page.getByLabel('E-Mail-Adresse').fill(DEMO.provider);
    await page.getByLabel('Passwort').fill('Demo-Passwort-2026');
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.waitForURL('**/antraege');
    await context.close();
  });

  it('wrong credentials: the German detail of the API', async () => {
    const { page, context } = await newSession(browser);
    await page.goto('/anmelden');
    await page.getByLabel('E-Mail-Adresse').fill(DEMO.provider);
    await page.getByLabel('Passwort').fill('falsch');
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await expect.poll(() => page.getByTestId('problem-detail').textContent()).toBe('E-Mail-Adresse oder Passwort ist falsch.');
    await context.close();
  });

  it('keyboard only: log in, skip to the content, open a page from the navigation', async () => {
    const { page, context } = await newSession(browser);
    await page.goto('/anmelden');
    await page.getByLabel('E-Mail-Adresse').waitFor();
    await page.keyboard.press('Tab');
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).toBe('email');
    await page.keyboard.type(DEMO.staff);
    await page.keyboard.press('Tab');
    await page.keyboard.type('Demo-Passwort-2026');
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => !u.pathname.startsWith('/anmelden'));
    await page.getByTestId('current-user').waitFor();
    // On a fresh load the first Tab reaches the skip link, which jumps to the content.
    await page.reload();
    await settled(page);
    await page.keyboard.press('Tab');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Zum Inhalt springen');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#inhalt');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('inhalt');
    // From the top again, through the header to the navigation entry "Haushalt".
    await page.goto('/');
    await page.getByTestId('current-user').waitFor();
    let reached = false;
    for (let i = 0; i < 25 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = (await page.evaluate(() => document.activeElement?.textContent)) === 'Haushalt';
    }
    expect(reached).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForURL('**/haushalt');
    await expect.poll(() => page.getByRole('heading', { name: 'Haushalt', level: 1 }).isVisible()).toBe(true);
    await context.close();
  });

  it('password change: the API field error next to the field, then the new password works', async () => {
    const shot = screenshots('passwort-aendern');
    const admin = await apiLogin(DEMO.admin);
    await apiCall(admin, 'POST', '/users', { email: 'kennwort@altenburgerland.de', displayName: 'Karl Kennwort', password: 'Erst-Passwort-2026', roles: ['AUDITOR'] });
    const { page, context, problems } = await newSession(browser);
    await login(page, 'kennwort@altenburgerland.de', 'Erst-Passwort-2026');
    await page.getByRole('link', { name: 'Passwort ändern' }).click();
    await page.getByLabel('Bisheriges Passwort').fill('falsch-falsch');
    await page.getByLabel('Neues Passwort', { exact: true }).fill('Neues-Passwort-2027');
    await page.getByLabel('Neues Passwort wiederholen').fill('Neues-Passwort-2027');
    await page.getByRole('button', { name: 'Passwort ändern' }).click();
    const current = page.getByLabel('Bisheriges Passwort');
    await expect.poll(() => current.getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => page.getByTestId('field-error').first().textContent()).toContain('Das bisherige Passwort ist falsch.');
    await shot(page, 'falsches-bisheriges-passwort');
    await current.fill('Erst-Passwort-2026');
    await page.getByRole('button', { name: 'Passwort ändern' }).click();
    await expect.poll(() => page.getByText('Passwort geändert').isVisible()).toBe(true);
    await shot(page, 'geaendert');
    await context.clearCookies();
    await page.evaluate(() => sessionStorage.clear());
    await login(page, 'kennwort@altenburgerland.de', 'Neues-Passwort-2027');
    expect(problems).toEqual([]);
    await context.close();
  });
});
