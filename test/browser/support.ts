import { mkdirSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { ARTIFACTS, chromiumPath } from './env';

export const DEMO_PASSWORD = 'Demo-Passwort-2026';
export const DEMO = {
  admin: 'admin@demo.foerderfluss.de',
  staff: 'sachbearbeitung@demo.foerderfluss.de',
  approver: 'zeichnung@demo.foerderfluss.de',
  provider: 'traeger@demo.foerderfluss.de',
  provider2: 'traeger2@demo.foerderfluss.de',
  auditor: 'pruefung@demo.foerderfluss.de',
  /** STAFF and APPROVER (issue 16): proposes, signs, but never her own proposal. */
  sachgebietsleitung: 'sachgebietsleitung@demo.foerderfluss.de',
} as const;

export const baseUrl = (): string => inject('baseUrl');

/** Headless Debian Chromium with the flags this machine needs (no background networking, no sandbox as root). */
export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--lang=de-DE'],
  });
}

export interface Session {
  context: BrowserContext;
  page: Page;
  /** Console errors, page errors and CSP violations seen so far. */
  problems: string[];
}

export async function newSession(browser: Browser, viewport = { width: 1280, height: 900 }): Promise<Session> {
  const context = await browser.newContext({ baseURL: baseUrl(), locale: 'de-DE', timezoneId: 'Europe/Berlin', viewport });
  const page = await context.newPage();
  // Fail an action after 10 s with Playwright's own message, well inside the test's timeout.
  page.setDefaultTimeout(10_000);
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // 401/404/409… answers are part of the journeys; the app shows them. Anything else is a bug.
    if (m.type() === 'error' && !/Failed to load resource: the server responded with a status of (4\d\d)/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  return { context, page, problems };
}

export async function login(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/anmelden');
  await page.getByLabel('E-Mail-Adresse').fill(email);
  await page.getByLabel('Passwort').fill(password);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/anmelden'));
  // On a phone the user's name sits behind the "Menü" button: present, not necessarily visible.
  await expect.poll(() => page.getByTestId('current-user').count()).toBe(1);
}

/** Opens the folded navigation on a phone (the "Menü" button); on a wide screen nothing to do. */
export async function openMenu(page: Page): Promise<void> {
  const button = page.getByRole('button', { name: /^Menü/ });
  if ((await button.isVisible()) && (await button.getAttribute('aria-expanded')) !== 'true') await button.click();
}

/** Follows a link of the main navigation, through the "Menü" button on a phone. */
export async function navigate(page: Page, name: string): Promise<void> {
  await openMenu(page);
  await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name, exact: true }).click();
}

/** The page may not scroll sideways: its content is no wider than the viewport (tables scroll in their own box). */
export async function expectNoSidewaysScroll(page: Page, where: string): Promise<void> {
  const { scrollWidth, innerWidth, culprits } = await page.evaluate(() => {
    const width = window.innerWidth;
    // The outermost elements that reach beyond the window (their parent does not): what to fix.
    // Content of a box that scrolls sideways itself is fine unless it escapes (absolute positioning).
    const escapes = (el: HTMLElement) => {
      for (let a = el.parentElement; a; a = a.parentElement) {
        if (/(auto|scroll|hidden)/.test(getComputedStyle(a).overflowX)) return el.offsetParent !== null && !a.contains(el.offsetParent);
      }
      return true;
    };
    const wide = [...document.querySelectorAll<HTMLElement>('body *')].filter((el) => el.getBoundingClientRect().right > width + 1 && escapes(el));
    const outer = wide.filter((el) => !el.parentElement || el.parentElement.getBoundingClientRect().right <= width + 1 || !wide.includes(el.parentElement));
    const describe = (el: HTMLElement) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} (${Math.round(el.getBoundingClientRect().right)} px)`;
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: width, culprits: outer.slice(0, 5).map(describe) };
  });
  expect(scrollWidth, `${where}: page ${scrollWidth} px wide in a ${innerWidth} px window; too wide: ${culprits.join(', ')}`).toBeLessThanOrEqual(innerWidth);
}

export async function logout(page: Page): Promise<void> {
  await openMenu(page);
  await page.getByRole('button', { name: 'Abmelden' }).click();
  await page.waitForURL('**/anmelden');
}

/** Saves a full-page screenshot under var/e2e-artifacts/<journey>/<nn>-<step>.png. */
export function screenshots(journey: string, options: { fullPage?: boolean } = {}) {
  const dir = path.join(ARTIFACTS, journey);
  mkdirSync(dir, { recursive: true });
  let n = 0;
  return async (page: Page, step: string): Promise<string> => {
    n += 1;
    const file = path.join(dir, `${String(n).padStart(2, '0')}-${step}.png`);
    await page.screenshot({ path: file, fullPage: options.fullPage ?? true });
    return file;
  };
}

/** axe-core with the WCAG 2.1 A/AA rules (BITV 2.0); returns the serious and critical violations. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

/** Direct API calls for fixtures the journeys need but do not test (e.g. an open Projektaufruf). */
export async function apiLogin(email: string, password = DEMO_PASSWORD): Promise<string> {
  const res = await fetch(`${baseUrl()}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  if (!res.ok) throw new Error(`login ${email}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

export async function apiCall<T = Record<string, unknown>>(token: string, method: string, url: string, body?: unknown): Promise<T> {
  const res = await fetch(`${baseUrl()}/api/v1${url}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${text}`);
  return (text ? JSON.parse(text) : null) as T;
}

/** Today in Germany and a date n days away, as YYYY-MM-DD. */
export function berlinDate(offsetDays = 0): string {
  const d = new Date(Date.now() + offsetDays * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

/** A budget year for next year and a published Projektaufruf open today (the demo's 2026 call has closed). */
export async function openCallFixture(): Promise<{ callId: string; year: number; callTitle: string }> {
  const admin = await apiLogin(DEMO.admin);
  const staff = await apiLogin(DEMO.staff);
  const year = Number(berlinDate().slice(0, 4)) + 1;
  const programmes = await apiCall<{ items: { id: string }[] }>(admin, 'GET', '/programmes');
  const years = await apiCall<{ id: string; year: number }[]>(admin, 'GET', '/budget-years');
  const budgetYear =
    years.find((y) => y.year === year) ??
    (await apiCall<{ id: string }>(admin, 'POST', '/budget-years', {
      programmeId: programmes.items[0]!.id,
      year,
      stateGrantReference: `TLVwA 250-4.1-${year}/001 (Test)`,
      stateGrantDate: berlinDate(-1),
      stateMaxAmount: '400000.00',
      stateRatePercent: '80',
      periodStart: `${year}-01-01`,
      periodEnd: `${year}-12-31`,
      stateProofDue: `${year + 1}-06-30`,
      districtShareAmount: '100000.00',
      districtBudgetLine: 'Produktkonto 31.5.01.7180 (Test)',
    }));
  const callTitle = `Projektaufruf ${year}: Soziale Beratung und Betreuung`;
  const created = await apiCall<{ id: string }>(staff, 'POST', '/calls', {
    budgetYearId: budgetYear.id,
    title: callTitle,
    text: 'Gefördert werden Beratungs- und Betreuungsangebote für anerkannte Geflüchtete im Altenburger Land.',
    openingDate: berlinDate(-1),
    deadline: berlinDate(30),
    eligibleFieldsOfAction: ['LANGUAGE_EDUCATION', 'LABOUR_MARKET', 'HOUSING_SOCIAL_INFRASTRUCTURE', 'HEALTH_PSYCHOSOCIAL_CARE'],
    eligibleCostCategories: ['PERSONNEL', 'MATERIAL_ADMIN', 'FEES', 'INTERPRETING'],
    targetSocialAreas: [],
  });
  await apiCall(staff, 'POST', `/calls/${created.id}/publish`);
  return { callId: created.id, year, callTitle };
}

/** When a test failed: a screenshot of every page it had open, and their problems on stderr. */
export async function screenshotOnFailure(task: { name: string; result?: { state?: string } }, sessions: Session[]): Promise<void> {
  if (task.result?.state !== 'fail') return;
  const dir = path.join(ARTIFACTS, 'failures');
  mkdirSync(dir, { recursive: true });
  for (const [i, s] of sessions.entries()) {
    if (s.page.isClosed()) continue;
    const file = path.join(dir, `${task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}-${i}.png`);
    await s.page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
    console.error(`failure screenshot: ${file} (${s.page.url()}) problems: ${JSON.stringify(s.problems)}`);
  }
}

/** The page has its heading and nothing is loading any more (no "Wird geladen …" left). */
export async function settled(page: Page): Promise<void> {
  await page.locator('h1').first().waitFor();
  await page.waitForFunction(() => document.querySelectorAll('.ff-loading').length === 0);
}
