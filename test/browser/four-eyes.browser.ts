/**
 * Four eyes with context (issue 16, "Tests", first bullet) in a real browser, from the first click
 * on: Sachbearbeitung creates a Projektaufruf in the web, saves the draft and publishes it after the
 * confirmation; a Träger applies to it by clicking and submits; Sachbearbeitung reviews that Antrag,
 * proposes with one checklist point still open and reads the German message next to it, then
 * completes it and proposes; Zeichnungsbefugnis reads the Votum, the checklist and the budget
 * effect, opens the draft PDF, confirms the Freigabe in the dialog, and the Bescheid appears as a
 * PDF on the decision page within 30 s. The Sachgebietsleitung (STAFF and APPROVER) is not offered
 * Freigeben on her own proposal and reads why. Only set-up goes through the API: the budget year
 * (openCallFixture, whose call also serves the fresh proposals of the 390 px and own-proposal steps).
 * Screenshots: var/e2e-artifacts/four-eyes/ (approver page at 1366 and 390 px).
 */
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  apiCall,
  apiLogin,
  berlinDate,
  DEMO,
  expectNoSidewaysScroll,
  launch,
  login,
  navigate,
  newSession,
  openCallFixture,
  screenshotOnFailure,
  screenshots,
  seriousViolations,
  settled,
  type Session,
} from './support';

const POINTS = ['Antrag vollständig', 'rechtsverbindlich unterschrieben', 'Frist eingehalten', 'Träger antragsberechtigt', 'passt zum Handlungsfeld', 'Bedarf im Sozialraum belegt', 'Kosten plausibel'];
const CODES = ['FORMAL_COMPLETE', 'FORMAL_SIGNED', 'FORMAL_DEADLINE_MET', 'FORMAL_PROVIDER_ELIGIBLE', 'SUBJECT_FITS_FIELD', 'SUBJECT_LOCAL_NEED', 'SUBJECT_COSTS_PLAUSIBLE'];

/** A submitted Antrag of a demo Träger for the fixture's call (set-up for the steps after the journey). */
async function submittedApplication(providerEmail: string, callId: string, year: number, title: string): Promise<{ id: string; reference: string }> {
  const provider = await apiLogin(providerEmail);
  const a = await apiCall<{ id: string; reference: string }>(provider, 'POST', '/applications', {
    callId,
    title,
    purpose: 'Soziale Beratung und Begleitung anerkannter Geflüchteter bei Behördengängen, Wohnungssuche und Arbeitsaufnahme.',
    targetGroup: 'anerkannte Geflüchtete im Altenburger Land',
    fieldsOfAction: ['LABOUR_MARKET'],
    socialAreaCode: 'ALTENBURG',
    periodStart: `${year}-01-01`,
    periodEnd: `${year}-12-31`,
    plannedStart: `${year}-01-01`,
    contactName: 'Maria Schubert',
    contactEmail: 'maria.schubert@example.org',
    betterPositionRespected: true,
    financingPlan: {
      costLines: [
        { category: 'MATERIAL_ADMIN', description: 'Miete, Telefon, Büro', amount: '15000.00' },
        { category: 'FEES', description: 'Honorare Sprachmittlung', amount: '85000.00' },
      ],
      personnelPositions: [],
      fundingLines: [
        { kind: 'OWN_FUNDS', source: 'Eigenmittel des Vereins', amount: '10000.00' },
        { kind: 'GRANT', source: 'Zuwendung Landkreis Altenburger Land', amount: '90000.00' },
      ],
    },
  });
  await apiCall(provider, 'POST', `/applications/${a.id}/submit`);
  return a;
}

describe.sequential('Four eyes with context: Prüfung, Vorschlag, Freigabe mit Votum, Haushaltswirkung und Entwurf', () => {
  let browser: Browser;
  let fixture: { callId: string; year: number; callTitle: string };
  // The journey's own call and Antrag, both made by clicking in the first two steps.
  let callId = '';
  let applicationId = '';
  let decisionId = '';
  const sessions: Session[] = [];
  // One numbering for the whole journey; the dialog on a phone as the viewport shows it.
  const shot = screenshots('four-eyes');
  const viewShot = screenshots('four-eyes-viewport', { fullPage: false });
  const session = async (viewport?: { width: number; height: number }) => {
    const s = await newSession(browser, viewport);
    sessions.push(s);
    return s;
  };

  beforeAll(async () => {
    browser = await launch();
    // Set-up, not the journey: the budget year of next year (and a call for the later fresh proposals).
    fixture = await openCallFixture();
  });
  afterEach(async (ctx) => {
    await screenshotOnFailure(ctx.task, sessions);
  });
  afterAll(async () => {
    for (const s of sessions) expect(s.problems, 'console/page errors').toEqual([]);
    await browser?.close();
  });

  const callTitle = () => `Projektaufruf ${fixture.year}: Beratung und Sprachmittlung für Geflüchtete`;

  it('staff create a Projektaufruf in the budget year, save the draft and publish it after the confirmation', async () => {
    const { page } = await session({ width: 1366, height: 900 });
    await login(page, DEMO.staff);
    await navigate(page, 'Projektaufrufe');
    await page.waitForURL('**/aufrufe');
    await settled(page);
    await page.getByRole('link', { name: 'Neuer Projektaufruf' }).click();
    await page.waitForURL('**/aufrufe/neu');
    await settled(page);

    await page.getByLabel('Haushaltsjahr').selectOption({ label: String(fixture.year) });
    await page.getByLabel('Titel', { exact: true }).fill(callTitle());
    await page.getByLabel('Text des Aufrufs').fill('Gefördert werden Beratung und Sprachmittlung für anerkannte Geflüchtete im Altenburger Land.');
    await page.getByLabel('Einreichung ab').fill(berlinDate(-1));
    await page.getByLabel('Ausschlussfrist').fill(berlinDate(30));
    await page.getByLabel(/^Richtwert des Fördervolumens/).fill('250.000,00');
    // Eligible exactly what the Antrag will use; no Pflichtanlagen, so the Träger uploads nothing.
    await page.getByLabel('Arbeitsmarkt, Qualifizierung und wirtschaftliche Teilhabe').check();
    await page.getByLabel('Sach- und Verwaltungsausgaben').check();
    await page.getByLabel('Honorare').check();
    await page.getByLabel('Altenburg', { exact: true }).check();
    await page.getByRole('button', { name: 'Entwurf speichern' }).click();
    await page.waitForURL(/\/aufrufe\/[0-9a-f-]{36}$/);
    callId = page.url().split('/').pop()!;
    await settled(page);
    await expect.poll(() => page.getByTestId('call-status').textContent()).toContain('Entwurf');
    await shot(page, 'aufruf-entwurf');

    await page.getByRole('button', { name: /^Veröffentlichen/ }).click();
    const publish = page.getByRole('dialog', { name: 'Projektaufruf veröffentlichen?' });
    await expect.poll(() => publish.isVisible()).toBe(true);
    await publish.getByRole('button', { name: 'Ja, veröffentlichen' }).click();
    await expect.poll(() => page.getByRole('status').allTextContents()).toContainEqual(expect.stringContaining('Projektaufruf veröffentlicht'));
    await expect.poll(() => page.getByTestId('call-status').textContent()).toContain('veröffentlicht');
    await shot(page, 'aufruf-veroeffentlicht');
  });

  it('the Träger applies to that call by clicking and submits', async () => {
    expect(callId).not.toBe('');
    const { page } = await session({ width: 1366, height: 900 });
    await login(page, DEMO.provider);
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Anträge' }).click();
    await page.getByRole('link', { name: `Neuen Antrag stellen: ${callTitle()} (Frist` }).and(page.locator(`[href$="aufruf=${callId}"]`)).click();
    await page.waitForURL(`**/antraege/neu?aufruf=${callId}`);
    await settled(page);

    await page.getByLabel('Titel des Projekts').fill('Beratungscafé Altenburg-Südost');
    await page.getByLabel('Zweck (was wird mit der Zuwendung erreicht?)').fill('Soziale Beratung und Begleitung anerkannter Geflüchteter bei Behördengängen, Wohnungssuche und Arbeitsaufnahme.');
    await page.getByLabel('Zielgruppe').fill('anerkannte Geflüchtete im Altenburger Land');
    await page.getByLabel('Arbeitsmarkt, Qualifizierung und wirtschaftliche Teilhabe').check();
    await page.getByLabel('Sozialraum').selectOption({ label: 'Altenburg' });
    await page.getByLabel('Gemeinde').fill('Altenburg');
    await page.getByLabel('Durchführungszeitraum von').fill(`${fixture.year}-01-01`);
    await page.getByLabel('Durchführungszeitraum bis').fill(`${fixture.year}-12-31`);
    await page.getByLabel('Geplanter Maßnahmebeginn').fill(`${fixture.year}-01-01`);
    await page.getByLabel('Name', { exact: true }).fill('Maria Schubert');
    await page.getByLabel('E-Mail-Adresse').fill('maria.schubert@example.org');

    // No personnel: Sach- und Honorarkosten only, 100.000 € against 10.000 € own funds and 90.000 € requested.
    await page.getByLabel('Kostenart, Zeile 1').selectOption('MATERIAL_ADMIN');
    await page.getByLabel('Beschreibung der Kosten, Zeile 1').fill('Miete, Telefon, Büro');
    await page.getByLabel('Betrag der Kosten in Euro, Zeile 1').fill('15.000,00');
    await page.getByRole('button', { name: 'Kostenzeile hinzufügen' }).click();
    await page.getByLabel('Kostenart, Zeile 2').selectOption('FEES');
    await page.getByLabel('Beschreibung der Kosten, Zeile 2').fill('Honorare Sprachmittlung');
    await page.getByLabel('Betrag der Kosten in Euro, Zeile 2').fill('85.000,00');
    await page.getByLabel('Betrag der Finanzierung in Euro, Zeile 1').fill('10.000,00');
    await page.getByLabel('Betrag der Finanzierung in Euro, Zeile 2').fill('90.000,00');
    await expect.poll(() => page.getByTestId('plan-balance-amount').textContent()).toBe('0,00\u00a0€');
    await shot(page, 'antrag-ausgefuellt');

    await page.getByRole('button', { name: 'Antrag einreichen' }).click();
    await page.waitForURL(/\/antraege\/[0-9a-f-]{36}$/);
    applicationId = page.url().split('/').pop()!;
    await expect.poll(() => page.getByText('Antrag eingereicht').first().isVisible()).toBe(true);
    await expect.poll(() => page.getByText('eingereicht', { exact: true }).first().isVisible()).toBe(true);
    expect((await page.getByRole('heading', { level: 1 }).textContent()) ?? '').toMatch(new RegExp(`^Antrag A-${fixture.year}-\\d{4}$`));
    await shot(page, 'antrag-eingereicht');
  });

  it('staff complete the checklist and Votum; the first proposal with an open point reads the German message next to it; then the proposal goes through', async () => {
    const { page } = await session({ width: 1366, height: 900 });
    expect(applicationId).not.toBe('');
    await login(page, DEMO.staff);
    await page.goto(`/antraege/${applicationId}/pruefung`);
    await settled(page);
    await page.getByRole('button', { name: 'Prüfung beginnen' }).click();
    await expect.poll(() => page.getByText('in Prüfung', { exact: true }).isVisible()).toBe(true);

    // The form says what is missing before anything is sent.
    await expect.poll(() => page.getByTestId('review-readiness').textContent()).toContain('7 offene Prüfpunkte');
    for (const point of POINTS.filter((p) => p !== 'Bedarf im Sozialraum belegt')) await page.getByLabel(`Ergebnis: ${point}`).selectOption('OK');
    await page.getByLabel('Vermerk: Kosten plausibel').fill('Honorare je Stunde im üblichen Rahmen.');
    await page.getByLabel('Votum', { exact: true }).selectOption('APPROVE');
    await page.getByLabel('Begründung des Votums').fill('Beratungsbedarf im Sozialraum Altenburg-Südost; Träger mit Erfahrung in der Sprachmittlung.');
    await expect.poll(() => page.getByTestId('review-readiness').textContent()).toContain('1 offener Prüfpunkt: Bedarf im Sozialraum belegt');

    // Proposing saves the checklist and is refused: the API's German message sits at the open point.
    await page.getByRole('button', { name: 'Bewilligung vorschlagen' }).click();
    const row = page.getByTestId('checklist-row-SUBJECT_LOCAL_NEED');
    await expect.poll(() => row.getByTestId('field-error').textContent()).toBe('Der Prüfpunkt „Bedarf im Sozialraum belegt“ ist noch offen.');
    await expect.poll(() => row.getByLabel('Ergebnis: Bedarf im Sozialraum belegt').getAttribute('aria-invalid')).toBe('true');
    await expect
      .poll(() => page.getByTestId('problem-detail').textContent())
      .toBe('Die Bewilligung kann noch nicht zur Freigabe vorgeschlagen werden. Es fehlt noch: der Prüfpunkt „Bedarf im Sozialraum belegt“.');
    await row.scrollIntoViewIfNeeded();
    await shot(page, 'vorschlag-mit-offenem-punkt');

    await page.getByLabel('Ergebnis: Bedarf im Sozialraum belegt').selectOption('OK');
    await page.getByLabel('Vermerk: Bedarf im Sozialraum belegt').fill('Sozialraumanalyse 2025, S. 14.');
    await page.getByRole('button', { name: 'Bewilligung vorschlagen' }).click();
    await page.waitForURL(/\/bescheide\/[0-9a-f-]{36}$/);
    decisionId = page.url().split('/').pop()!;
    await expect.poll(() => page.getByText('Vorschlag gespeichert').isVisible()).toBe(true);
    // The proposer herself (STAFF only) is offered neither Freigeben nor a four-eyes hint.
    expect(await page.getByRole('button', { name: /^Freigeben/ }).count()).toBe(0);
    await shot(page, 'vorschlag-gespeichert');
  });

  it('a second person reads Votum, checklist and budget effect, opens the draft PDF, confirms the Freigabe; the Bescheid PDF is there within 30 s', async () => {
    expect(decisionId).not.toBe('');
    const { page, context } = await session({ width: 1366, height: 900 });
    await login(page, DEMO.approver);
    await page.goto(`/bescheide/${decisionId}`);
    await settled(page);

    const context_ = page.getByTestId('proposal-context');
    await expect.poll(() => context_.textContent()).toContain('Beratungsbedarf im Sozialraum Altenburg-Südost');
    await expect.poll(() => context_.textContent()).toContain('Sabine Kretzschmar (Sachbearbeitung, Demo)');
    await expect.poll(() => context_.textContent()).toContain('Sozialraumanalyse 2025, S. 14.');
    const effect = page.getByTestId('budget-effect');
    await expect.poll(() => effect.textContent()).toContain(String(fixture.year));
    for (const header of ['Land frei vorher', 'Land frei nachher', 'Kreis frei vorher', 'Kreis frei nachher']) {
      expect(await effect.getByRole('columnheader', { name: header }).count()).toBe(1);
    }
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'freigabe-1366');

    // The draft: a PDF the API renders on the fly, fetched by the button and opened in a new tab.
    const url = `/api/v1/decisions/${decisionId}/letter-preview`;
    const [preview] = await Promise.all([page.waitForResponse((r) => r.url().endsWith(url)), page.getByRole('button', { name: 'Entwurf des Bescheids ansehen (PDF)' }).click()]);
    expect([preview.status(), preview.headers()['content-type']]).toEqual([200, 'application/pdf']);
    expect(Number(preview.headers()['content-length'])).toBeGreaterThan(10_000);
    await expect.poll(() => context.pages().length).toBe(2);
    // Chromium does not hand out the body of a fetch that became a blob: the same request once more.
    const again = await page.request.get(url, { headers: { authorization: `Bearer ${await apiLogin(DEMO.approver)}` } });
    expect((await again.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    for (const other of context.pages().filter((p) => p !== page)) await other.close();

    // Freigeben asks first, naming Aktenzeichen and amount.
    await page.getByRole('button', { name: 'Freigeben …' }).click();
    const dialog = page.getByRole('dialog', { name: /^Zuwendungsbescheid FF-\d{4}-\d{4} freigeben\?$/ });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await expect.poll(() => dialog.textContent()).toMatch(/mit einem Höchstbetrag von 90\.000,00\s€/);
    await shot(page, 'bestaetigung');
    await dialog.getByRole('button', { name: 'Ja, freigeben' }).click();
    await expect.poll(() => page.getByText('Freigegeben', { exact: true }).isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('heading', { name: 'Geltende Fassung' }).isVisible()).toBe(true);

    // The letter is generated on its own, started by the approval (issue 16 item 3, "letters at
    // once"; the sweep alone would take minutes): it is there within 30 s, no button pressed.
    await expect
      .poll(
        async () => {
          await page.reload();
          await settled(page);
          return (await page.getByTestId('letters').count()) > 0 ? page.getByTestId('letters').textContent() : '';
        },
        { timeout: 30_000, interval: 2_000 },
      )
      .toMatch(/Zuwendungsbescheid.*fertig/);
    await shot(page, 'bescheid-pdf-da');
  });

  it('the approver page at 390 px: no sideways scrolling, the German reads in full', async () => {
    // A fresh proposal to look at (the first one is approved now).
    const other = await submittedApplication(DEMO.provider2, fixture.callId, fixture.year, 'Sprachmittlerpool Schmölln');
    const staff = await apiLogin(DEMO.staff);
    await apiCall(staff, 'POST', `/applications/${other.id}/start-review`);
    await apiCall(staff, 'PUT', `/applications/${other.id}/review`, {
      checklist: CODES.map((code) => ({ code, result: code === 'SUBJECT_COSTS_PLAUSIBLE' ? 'NOT_OK' : 'OK', note: code === 'SUBJECT_COSTS_PLAUSIBLE' ? 'Honorare über dem Richtwert; im Bescheid gekürzt.' : null })),
      votum: { recommendation: 'APPROVE_PARTIAL', proposedAmount: '80000.00', reasons: 'Sprachmittlung wird gebraucht; Honorare auf den Richtwert begrenzt.' },
    });
    const d = await apiCall<{ id: string }>(staff, 'POST', `/applications/${other.id}/propose-decision`, { instrument: 'BESCHEID', financingType: 'DEFICIT', maxAmount: '80000.00' });
    const phone = await session({ width: 390, height: 844 });
    await login(phone.page, DEMO.approver);
    await phone.page.goto(`/bescheide/${d.id}`);
    await settled(phone.page);
    await expect.poll(() => phone.page.getByTestId('budget-effect').isVisible()).toBe(true);
    await expectNoSidewaysScroll(phone.page, 'Freigabe eines Bescheids (390 px)');
    await shot(phone.page, 'freigabe-390');
    for (const [testId, step] of [['proposal-context', 'grundlage-390'], ['budget-effect', 'haushaltswirkung-390']] as const) {
      await phone.page.getByTestId(testId).scrollIntoViewIfNeeded();
      await viewShot(phone.page, step);
    }
    await phone.page.getByRole('button', { name: 'Freigeben …' }).click();
    await expect.poll(() => phone.page.getByRole('dialog').isVisible()).toBe(true);
    await expectNoSidewaysScroll(phone.page, 'Bestätigung der Freigabe (390 px)');
    await viewShot(phone.page, 'bestaetigung-390');
    await phone.page.getByRole('dialog').getByRole('button', { name: 'Abbrechen' }).click();
    await expect.poll(() => phone.page.getByRole('dialog').isVisible()).toBe(false);
  });

  it('Mittelabruf and Festsetzung: the approver reads who checked or proposed and the checklist, at 1366 and 390 px', async () => {
    const staff = await apiLogin(DEMO.staff);
    const requests = await apiCall<{ items: { id: string; status: string }[] }>(staff, 'GET', '/payment-requests?status=CHECKED&limit=10');
    const settlements = await apiCall<{ id: string }[]>(staff, 'GET', '/settlements');
    for (const viewport of [{ width: 1366, height: 900 }, { width: 390, height: 844 }]) {
      const { page } = await session(viewport);
      await login(page, DEMO.approver);
      await page.goto(`/mittelabrufe/${requests.items[0]!.id}`);
      await settled(page);
      const check = page.getByTestId('check-context');
      await expect.poll(() => check.textContent()).toContain('Sabine Kretzschmar (Sachbearbeitung, Demo)');
      await expect.poll(() => check.textContent()).toContain('Bankverbindung des Trägers bestätigt');
      await expect.poll(() => page.getByRole('button', { name: 'Auszahlung freigeben …' }).isVisible()).toBe(true);
      await expectNoSidewaysScroll(page, `Mittelabruf zur Freigabe (${viewport.width} px)`);
      await shot(page, `mittelabruf-${viewport.width}`);
      await page.goto(`/festsetzungen/${settlements[0]!.id}`);
      await settled(page);
      await expect.poll(() => page.getByTestId('proposal-context').textContent()).toContain('Prüfvermerk abgeschlossen');
      await expectNoSidewaysScroll(page, `Festsetzung (${viewport.width} px)`);
      await shot(page, `festsetzung-${viewport.width}`);
    }
  });

  it('the Sachgebietsleitung (STAFF and APPROVER) is not offered Freigeben on her own proposal and reads why', async () => {
    const own = await submittedApplication(DEMO.provider, fixture.callId, fixture.year, 'Familienlotsen Meuselwitz');
    const { page } = await session({ width: 1366, height: 900 });
    await login(page, DEMO.sachgebietsleitung);
    await page.goto(`/antraege/${own.id}/pruefung`);
    await settled(page);
    await page.getByRole('button', { name: 'Prüfung beginnen' }).click();
    await expect.poll(() => page.getByText('in Prüfung', { exact: true }).isVisible()).toBe(true);
    for (const point of POINTS) await page.getByLabel(`Ergebnis: ${point}`).selectOption('OK');
    await page.getByLabel('Votum', { exact: true }).selectOption('APPROVE');
    await page.getByLabel('Begründung des Votums').fill('Lotsenangebot für Familien; Bedarf belegt.');
    await page.getByRole('button', { name: 'Bewilligung vorschlagen' }).click();
    await page.waitForURL(/\/bescheide\/[0-9a-f-]{36}$/);
    await settled(page);
    await expect
      .poll(() => page.getByTestId('approval-blocked').textContent())
      .toBe('Sie haben diesen Bescheid selbst vorgeschlagen; die Freigabe muss eine andere Person mit Zeichnungsbefugnis erteilen.');
    expect(await page.getByRole('button', { name: /^Freigeben/ }).count()).toBe(0);
    // She may still send it back, and read what a colleague will sign.
    await expect.poll(() => page.getByRole('button', { name: /Zurückgeben/ }).isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('button', { name: 'Entwurf des Bescheids ansehen (PDF)' }).isVisible()).toBe(true);
    await shot(page, 'eigener-vorschlag');
  });
});

