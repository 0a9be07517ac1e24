/**
 * Issue 14: what Träger do with drafts, at a desk (1366×768) and on a phone (390×844). Save a
 * draft, go elsewhere, come back through the list, change something, save again, submit: for an
 * Antrag (on the demo's open call), a Mittelabruf and a Verwendungsnachweis. Wrong input is named
 * at its field with the focus there; a refusal that belongs to no field stands next to the button
 * that caused it, with the focus on it. No page scrolls sideways (tables scroll in their own box).
 * Screenshots: var/e2e-artifacts/traeger-drafts-<width>/.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { berlinDate, DEMO, expectNoSidewaysScroll, launch, login, navigate, newSession, openMenu, screenshotOnFailure, screenshots, settled, type Session } from './support';

const VIEWPORTS = [
  { name: 'desktop', width: 1366, height: 768 },
  { name: 'phone', width: 390, height: 844 },
] as const;

/** The page has settled and is no wider than the window. */
async function arrive(page: Page, where: string): Promise<void> {
  await settled(page);
  await expectNoSidewaysScroll(page, where);
}

/** The test id of what has the keyboard focus. */
async function focusedTestId(page: Page): Promise<string | null> {
  return page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);
}

for (const vp of VIEWPORTS) {
  describe.sequential(`Träger-Entwürfe (${vp.name}, ${vp.width}×${vp.height})`, () => {
    let browser: Browser;
    const sessions: Session[] = [];
    const session = async () => {
      const s = await newSession(browser, { width: vp.width, height: vp.height });
      sessions.push(s);
      return s;
    };

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

    it('Antrag: save a draft, leave, reopen from the list, change, save again, submit', async () => {
      const shot = screenshots(`traeger-drafts-${vp.width}/antrag`);
      const { page } = await session();
      await login(page, DEMO.provider);
      await arrive(page, 'Start');

      // The demo always has an open call (seeded relative to today): the Anträge page offers it.
      await navigate(page, 'Anträge');
      await page.waitForURL('**/antraege');
      await arrive(page, 'Anträge');
      const start = page.getByRole('link', { name: /^Neuen Antrag stellen: Projektaufruf \d{4}: Soziale Beratung und Betreuung anerkannter Flüchtlinge/ });
      await expect.poll(() => start.count()).toBeGreaterThan(0);
      await shot(page, 'antraege-offener-aufruf');
      await start.first().click();
      await page.waitForURL('**/antraege/neu?aufruf=*');
      await arrive(page, 'Neuer Antrag');
      const subtitle = (await page.getByText(/Ausschlussfrist/).first().textContent()) ?? '';
      const year = Number(/Projektaufruf (\d{4})/.exec(subtitle)?.[1]);
      expect(year).toBeGreaterThan(2026);

      const title = `Stadtteilberatung ${vp.name} ${Date.now()}`;
      await page.getByLabel('Titel des Projekts').fill(title);
      await page.getByLabel('Zweck (was wird mit der Zuwendung erreicht?)').fill('Beratung anerkannter Geflüchteter im Stadtteil.');
      await page.getByLabel('Zielgruppe').fill('anerkannte Geflüchtete in Altenburg');
      await page.getByLabel('Arbeitsmarkt, Qualifizierung und wirtschaftliche Teilhabe').check();
      await page.getByLabel('Sozialraum').selectOption({ label: 'Altenburg' });
      await page.getByLabel('Durchführungszeitraum von').fill(`${year}-01-01`);
      await page.getByLabel('Durchführungszeitraum bis').fill(`${year}-12-31`);
      await page.getByLabel('Geplanter Maßnahmebeginn').fill(`${year}-01-01`);
      await page.getByLabel('Name', { exact: true }).fill('Maria Schubert');
      // A wrong e-mail address: named at its field, and the focus goes there.
      const email = page.getByLabel('E-Mail-Adresse');
      await email.fill('maria.schubert@');
      await page.getByLabel('Kostenart, Zeile 1').selectOption('MATERIAL_ADMIN');
      await page.getByLabel('Beschreibung der Kosten, Zeile 1').fill('Miete und Telefon des Beratungsbüros');
      await page.getByLabel('Betrag der Kosten in Euro, Zeile 1').fill('10.000,00');
      await page.getByLabel('Betrag der Finanzierung in Euro, Zeile 1').fill('1.000,00');
      await page.getByLabel('Betrag der Finanzierung in Euro, Zeile 2').fill('8.000,00');
      await expectNoSidewaysScroll(page, 'Neuer Antrag, ausgefüllt');

      await page.getByRole('button', { name: 'Entwurf speichern' }).click();
      await expect.poll(() => email.getAttribute('aria-invalid')).toBe('true');
      await expect.poll(() => email.evaluate((el) => el === document.activeElement)).toBe(true);
      const errorId = (await email.getAttribute('aria-describedby'))!.split(' ').pop()!;
      await expect.poll(() => page.locator(`[id="${errorId}"]`).textContent()).toContain('Bitte eine gültige E-Mail-Adresse angeben.');
      await shot(page, 'fehler-am-feld');

      await email.fill('maria.schubert@example.org');
      await page.getByRole('button', { name: 'Entwurf speichern' }).click();
      await page.waitForURL(/\/antraege\/[0-9a-f-]{36}$/);
      await expect.poll(() => page.getByText('Entwurf gespeichert').first().isVisible()).toBe(true);
      const reference = ((await page.getByRole('heading', { level: 1 }).textContent()) ?? '').replace('Antrag ', '');
      await arrive(page, 'Antrag gespeichert');

      // Elsewhere, then back through the list.
      await navigate(page, 'Mittelabrufe');
      await page.waitForURL('**/mittelabrufe');
      await arrive(page, 'Mittelabrufe');
      await navigate(page, 'Anträge');
      await page.waitForURL('**/antraege');
      await arrive(page, 'Anträge');
      await page.getByTestId('applications').getByRole('link', { name: reference, exact: true }).click();
      await page.waitForURL(/\/antraege\/[0-9a-f-]{36}$/);
      await arrive(page, 'Antrag (Entwurf)');
      await expect.poll(() => page.getByLabel('Titel des Projekts').inputValue()).toBe(title);
      // The saved draft offers what its call allows: no "Investitionen".
      const costOptions = await page.getByLabel('Kostenart, Zeile 1').locator('option').allTextContents();
      expect(costOptions.length).toBeGreaterThan(1);
      expect(costOptions.join('|')).not.toMatch(/Investition/);
      await shot(page, 'entwurf-wieder-geoeffnet');

      // Unbalanced (10.000 − 9.000): refused next to the button, the focus on the reason.
      await page.getByRole('button', { name: 'Antrag einreichen' }).click();
      await expect.poll(() => focusedTestId(page)).toBe('form-problems');
      const problems = page.getByTestId('form-problems');
      await expect.poll(() => problems.textContent()).toContain('0,00 € beträgt');
      // It stands right above the buttons, where the person is looking.
      await page.screenshot({ path: await shot(page, 'ablehnung-am-knopf'), fullPage: false });
      // Measured in one go: nothing between the message and the buttons but their margins.
      const gap = await problems.evaluate((el) => {
        const next = el.nextElementSibling as HTMLElement | null;
        return next?.classList.contains('ff-actions') ? next.getBoundingClientRect().top - el.getBoundingClientRect().bottom : -1;
      });
      expect(gap).toBeGreaterThanOrEqual(0);
      expect(gap).toBeLessThan(80);

      // Change something, save again (this answered 400 before: the update carried callId).
      await page.getByLabel('Betrag der Finanzierung in Euro, Zeile 2').fill('9.000,00');
      await page.getByLabel('Zielgruppe').fill('anerkannte Geflüchtete in Altenburg-Nord');
      await page.getByRole('button', { name: 'Entwurf speichern' }).click();
      await expect.poll(() => page.getByText('Entwurf gespeichert').first().isVisible()).toBe(true);
      await settled(page);
      await expect.poll(() => page.getByLabel('Zielgruppe').inputValue()).toBe('anerkannte Geflüchtete in Altenburg-Nord');

      // The call asks for Pflichtanlagen: without them the submit is refused next to the button,
      // naming what is missing, and the focus moves to that message.
      await page.getByRole('button', { name: 'Antrag einreichen' }).click();
      await expect.poll(() => focusedTestId(page)).toBe('form-problems');
      await expect.poll(() => problems.textContent()).toContain('Es fehlen Pflichtanlagen: Satzung, Vereinsregisterauszug, Freistellungsbescheid, unterschriebenes Antragsformular.');
      await shot(page, 'pflichtanlagen-fehlen');

      // Upload them, as a Träger does, one after the other.
      const upload = page.getByTestId('attachment-upload');
      for (const kind of ['Satzung', 'Vereinsregisterauszug', 'Freistellungsbescheid', 'unterschriebenes Antragsformular']) {
        await upload.getByLabel('Art der Anlage').selectOption({ label: kind });
        await upload.getByLabel('Datei').setInputFiles({ name: `${kind}.pdf`, mimeType: 'application/pdf', buffer: Buffer.from(`%PDF-1.4\n% ${kind}\n%%EOF\n`, 'latin1') });
        await upload.getByRole('button', { name: 'Hochladen' }).click();
        await expect.poll(async () => ((await page.getByTestId('attachment-requirements').textContent()) ?? '').replace(/\s+/g, ' ')).toContain(`${kind}: liegt vor`);
      }
      await expectNoSidewaysScroll(page, 'Antrag mit Pflichtanlagen');
      await shot(page, 'pflichtanlagen-hochgeladen');

      await page.getByRole('button', { name: 'Antrag einreichen' }).click();
      await expect.poll(() => page.getByText('Antrag eingereicht').first().isVisible()).toBe(true);
      await arrive(page, 'Antrag eingereicht');
      await shot(page, 'eingereicht');
    });

    it('Mittelabruf: save a draft, leave, reopen from the list, change, submit', async () => {
      const shot = screenshots(`traeger-drafts-${vp.width}/mittelabruf`);
      const { page } = await session();
      await login(page, DEMO.provider2);
      await navigate(page, 'Mittelabrufe');
      await page.waitForURL('**/mittelabrufe');
      await arrive(page, 'Mittelabrufe');
      await page.getByRole('link', { name: 'Mittel abrufen: FF-2026-0003' }).click();
      await page.waitForURL('**/mittelabrufe/neu?bescheid=*');
      await arrive(page, 'Neuer Mittelabruf');

      await page.getByLabel('Gewünschter Wertstellungstag').fill(berlinDate(0));
      await page.getByLabel('Fällig am, Zeile 1').fill(berlinDate(10));
      await page.getByLabel('Kostenart, Zeile 1').selectOption({ index: 1 });
      await page.getByLabel('Wofür, Zeile 1').fill('Honorar Sprachmittlung');
      await page.getByLabel('Betrag in Euro, Zeile 1').fill('1.000,00');
      await page.getByLabel('Angeforderter Betrag in €').fill('100,00');
      await expectNoSidewaysScroll(page, 'Neuer Mittelabruf, ausgefüllt');
      await page.getByRole('button', { name: 'Als Entwurf speichern' }).click();
      await page.waitForURL(/\/mittelabrufe\/[0-9a-f-]{36}$/);
      await expect.poll(() => page.getByText('Entwurf gespeichert').first().isVisible()).toBe(true);
      await arrive(page, 'Mittelabruf gespeichert');
      const reference = ((await page.getByRole('heading', { level: 1 }).textContent()) ?? '').replace('Mittelabruf ', '');
      await shot(page, 'entwurf');

      await navigate(page, 'Start');
      await arrive(page, 'Start');
      await navigate(page, 'Mittelabrufe');
      await page.waitForURL('**/mittelabrufe');
      await arrive(page, 'Mittelabrufe');
      await page.getByRole('link', { name: reference, exact: true }).click();
      await page.waitForURL(/\/mittelabrufe\/[0-9a-f-]{36}$/);
      await arrive(page, 'Mittelabruf (Entwurf)');
      await expect.poll(() => page.getByLabel('Angeforderter Betrag in €').inputValue()).toBe('100,00');

      await page.getByLabel('Angeforderter Betrag in €').fill('200,00');
      await page.getByRole('button', { name: 'Als Entwurf speichern' }).click();
      await expect.poll(() => page.getByText('Entwurf gespeichert').first().isVisible()).toBe(true);
      await settled(page);
      await expect.poll(() => page.getByLabel('Angeforderter Betrag in €').inputValue()).toBe('200,00');
      await page.getByRole('button', { name: 'Mittelabruf einreichen' }).click();
      await expect.poll(() => page.getByText('Mittelabruf eingereicht').first().isVisible()).toBe(true);
      await arrive(page, 'Mittelabruf eingereicht');
      await shot(page, 'eingereicht');
    });

    it('Verwendungsnachweis: change the Sachbericht of the draft, save, leave, come back through the list', async () => {
      const shot = screenshots(`traeger-drafts-${vp.width}/verwendungsnachweis`);
      const { page } = await session();
      await login(page, DEMO.provider2);
      await navigate(page, 'Verwendungsnachweise');
      await page.waitForURL('**/nachweise');
      await arrive(page, 'Verwendungsnachweise');
      // The first run starts the VN of FF-2026-0003; later ones open the draft it left.
      const create = page.getByRole('button', { name: 'Verwendungsnachweis anlegen zu FF-2026-0003' });
      if ((await create.count()) > 0) await create.click();
      else await page.getByRole('link', { name: 'FF-2026-0003/VN', exact: true }).click();
      await page.waitForURL(/\/nachweise\/[0-9a-f-]{36}$/);
      await arrive(page, 'Verwendungsnachweis (Entwurf)');
      const url = new URL(page.url()).pathname;

      const measure = `Offene Sozialberatung (${vp.name}) an drei Tagen pro Woche.`;
      await page.getByLabel('Durchgeführte Maßnahme').fill(measure);
      await page.getByLabel('Erreichte Ziele').fill('Begleitung bei Behördengängen wie geplant.');
      await page.getByLabel('Erreichte Zielgruppe').fill('anerkannte Geflüchtete im Raum Altenburg');
      await page.getByRole('button', { name: 'Sachbericht speichern' }).click();
      await expect.poll(() => page.getByText('Sachbericht gespeichert').isVisible()).toBe(true);
      await shot(page, 'sachbericht-gespeichert');

      await navigate(page, 'Start');
      await arrive(page, 'Start');
      await navigate(page, 'Verwendungsnachweise');
      await page.waitForURL('**/nachweise');
      await arrive(page, 'Verwendungsnachweise');
      await page.getByRole('link', { name: 'FF-2026-0003/VN', exact: true }).click();
      await page.waitForURL(`**${url}`);
      await arrive(page, 'Verwendungsnachweis wieder geöffnet');
      await expect.poll(() => page.getByLabel('Durchgeführte Maßnahme').inputValue()).toBe(measure);
      await shot(page, 'wieder-geoeffnet');
    });

    it('every page of the Träger navigation fits the window, and the first record of each list too', async () => {
      const shot = screenshots(`traeger-drafts-${vp.width}/seiten`);
      const { page } = await session();
      await login(page, DEMO.provider);
      await arrive(page, 'Start');
      const nav = page.getByRole('navigation', { name: 'Hauptnavigation' });
      if (vp.width < 768) {
        // On a phone the navigation folds behind "Menü".
        const menu = page.getByRole('button', { name: /^Menü/ });
        await expect.poll(() => menu.getAttribute('aria-expanded')).toBe('false');
        expect(await menu.getAttribute('aria-controls')).toBe('ff-menu');
        await expect.poll(() => nav.isVisible()).toBe(false);
        await shot(page, 'start-menue-zu');
        await menu.click();
        await expect.poll(() => menu.getAttribute('aria-expanded')).toBe('true');
        await expect.poll(() => nav.isVisible()).toBe(true);
        await shot(page, 'start-menue-offen');
      }
      await openMenu(page);
      const paths = await nav.getByRole('link').evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
      expect(paths).toEqual(expect.arrayContaining(['/', '/antraege', '/bescheide', '/mittelabrufe', '/nachweise', '/organisation']));
      for (const p of [...paths, '/benachrichtigungen', '/konto/passwort']) {
        await page.goto(p);
        await arrive(page, p);
        await shot(page, p === '/' ? 'start' : p.slice(1).replace(/\//g, '-'));
        // One record of the list, where the page has one (Bescheid, Mittelabruf, …).
        const first = page.locator('main table a.kern-link[href^="/"]').first();
        if (['/bescheide', '/mittelabrufe', '/nachweise', '/rueckforderungen', '/antraege'].includes(p) && (await first.count()) > 0) {
          await first.click();
          await arrive(page, `${p}: erster Eintrag`);
          await shot(page, `${p.slice(1)}-eintrag`);
        }
      }
    });
  });
}
