/**
 * The Land's Verteilungsschlüssel and the editing of a Zuweisung draft in the browser (issue 20):
 * the Land's Sachbearbeiterin opens the Verteilungsschlüssel for next year, types a negative and a
 * non-numeric weight (key figure) and reads the German messages at the fields, tries all zeros and reads the
 * API's message, saves a first and then a changed version, sees both in the history and the amounts
 * the API computed; then she drafts a Zuweisung to Greiz (amount from the key), leaves, comes back
 * through the list, edits the draft and sees the new values; the same pages at 390 px. The Land's
 * Zeichnungsberechtigte reads the key but gets no form (the API's PUT is ADMIN/STAFF only).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { apiLogin, baseUrl, expectNoSidewaysScroll, launch, login, navigate, newSession, screenshotOnFailure, screenshots, seriousViolations, settled, type Session } from './support';

const LAND = 'land@demo.foerderfluss.de';
const LAND_APPROVER = 'land-zeichnung@demo.foerderfluss.de';
const GREIZ = 'Landkreis Greiz – Landratsamt';
const ALTENBURG = 'Landkreis Altenburger Land – Landratsamt';
const SOK = 'Saale-Orla-Kreis – Landratsamt';
/** Next year: the demo has no key for it, and the other journeys do not touch it. */
const YEAR = new Date().getFullYear() + 1;

let browser: Browser;
const sessions: Session[] = [];
beforeAll(async () => {
  browser = await launch();
});
afterEach(async (ctx) => {
  await screenshotOnFailure(ctx.task, sessions);
  for (const s of sessions.splice(0)) await s.context.close();
});
afterAll(async () => {
  await browser?.close();
});

interface DistributionView {
  current: { version: number; annualAmount: string } | null;
  shares: { districtName: string; weight: string; amount: string }[];
  history: { version: number }[];
}

async function distribution(token: string): Promise<DistributionView> {
  const res = await fetch(`${baseUrl()}/api/v1/state-distribution?year=${YEAR}`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`GET /state-distribution: ${res.status} ${await res.text()}`);
  return (await res.json()) as DistributionView;
}

const euro = new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR', minimumFractionDigits: 2, maximumFractionDigits: 2 });
const money = (v: string) => euro.format(v as unknown as number).replace(/\s/g, ' ');
const text = async (page: Page, testId: string) => ((await page.getByTestId(testId).textContent()) ?? '').replace(/\s/g, ' ');

/** The field's German error, read through its aria-describedby as a screen reader would. */
async function errorOf(page: Page, label: string): Promise<string> {
  const input = page.getByLabel(label, { exact: true });
  expect(await input.getAttribute('aria-invalid')).toBe('true');
  const ids = (await input.getAttribute('aria-describedby')) ?? '';
  const texts = await Promise.all(ids.split(' ').filter(Boolean).map((id) => page.locator(`[id="${id}"]`).textContent()));
  return texts.join(' ');
}

describe('Verteilungsschlüssel and Zuweisung drafts', () => {
  it('the Land Sachbearbeitung saves a new key with German errors first, then edits a Zuweisung draft', async () => {
    const shot = screenshots('land-verteilung');
    const s = await newSession(browser, { width: 1366, height: 900 });
    sessions.push(s);
    const { page, problems } = s;
    const token = await apiLogin(LAND);
    const before = await distribution(token);

    await login(page, LAND);
    await page.waitForURL((u) => u.pathname === '/land');
    await settled(page);
    // From the overview to the key, for the year shown there.
    await page.getByRole('link', { name: /^Verteilungsschlüssel \d{4} ansehen$/ }).click();
    await page.waitForURL((u) => u.pathname === '/land/verteilung');
    await settled(page);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Verteilungsschlüssel');
    await page.getByLabel('Haushaltsjahr').selectOption(String(YEAR));
    await expect.poll(() => new URL(page.url()).searchParams.get('jahr')).toBe(String(YEAR));
    await expect.poll(() => page.getByRole('heading', { name: `Geltende Fassung ${YEAR}` }).isVisible()).toBe(true);
    if (before.current === null) expect(await page.getByText(`Für ${YEAR} ist noch kein Verteilungsschlüssel gespeichert.`).isVisible()).toBe(true);

    // Wrong: a negative and a non-numeric figure, no reason. The form says so at each field, in German.
    const form = page.getByTestId('distribution-form');
    await form.getByLabel(/^Jahresmittel des Landes/).fill('1.677.000,00');
    await form.getByLabel(`Gewicht ${GREIZ}`).fill('-4500');
    await form.getByLabel(`Gewicht ${ALTENBURG}`).fill('2.500');
    await form.getByLabel(`Gewicht ${SOK}`).fill('viele');
    await form.getByLabel('Begründung der Änderung').fill('');
    await page.getByRole('button', { name: 'Neue Fassung speichern' }).click();
    await expect.poll(() => page.getByText('Das Gewicht darf nicht negativ sein.').isVisible()).toBe(true);
    expect(await errorOf(page, `Gewicht ${GREIZ}`)).toContain('Das Gewicht darf nicht negativ sein.');
    expect(await errorOf(page, `Gewicht ${SOK}`)).toContain('Bitte eine Zahl ab 0 angeben, z. B. 1.234 oder 12,5.');
    expect(await errorOf(page, 'Begründung der Änderung')).toContain('Bitte begründen Sie die Änderung');
    expect(await page.getByLabel(`Gewicht ${ALTENBURG}`).getAttribute('aria-invalid')).toBeNull();
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'fehler-im-formular');

    // All zeros: the browser accepts it, the API refuses it with its German message, shown at the figures.
    for (const k of [GREIZ, ALTENBURG, SOK]) await form.getByLabel(`Gewicht ${k}`).fill('0');
    await form.getByLabel('Begründung der Änderung').fill('Zahl der Geflüchteten zum Stichtag 31.12.2025');
    await page.getByRole('button', { name: 'Neue Fassung speichern' }).click();
    await expect.poll(() => form.getByTestId('field-error').first().textContent()).toContain('Mindestens ein Kreis braucht ein Gewicht größer als 0');
    // Placed at the figures; the summary above the button points there instead of repeating it.
    expect(await form.getByTestId('problem-detail').textContent()).toBe('Bitte korrigieren Sie die markierten Angaben (1 Angabe).');
    await shot(page, 'fehler-der-api');
    expect((await distribution(token)).history).toHaveLength(before.history.length);

    // Corrected and saved: a new version with the API's amounts per Kreis.
    await form.getByLabel(`Gewicht ${GREIZ}`).fill('4.500');
    await form.getByLabel(`Gewicht ${ALTENBURG}`).fill('2.500');
    await form.getByLabel(`Gewicht ${SOK}`).fill('3.000');
    await page.getByRole('button', { name: 'Neue Fassung speichern' }).click();
    const first = before.history.length + 1;
    await expect.poll(() => page.getByText(`Fassung ${first} gespeichert`).isVisible()).toBe(true);
    let api = await distribution(token);
    expect(api.current?.version).toBe(first);
    const greizShare = () => api.shares.find((x) => x.districtName === GREIZ)!.amount;
    expect(greizShare()).toBe('754650.00');
    await expect.poll(() => page.getByTestId('distribution-history').locator('tbody tr').count()).toBe(first);
    for (const share of api.shares) {
      const row = page.getByTestId('distribution-shares').locator('tbody tr', { has: page.getByRole('rowheader', { name: share.districtName, exact: true }) });
      expect(((await row.locator('td').last().textContent()) ?? '').replace(/\s/g, ' ')).toContain(money(share.amount));
    }
    expect(await text(page, 'distribution-shares')).toContain(money('1677000.00'));

    // A second version: Greiz's figure changes; the history names the change and the amounts follow.
    await expect.poll(() => form.getByLabel(`Gewicht ${GREIZ}`).inputValue()).toBe('4.500');
    await form.getByLabel(`Gewicht ${GREIZ}`).fill('5.000');
    await form.getByLabel('Begründung der Änderung').fill('Nachmeldung des Landkreises Greiz');
    await page.getByRole('button', { name: 'Neue Fassung speichern' }).click();
    await expect.poll(() => page.getByText(`Fassung ${first + 1} gespeichert`).isVisible()).toBe(true);
    api = await distribution(token);
    expect(greizShare()).toBe('798571.43');
    const newest = page.getByTestId('distribution-history').locator('tbody tr').first();
    await expect.poll(async () => ((await newest.textContent()) ?? '').replace(/\s/g, ' ')).toContain(`${GREIZ}: 4.500 → 5.000`);
    expect(await newest.textContent()).toContain('Nachmeldung des Landkreises Greiz');
    // Who saved it: the name, not an id.
    expect(await newest.textContent()).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(await text(page, 'distribution-shares')).toContain(money('798571.43'));
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'zweite-fassung');

    // A Zuweisung draft to Greiz for that year: without an amount, the API takes Greiz's share.
    await navigate(page, 'Zuweisungen');
    await settled(page);
    await page.getByRole('link', { name: 'Neue Zuweisung' }).click();
    await settled(page);
    const create = page.locator('main form');
    await create.getByLabel('Kreis', { exact: true }).selectOption({ label: GREIZ });
    await create.getByLabel('Haushaltsjahr', { exact: true }).fill(String(YEAR));
    const reference = `TLVwA 250-4.1-${YEAR}/041`;
    await create.getByLabel('Aktenzeichen', { exact: true }).fill(reference);
    await page.getByRole('button', { name: 'Entwurf anlegen' }).click();
    await page.waitForURL((u) => /^\/land\/zuweisungen\/[0-9a-f-]{36}$/.test(u.pathname));
    await settled(page);
    const grantPath = new URL(page.url()).pathname;
    expect(await text(page, 'state-grant')).toContain(money('798571.43'));

    // She leaves, and comes back through the list of that year.
    await navigate(page, 'Kreise');
    await page.waitForURL((u) => u.pathname === '/land');
    await settled(page);
    await navigate(page, 'Zuweisungen');
    await settled(page);
    await page.getByLabel('Haushaltsjahr').selectOption(String(YEAR));
    await page.getByTestId('state-grants').getByRole('link', { name: reference }).click();
    await page.waitForURL((u) => u.pathname === grantPath);
    await settled(page);

    // Bearbeiten: a wrong amount is refused at the field; then the new values are saved and shown.
    await page.getByRole('button', { name: 'Bearbeiten' }).click();
    const edit = page.getByTestId('state-grant-edit');
    expect(await edit.getByLabel(/Höchstbetrag/).inputValue()).toBe('798.571,43');
    await edit.getByLabel(/Höchstbetrag/).fill('zweihunderttausend');
    await edit.getByLabel(/Fördersatz/).fill('75');
    await page.getByRole('button', { name: 'Änderungen speichern' }).click();
    await expect.poll(() => edit.getByText('Bitte einen Betrag wie 1.234,56 angeben.').isVisible()).toBe(true);
    expect(await edit.getByLabel(/Höchstbetrag/).getAttribute('aria-invalid')).toBe('true');
    await shot(page, 'entwurf-fehler');
    await edit.getByLabel(/Höchstbetrag/).fill('700.000,00');
    await edit.getByLabel('Hinweis').fill('Betrag nach Rücksprache mit dem Kreis gekürzt.');
    await page.getByRole('button', { name: 'Änderungen speichern' }).click();
    await expect.poll(() => page.getByTestId('state-grant-edit').count()).toBe(0);
    const shown = await text(page, 'state-grant');
    expect(shown).toContain(money('700000.00'));
    expect(shown).toContain('75 %');
    expect(shown).toContain('Betrag nach Rücksprache mit dem Kreis gekürzt.');
    // The list says the same after a reload: the change is the API's, not the page's.
    await page.reload();
    await settled(page);
    expect(await text(page, 'state-grant')).toContain(money('700000.00'));
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'entwurf-geaendert');

    // The same pages at 390 px: nothing scrolls sideways, the edit form fits.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('button', { name: 'Bearbeiten' }).click();
    await settled(page);
    await expectNoSidewaysScroll(page, 'Zuweisung bearbeiten at 390 px');
    await shot(page, 'entwurf-390');
    await page.goto(`/land/verteilung?jahr=${YEAR}`);
    await settled(page);
    await expect.poll(() => page.getByTestId('distribution-history').locator('tbody tr').count()).toBe(first + 1);
    await expectNoSidewaysScroll(page, '/land/verteilung at 390 px');
    await shot(page, 'verteilung-390');
    expect(problems).toEqual([]);
  });

  it('the Land Zeichnungsberechtigte reads the key but is offered no form', async () => {
    const shot = screenshots('land-verteilung-zeichnung');
    const s = await newSession(browser, { width: 1366, height: 900 });
    sessions.push(s);
    const { page, problems } = s;
    await login(page, LAND_APPROVER);
    await navigate(page, 'Verteilungsschlüssel');
    await page.waitForURL((u) => u.pathname === '/land/verteilung');
    await settled(page);
    expect(await page.getByText('(nur lesend)').isVisible()).toBe(true);
    expect(await page.getByRole('heading', { name: /^Geltende Fassung/ }).count()).toBe(1);
    expect(await page.getByTestId('distribution-form').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Neue Fassung speichern' }).count()).toBe(0);
    await shot(page, 'nur-lesend');
    expect(problems).toEqual([]);
  });
});
