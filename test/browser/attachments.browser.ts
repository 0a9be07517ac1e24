/**
 * Anlagen in a real browser: a Träger uploads Anlagen to a draft Antrag on a desktop (1366 px) and
 * on a phone (390 px, no sideways scrolling), sees them listed with their German kind and the
 * Pflichtanlagen still missing as „fehlt“; after submission staff see them in the review, where the
 * checklist item „rechtsverbindlich unterschrieben“ opens the signed form.
 * Screenshots: var/e2e-artifacts/anlagen/.
 */
import type { Browser, Locator } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, apiLogin, DEMO, launch, login, newSession, openCallFixture, screenshotOnFailure, screenshots, seriousViolations, settled, type Session } from './support';

/** The visible text with runs of white space as one space (badges sit on lines of their own). */
const textOf = async (l: Locator): Promise<string> => ((await l.textContent()) ?? '').replace(/\s+/g, ' ');
const pdf = (text: string): Buffer => Buffer.from(`%PDF-1.4\n% ${text}\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n`, 'latin1');

describe.sequential('Anlagen: upload on the Antrag, review by staff', () => {
  let browser: Browser;
  let applicationId = '';
  const sessions: Session[] = [];
  const session = async (viewport?: { width: number; height: number }) => {
    const s = await newSession(browser, viewport);
    sessions.push(s);
    return s;
  };

  beforeAll(async () => {
    browser = await launch();
    const { year } = await openCallFixture();
    const staff = await apiLogin(DEMO.staff);
    const provider = await apiLogin(DEMO.provider);
    const budgetYears = await apiCall<{ id: string; year: number }[]>(staff, 'GET', '/budget-years');
    const call = await apiCall<{ id: string }>(staff, 'POST', '/calls', {
      budgetYearId: budgetYears.find((y) => y.year === year)!.id,
      title: `Projektaufruf ${year}: Anlagen-Test`,
      text: 'Aufruf mit Pflichtanlagen.',
      openingDate: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10),
      deadline: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
      eligibleFieldsOfAction: ['LABOUR_MARKET'],
      eligibleCostCategories: ['PERSONNEL', 'MATERIAL_ADMIN', 'FEES'],
      targetSocialAreas: [],
      requiredAttachments: ['STATUTES', 'SIGNED_APPLICATION_FORM'],
    });
    await apiCall(staff, 'POST', `/calls/${call.id}/publish`);
    const app = await apiCall<{ id: string }>(provider, 'POST', '/applications', {
      callId: call.id,
      title: 'Beratung mit Anlagen',
      purpose: 'Soziale Beratung anerkannter Geflüchteter.',
      targetGroup: 'anerkannte Geflüchtete in Altenburg',
      fieldsOfAction: ['LABOUR_MARKET'],
      socialAreaCode: 'ALTENBURG',
      municipality: 'Altenburg',
      periodStart: `${year}-01-01`,
      periodEnd: `${year}-12-31`,
      plannedStart: `${year}-01-01`,
      contactName: 'Maria Schubert',
      contactEmail: 'maria.schubert@example.org',
      betterPositionRespected: true,
      financingPlan: {
        costLines: [
          { category: 'PERSONNEL', description: 'Sozialberatung 1,0 VZÄ', amount: '60000.00' },
          { category: 'MATERIAL_ADMIN', description: 'Miete, Telefon, Büro', amount: '10000.00' },
        ],
        personnelPositions: [{ label: 'Sozialberater/in', payGrade: 'TV-L E 9b', monthlyEmployerGross: '5000.00', comparisonAmount: '5200.00', fte: '1', months: '12' }],
        fundingLines: [
          { kind: 'OWN_FUNDS', source: 'Eigenmittel des Vereins', amount: '7000.00' },
          { kind: 'GRANT', source: 'Zuwendung Landkreis Altenburger Land', amount: '63000.00' },
        ],
      },
    });
    applicationId = app.id;
  });
  afterEach(async (ctx) => {
    await screenshotOnFailure(ctx.task, sessions);
  });
  afterAll(async () => {
    for (const s of sessions) expect(s.problems, 'console/page errors').toEqual([]);
    await browser?.close();
  });

  const uploadOn = async (viewport: { width: number; height: number }, kindLabel: string, fileName: string, shotName: string) => {
    const shot = screenshots('anlagen');
    const { page, context } = await session(viewport);
    await login(page, DEMO.provider);
    await page.goto(`/antraege/${applicationId}`);
    await settled(page);
    const section = page.getByTestId('attachments');
    await section.waitFor();
    await expect.poll(() => textOf(page.getByTestId('attachment-requirements'))).toContain(`${kindLabel}: fehlt`);
    const upload = page.getByTestId('attachment-upload');
    await upload.getByLabel('Art der Anlage').selectOption({ label: kindLabel });
    await upload.getByLabel('Datei').setInputFiles({ name: fileName, mimeType: 'application/pdf', buffer: pdf(kindLabel) });
    await upload.getByRole('button', { name: 'Hochladen' }).click();
    await expect.poll(() => page.getByTestId('attachment-uploaded').isVisible()).toBe(true);
    const item = page.getByTestId('attachment').filter({ hasText: fileName });
    await expect.poll(() => item.innerText()).toContain(kindLabel);
    await expect.poll(() => textOf(page.getByTestId('attachment-requirements'))).toContain(`${kindLabel}: liegt vor`);
    // The code never shows, only the German label.
    expect(await section.innerText()).not.toMatch(/STATUTES|SIGNED_APPLICATION_FORM|OTHER/);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    // Names what sticks out, so a failure says where to look.
    const wide = await page.evaluate(() =>
      [...document.querySelectorAll('body *')]
        .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
        .filter((e) => {
          // Inside a region that scrolls (wide tables) is fine; only what the page itself must scroll counts.
          if (['absolute', 'fixed'].includes(getComputedStyle(e).position)) return true;
          for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
            if (['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(p).overflowX)) return false;
          }
          return true;
        })
        .sort((a, b) => b.getBoundingClientRect().right - a.getBoundingClientRect().right)
        .slice(0, 5)
        .map((e) => `${e.tagName.toLowerCase()}.${e.className} ${Math.round(e.getBoundingClientRect().right)} in ${e.parentElement?.className ?? ''}`),
    );
    expect(overflow, `page overflows by ${overflow}px at ${viewport.width}px: ${wide.join(', ')}`).toBeLessThanOrEqual(0);
    expect(await seriousViolations(page)).toEqual([]);
    await item.scrollIntoViewIfNeeded();
    await shot(page, shotName);
    await context.close();
  };

  it('a Träger uploads the Satzung on a desktop (1366 px)', async () => {
    await uploadOn({ width: 1366, height: 900 }, 'Satzung', 'Satzung des Vereins.pdf', 'traeger-1366');
  });

  it('a Träger uploads the signed form on a phone (390 px) without sideways scrolling', async () => {
    await uploadOn({ width: 390, height: 844 }, 'unterschriebenes Antragsformular', 'Antrag unterschrieben.pdf', 'traeger-390');
  });

  it('staff see the Anlagen in the review; „rechtsverbindlich unterschrieben“ opens the signed form', async () => {
    const provider = await apiLogin(DEMO.provider);
    const staff = await apiLogin(DEMO.staff);
    await apiCall(provider, 'POST', `/applications/${applicationId}/submit`);
    await apiCall(staff, 'POST', `/applications/${applicationId}/start-review`);
    const shot = screenshots('anlagen');
    const { page, context } = await session({ width: 1366, height: 900 });
    await login(page, DEMO.staff);
    await page.goto(`/antraege/${applicationId}/pruefung`);
    await settled(page);
    const list = page.getByTestId('attachments');
    await expect.poll(() => list.innerText()).toContain('Satzung des Vereins.pdf');
    expect(await list.innerText()).toContain('unterschriebenes Antragsformular');
    expect(await page.getByTestId('attachment-upload').count()).toBe(0);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /unterschriebenes Antragsformular öffnen/ }).click()]);
    expect(download.suggestedFilename()).toBe('Antrag unterschrieben.pdf');
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'sachbearbeitung-pruefung');
    await context.close();
  });
});
