/**
 * The journeys of issue 10 in a real browser: (a) a Träger applies, (b) staff review and
 * propose, (c) an approver approves (and the proposer is refused under four eyes), (d) the Träger
 * requests money (sees the allowed amount under the 2-month rule, is refused above it, submits),
 * (e) an auditor exports the Bewilligungsliste and downloads it (an xlsx with its sheet); beyond
 * the five of the issue, (f) a Träger proves the use of the money (Sachbericht, Belegliste template,
 * upload with progress and the row/column error list, submit) and staff check it (sample, per-Beleg
 * decision, line-by-line final grant, Prüfvermerk).
 * Screenshots: var/e2e-artifacts/<journey>/.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS } from './env';
import { apiCall, apiLogin, berlinDate, DEMO, launch, login, logout, newSession, openCallFixture, screenshotOnFailure, screenshots, seriousViolations, settled, type Session } from './support';

describe.sequential('Journeys: Antrag → Prüfung → Vorschlag → Freigabe', () => {
  let browser: Browser;
  let fixture: { callId: string; year: number; callTitle: string };
  let applicationId = '';
  let reference = '';
  let decisionId = '';
  let paymentRequestId = '';
  const sessions: Session[] = [];
  const session = async () => {
    const s = await newSession(browser);
    sessions.push(s);
    return s;
  };

  beforeAll(async () => {
    browser = await launch();
    fixture = await openCallFixture();
  });
  afterEach(async (ctx) => {
    await screenshotOnFailure(ctx.task, sessions);
  });
  afterAll(async () => {
    for (const s of sessions) expect(s.problems, 'console/page errors').toEqual([]);
    await browser?.close();
  });

  it('(a) a Träger applies: plan balance, refusal while unbalanced, API error next to its field, submit', async () => {
    const shot = screenshots('a-traeger-stellt-antrag');
    const { page } = await session();
    await login(page, DEMO.provider);
    await expect.poll(() => page.getByRole('heading', { name: 'Start', level: 1 }).isVisible()).toBe(true);
    await shot(page, 'startseite');

    // The demo's own open call (with Pflichtanlagen) is open too: apply to this journey's call by its title.
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Anträge' }).click();
    await page.getByRole('link', { name: `Neuen Antrag stellen: ${fixture.callTitle} (Frist` }).and(page.locator(`[href$="aufruf=${fixture.callId}"]`)).click();
    await page.waitForURL(`**/antraege/neu?aufruf=${fixture.callId}`);
    await expect.poll(() => page.getByRole('heading', { name: 'Neuer Antrag' }).isVisible()).toBe(true);

    await page.getByLabel('Titel des Projekts').fill('Migrationsberatung Altenburg-Nord');
    await page.getByLabel('Zweck (was wird mit der Zuwendung erreicht?)').fill('Soziale Beratung und Begleitung anerkannter Geflüchteter bei Behördengängen, Wohnungssuche und Arbeitsaufnahme.');
    await page.getByLabel('Zielgruppe').fill('anerkannte Geflüchtete in Altenburg-Nord');
    await page.getByLabel('Arbeitsmarkt, Qualifizierung und wirtschaftliche Teilhabe').check();
    await page.getByLabel('Sozialraum').selectOption({ label: 'Altenburg' });
    await page.getByLabel('Gemeinde').fill('Altenburg');
    // A period beyond the budget year: only the API knows the year, so its error must land on the field.
    await page.getByLabel('Durchführungszeitraum von').fill(`${fixture.year}-01-01`);
    await page.getByLabel('Durchführungszeitraum bis').fill(`${fixture.year + 1}-03-31`);
    await page.getByLabel('Geplanter Maßnahmebeginn').fill(`${fixture.year}-01-01`);
    await page.getByLabel('Name', { exact: true }).fill('Maria Schubert');
    await page.getByLabel('E-Mail-Adresse').fill('maria.schubert@example.org');

    // Personal 64.800 = 5.400 € × 1,0 VZÄ × 12 Monate (the API checks that positions and costs agree).
    await page.getByLabel('Beschreibung der Kosten, Zeile 1').fill('Sozialberatung 1,0 VZÄ');
    await page.getByLabel('Betrag der Kosten in Euro, Zeile 1').fill('64.800,00');
    await page.getByRole('button', { name: 'Kostenzeile hinzufügen' }).click();
    await page.getByLabel('Kostenart, Zeile 2').selectOption('MATERIAL_ADMIN');
    await page.getByLabel('Beschreibung der Kosten, Zeile 2').fill('Miete, Telefon, Büro, Sprachmittlung');
    await page.getByLabel('Betrag der Kosten in Euro, Zeile 2').fill('35.200,00');
    await page.getByLabel('Betrag der Finanzierung in Euro, Zeile 1').fill('10.000,00');
    await page.getByLabel('Betrag der Finanzierung in Euro, Zeile 2').fill('80.000,00');
    await page.getByRole('button', { name: 'Personalstelle hinzufügen' }).click();
    await page.getByLabel('Stelle, Zeile 1').fill('Sozialberater/in');
    await page.getByLabel('Entgeltgruppe, Zeile 1').fill('TV-L E 9b');
    await page.getByLabel('Arbeitgeberbrutto je Monat, Zeile 1').fill('5.400,00');
    await page.getByLabel('TV-L-Vergleichsbetrag je Monat, Zeile 1').fill('5.000,00');
    await page.getByLabel('Vollzeitäquivalente, Zeile 1').fill('1');
    await page.getByLabel('Monate, Zeile 1').fill('12');

    // Σ Kosten 100.000 − Σ Finanzierung 90.000 = 10.000: refused without a request.
    await expect.poll(() => page.getByTestId('plan-balance-amount').textContent()).toBe('10.000,00\u00a0€');
    await page.getByRole('button', { name: 'Antrag einreichen' }).click();
    await expect.poll(() => page.getByTestId('submit-refusal').textContent()).toContain('0,00 € beträgt');
    await shot(page, 'saldo-nicht-ausgeglichen');

    await page.getByLabel('Betrag der Finanzierung in Euro, Zeile 2').fill('90.000,00');
    await expect.poll(() => page.getByTestId('plan-balance-amount').textContent()).toBe('0,00\u00a0€');

    // The API refuses the period: its German message appears next to "Durchführungszeitraum von".
    await page.getByRole('button', { name: 'Antrag einreichen' }).click();
    const periodStart = page.getByLabel('Durchführungszeitraum von');
    await expect.poll(() => periodStart.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await periodStart.getAttribute('aria-describedby'))!.split(' ').pop()!;
    await expect.poll(() => page.locator(`[id="${describedBy}"]`).textContent()).toContain('Bewilligungszeitraum des Haushaltsjahres');
    await shot(page, 'api-fehler-am-feld');

    await page.getByLabel('Durchführungszeitraum bis').fill(`${fixture.year}-12-31`);
    await page.getByRole('button', { name: 'Antrag einreichen' }).click();
    await page.waitForURL(/\/antraege\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.getByText('Antrag eingereicht').first().isVisible()).toBe(true);
    const heading = (await page.getByRole('heading', { level: 1 }).textContent()) ?? '';
    expect(heading).toMatch(new RegExp(`^Antrag A-${fixture.year}-\\d{4}$`));
    reference = heading.replace('Antrag ', '');
    applicationId = page.url().split('/').pop()!;
    await expect.poll(() => page.getByText('eingereicht', { exact: true }).first().isVisible()).toBe(true);
    await shot(page, 'eingereicht');
  });

  it('(b) staff review the application (checks, checklist, Votum) and propose a Bewilligung', async () => {
    expect(applicationId).not.toBe('');
    const shot = screenshots('b-pruefung-und-vorschlag');
    const { page } = await session();
    await login(page, DEMO.staff);
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Arbeitsliste' }).click();
    const item = page.getByRole('link', { name: new RegExp(reference) });
    await expect.poll(() => item.isVisible()).toBe(true);
    await shot(page, 'arbeitsliste');
    await item.click();
    await page.waitForURL(`**/antraege/${applicationId}/pruefung`);

    await page.getByRole('button', { name: 'Prüfung beginnen' }).click();
    await expect.poll(() => page.getByText('in Prüfung', { exact: true }).isVisible()).toBe(true);
    // Besserstellungsverbot: 5.400 € against 5.000 € TV-L is flagged; no early start.
    await expect.poll(() => page.getByTestId('flag-besserstellung').textContent()).toMatch(/Besserstellung bei 1 Stelle(?!\()/);
    await expect.poll(() => page.getByTestId('flag-early-start').textContent()).toContain('förderfähig ab');
    await shot(page, 'pruefung-mit-hinweisen');

    // Every point decided (issue 16: an open point keeps the proposal from the approver).
    for (const point of ['Antrag vollständig', 'rechtsverbindlich unterschrieben', 'Frist eingehalten', 'Träger antragsberechtigt', 'passt zum Handlungsfeld', 'Bedarf im Sozialraum belegt', 'Kosten plausibel']) {
      await page.getByLabel(`Ergebnis: ${point}`).selectOption('OK');
    }
    await page.getByLabel('Vermerk: Kosten plausibel').fill('Personal über TV-L wird gekürzt.');
    await page.getByLabel('Votum', { exact: true }).selectOption('APPROVE');
    await page.getByLabel('Begründung des Votums').fill('Bedarf im Sozialraum Altenburg belegt; Arbeitsmarktintegration.');
    await page.getByRole('button', { name: 'Prüfvermerk speichern' }).click();
    await expect.poll(() => page.getByText('Prüfvermerk gespeichert').isVisible()).toBe(true);

    await expect.poll(() => page.getByLabel('Höchstbetrag in €').inputValue()).toBe('90.000,00');
    await page.getByLabel('Besondere Nebenbestimmungen (eine je Zeile)').fill('Quartalsweise Kurzberichte an das Integrationsmanagement.');
    await shot(page, 'vorschlag');
    await page.getByRole('button', { name: 'Bewilligung vorschlagen' }).click();
    await page.waitForURL(/\/bescheide\/[0-9a-f-]{36}$/);
    decisionId = page.url().split('/').pop()!;
    await expect.poll(() => page.getByText('Vorschlag gespeichert').isVisible()).toBe(true);
    await shot(page, 'vorschlag-gespeichert');
  });

  it('(c) four eyes: the proposer is refused in German; an approver approves; the Träger sees the version', async () => {
    expect(decisionId).not.toBe('');
    const shot = screenshots('c-freigabe');

    // A colleague with both roles proposes for another application and may not approve it.
    const admin = await apiLogin(DEMO.admin);
    await apiCall(admin, 'POST', '/users', { email: 'doppelrolle@altenburgerland.de', displayName: 'Dora Doppelrolle', password: 'Ein-sicheres-Passwort-1', roles: ['STAFF', 'APPROVER'] });
    const dual = await apiLogin('doppelrolle@altenburgerland.de', 'Ein-sicheres-Passwort-1');
    const provider = await apiLogin(DEMO.provider2);
    const other = await apiCall<{ id: string }>(provider, 'POST', '/applications', {
      callId: fixture.callId,
      title: 'Begegnungscafé Meuselwitz',
      purpose: 'Offene Beratung im Begegnungscafé.',
      targetGroup: 'anerkannte Geflüchtete in Meuselwitz',
      fieldsOfAction: ['HOUSING_SOCIAL_INFRASTRUCTURE'],
      socialAreaCode: 'MEUSELWITZ_LUCKA_ROSITZ',
      periodStart: `${fixture.year}-01-01`,
      periodEnd: `${fixture.year}-12-31`,
      plannedStart: `${fixture.year}-01-01`,
      contactName: 'Jonas Weber',
      contactEmail: 'jonas.weber@example.org',
      betterPositionRespected: true,
      financingPlan: {
        costLines: [{ category: 'MATERIAL_ADMIN', description: 'Miete und Material', amount: '20000.00' }],
        personnelPositions: [],
        fundingLines: [
          { kind: 'OWN_FUNDS', source: 'Eigenmittel', amount: '2000.00' },
          { kind: 'GRANT', source: 'Zuwendung', amount: '18000.00' },
        ],
      },
    });
    await apiCall(provider, 'POST', `/applications/${other.id}/submit`);
    await apiCall(dual, 'POST', `/applications/${other.id}/start-review`);
    await apiCall(dual, 'PUT', `/applications/${other.id}/review`, {
      checklist: ['FORMAL_COMPLETE', 'FORMAL_SIGNED', 'FORMAL_DEADLINE_MET', 'FORMAL_PROVIDER_ELIGIBLE', 'SUBJECT_FITS_FIELD', 'SUBJECT_LOCAL_NEED', 'SUBJECT_COSTS_PLAUSIBLE'].map((code) => ({ code, result: 'OK' })),
      votum: { recommendation: 'APPROVE', reasons: 'Begegnungsangebot im Sozialraum Meuselwitz belegt.' },
    });
    const own = await apiCall<{ id: string }>(dual, 'POST', `/applications/${other.id}/propose-decision`, { instrument: 'VERTRAG', financingType: 'DEFICIT', maxAmount: '18000.00' });

    const dualSession = await session();
    await login(dualSession.page, 'doppelrolle@altenburgerland.de', 'Ein-sicheres-Passwort-1');
    await dualSession.page.goto(`/bescheide/${own.id}`);
    // The API omits `approve` for the proposer: the page explains why and offers no Freigeben button.
    await expect
      .poll(() => dualSession.page.getByTestId('approval-blocked').textContent())
      .toBe('Sie haben diesen Vertrag selbst vorgeschlagen; die Freigabe muss eine andere Person mit Zeichnungsbefugnis erteilen.');
    await expect.poll(() => dualSession.page.getByText(/Vier-Augen-Prinzip/).isVisible()).toBe(true);
    expect(await dualSession.page.getByRole('button', { name: /^Freigeben/ }).count()).toBe(0);
    await shot(dualSession.page, 'eigener-vorschlag-abgelehnt');

    // The approver finds the proposal in the worklist and approves it.
    const { page } = await session();
    await login(page, DEMO.approver);
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Arbeitsliste' }).click();
    const item = page.locator(`a[href="/bescheide/${decisionId}"]`);
    await expect.poll(() => item.isVisible()).toBe(true);
    await shot(page, 'arbeitsliste-freigabe');
    await item.click();
    await page.waitForURL(`**/bescheide/${decisionId}`);
    await expect.poll(() => page.getByRole('heading', { name: 'Offener Vorschlag' }).isVisible()).toBe(true);
    // Freigeben asks first, naming the Aktenzeichen and the amount.
    await page.getByRole('button', { name: 'Freigeben …' }).click();
    const confirm = page.getByRole('dialog', { name: /freigeben\?$/ });
    await expect.poll(() => confirm.textContent()).toContain('90.000,00');
    await confirm.getByRole('button', { name: 'Ja, freigeben' }).click();
    await expect.poll(() => page.getByText('Freigegeben', { exact: true }).isVisible()).toBe(true);
    await expect.poll(() => page.getByText('in Kraft', { exact: true }).first().isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('heading', { name: 'Geltende Fassung' }).isVisible()).toBe(true);
    await shot(page, 'freigegeben');
    // The Bescheid as PDF: the worker renders it (the scan would pick it up within minutes; asked for at once here).
    await page.getByRole('button', { name: 'Schreiben jetzt erzeugen' }).click();
    await expect.poll(() => page.getByTestId('letters').textContent(), { timeout: 45_000 }).toContain('fertig');
    await logout(page);
    await expect.poll(() => page.getByText('Sie haben sich abgemeldet.').isVisible()).toBe(true);

    // The Träger sees the Bescheid with its version history, and the VN deadline on the start page.
    const traeger = await session();
    await login(traeger.page, DEMO.provider);
    await traeger.page.goto(`/bescheide/${decisionId}`);
    const versions = traeger.page.getByTestId('decision-versions');
    await expect.poll(() => versions.textContent()).toContain('freigegeben');
    await expect.poll(() => versions.textContent()).toContain('90.000,00');
    await shot(traeger.page, 'traeger-sieht-bescheid');
    const letters = traeger.page.getByTestId('letters');
    await expect.poll(() => letters.textContent()).toContain('fertig');
    const [pdf] = await Promise.all([traeger.page.waitForEvent('download'), letters.getByRole('button', { name: /^PDF herunterladen/ }).first().click()]);
    expect(pdf.suggestedFilename()).toMatch(/\.pdf$/);
    const pdfFile = path.join(ARTIFACTS, 'c-freigabe', pdf.suggestedFilename());
    await pdf.saveAs(pdfFile);
    expect(readFileSync(pdfFile).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await traeger.page.getByRole('link', { name: 'Start' }).click();
    await expect.poll(() => traeger.page.getByText(/Verwendungsnachweis FF-/).first().isVisible()).toBe(true);
    await shot(traeger.page, 'traeger-startseite-fristen');
  });

  it('(d) the Träger requests money: the allowed amount under the 2-month rule before submitting, refusal above it, submit', async () => {
    expect(decisionId).not.toBe('');
    const shot = screenshots('d-mittelabruf');
    const { page, problems } = await session();
    await login(page, DEMO.provider);
    await page.goto(`/bescheide/${decisionId}`);
    await page.getByRole('link', { name: 'Mittel abrufen' }).click();
    await page.waitForURL(`**/mittelabrufe/neu?bescheid=${decisionId}`);
    await settled(page);
    await expect.poll(() => page.getByLabel('Bescheid oder Vertrag').inputValue()).toBe(decisionId);

    // The money is wanted from 4 January of the project year; payments due within the two months after.
    const year = fixture.year;
    await page.getByLabel('Gewünschter Wertstellungstag').fill(`${year}-01-04`);
    await page.getByLabel('Fällig am, Zeile 1').fill(`${year}-01-30`);
    await page.getByLabel('Kostenart, Zeile 1').selectOption('PERSONNEL');
    await page.getByLabel('Wofür, Zeile 1').fill('Gehalt Sozialberatung Januar');
    await page.getByLabel('Betrag in Euro, Zeile 1').fill('5.400,00');
    await page.getByRole('button', { name: 'Zahlung hinzufügen' }).click();
    await page.getByLabel('Fällig am, Zeile 2').fill(`${year}-02-27`);
    await page.getByLabel('Empfänger, Zeile 2').selectOption('SUPPLIER');
    await page.getByLabel('Kostenart, Zeile 2').selectOption('MATERIAL_ADMIN');
    await page.getByLabel('Wofür, Zeile 2').fill('Miete Beratungsbüro Februar');
    await page.getByLabel('Betrag in Euro, Zeile 2').fill('2.600,00');
    await expect.poll(() => page.getByTestId('due-sum').textContent()).toBe('8.000,00\u00a0€');
    await page.getByLabel('Angeforderter Betrag in €').fill('8.000,00');

    // Fehlbedarfsfinanzierung 90.000 of 100.000: only 90 % of what falls due may be requested.
    await page.getByRole('button', { name: 'Abrufbaren Betrag berechnen' }).click();
    await expect.poll(() => page.getByTestId('allowed-amount').textContent()).toBe('7.200,00\u00a0€');
    await expect.poll(() => page.getByTestId('limit-exceeded').isVisible()).toBe(true);
    await shot(page, 'abrufbarer-betrag');
    expect(await seriousViolations(page)).toEqual([]);

    // Submitting more than allowed is refused before anything is stored, next to the amount.
    await page.getByRole('button', { name: 'Mittelabruf einreichen' }).click();
    const amount = page.getByLabel('Angeforderter Betrag in €');
    await expect.poll(() => amount.getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => page.getByTestId('field-error').first().textContent()).toMatch(/Höchstens 7\.200,00\s€ abrufbar\./);
    expect(page.url()).toContain('/mittelabrufe/neu');
    await shot(page, 'zu-viel-abgelehnt');

    await page.getByRole('button', { name: /Abrufbaren Betrag übernehmen/ }).click();
    await expect.poll(() => amount.inputValue()).toBe('7.200,00');
    await page.getByRole('button', { name: 'Mittelabruf einreichen' }).click();
    await page.waitForURL(/\/mittelabrufe\/[0-9a-f-]{36}$/);
    paymentRequestId = page.url().split('/').pop()!;
    await expect.poll(() => page.getByText('Mittelabruf eingereicht').isVisible()).toBe(true);
    await expect.poll(() => page.getByText('eingereicht', { exact: true }).first().isVisible()).toBe(true);
    const heading = (await page.getByRole('heading', { level: 1 }).textContent()) ?? '';
    expect(heading).toMatch(/^Mittelabruf FF-\d{4}-\d{4}\/1$/);
    await expect.poll(() => page.getByText(/^Evangelisches Sozialwerk Pleißenland e\.V\. \(Demo\) · Bescheid FF-\d{4}-\d{4}$/).isVisible()).toBe(true);
    await expect.poll(() => page.getByTestId('limit').textContent()).toContain('7.200,00');
    await shot(page, 'eingereicht');

    // The Träger's list shows the request with its status.
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Mittelabrufe' }).click();
    const row = page.getByTestId('payment-requests').getByRole('row').filter({ hasText: heading.replace('Mittelabruf ', '') });
    await expect.poll(() => row.textContent()).toContain('eingereicht');
    await expect.poll(() => row.textContent()).toContain('7.200,00');
    await shot(page, 'liste');
    expect(problems).toEqual([]);
  });

  it('(d2) staff check the Mittelabruf, an approver releases the payout, staff create the SEPA file and download it', async () => {
    expect(paymentRequestId).not.toBe('');
    const shot = screenshots('d2-pruefung-freigabe-sepa');
    const staff = await session();
    const { page } = staff;
    await login(page, DEMO.staff);
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Arbeitsliste' }).click();
    await page.locator(`a[href="/mittelabrufe/${paymentRequestId}"]`).click();
    await page.waitForURL(`**/mittelabrufe/${paymentRequestId}`);
    await settled(page);
    await expect.poll(() => page.getByLabel('Geprüfter Betrag in €').inputValue()).toBe('7.200,00');
    // Sachlich richtig: every point of the checklist, and the Prüfvermerk says why (issue 16).
    for (const point of ['Bescheid oder Vertrag erlassen und in Kraft', 'Betrag im Rahmen des Höchstbetrags und des abrufbaren Anteils', 'Bedarf für fällige Zahlungen im Abrufzeitraum belegt (2-Monats-Regel)', 'Bankverbindung des Trägers bestätigt']) {
      await page.getByLabel(`Ergebnis: ${point}`).selectOption('OK');
    }
    await page.getByLabel('Prüfvermerk (Begründung)').fill('Fällige Zahlungen plausibel.');
    await page.getByRole('button', { name: 'Prüfung abschließen' }).click();
    await expect.poll(() => page.getByText('sachlich geprüft', { exact: true }).first().isVisible()).toBe(true);
    await shot(page, 'sachlich-geprueft');

    const approver = await session();
    await login(approver.page, DEMO.approver);
    await approver.page.goto(`/mittelabrufe/${paymentRequestId}`);
    await settled(approver.page);
    await approver.page.getByRole('button', { name: 'Auszahlung freigeben …' }).click();
    await approver.page.getByRole('dialog').getByRole('button', { name: 'Ja, Auszahlung freigeben' }).click();
    await expect.poll(() => approver.page.getByRole('status').filter({ hasText: 'Zur Auszahlung freigegeben' }).isVisible()).toBe(true);
    await shot(approver.page, 'freigegeben');
    expect(approver.problems).toEqual([]);

    // Staff put the released payout into a SEPA credit-transfer file and download it for the bank.
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Auszahlungen' }).click();
    await page.waitForURL('**/auszahlungen');
    await settled(page);
    const reference = (await page.getByTestId('approved-disbursements').getByRole('link', { name: /\/1$/ }).filter({ hasText: `FF-${fixture.year}-` }).first().textContent())!;
    await page.getByLabel(`${reference} auswählen`).check();
    // the next working day
    let days = 1;
    while ([0, 6].includes(new Date(`${berlinDate(days)}T12:00:00Z`).getUTCDay())) days += 1;
    await page.getByLabel('Ausführungsdatum').fill(berlinDate(days));
    await expect.poll(() => page.getByText(/1 Auszahlung ausgewählt, zusammen 7\.200,00\s€/).isVisible()).toBe(true);
    await shot(page, 'auswahl');
    await page.getByRole('button', { name: 'Zahlungsdatei erzeugen' }).click();
    await page.waitForURL(/\/auszahlungen\/dateien\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toMatch(/^Zahlungsdatei PF-\d{4}-\d{4}$/);
    const [xml] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'XML herunterladen' }).click()]);
    expect(xml.suggestedFilename()).toMatch(/\.xml$/);
    const xmlFile = path.join(ARTIFACTS, 'd2-pruefung-freigabe-sepa', xml.suggestedFilename());
    await xml.saveAs(xmlFile);
    const content = readFileSync(xmlFile, 'utf8');
    expect(content).toContain('pain.001.001.09');
    expect(content).toContain('<CtrlSum>7200.00</CtrlSum>');
    await shot(page, 'zahlungsdatei');
    expect(await seriousViolations(page)).toEqual([]);
    expect(staff.problems).toEqual([]);
  });

  it('(e) an auditor exports the Bewilligungsliste (xlsx), follows the progress and downloads it', async () => {
    const shot = screenshots('e-export-bewilligungsliste');
    const { page, problems } = await session();
    await login(page, DEMO.auditor);
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Exporte' }).click();
    await page.waitForURL('**/exporte');
    await settled(page);
    await page.getByLabel('Art des Exports').selectOption('APPROVALS');
    await page.getByLabel('Excel (xlsx)').check();
    await shot(page, 'auswahl');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Export erstellen' }).click();
    // While the worker writes the file the page shows its progress; then the download.
    const status = page.getByTestId('export-status');
    await expect.poll(() => status.textContent(), { timeout: 45_000, interval: 200 }).toMatch(/wird erstellt|ist fertig/);
    if (await page.getByTestId('export-progress').isVisible()) await shot(page, 'fortschritt');
    await expect.poll(() => status.textContent(), { timeout: 45_000 }).toContain('Bewilligungsliste ist fertig');
    await shot(page, 'fertig');

    const [download] = await Promise.all([page.waitForEvent('download'), status.getByRole('button', { name: 'Herunterladen' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^Bewilligungsliste_.*\.xlsx$/);
    const file = path.join(ARTIFACTS, 'e-export-bewilligungsliste', download.suggestedFilename());
    await download.saveAs(file);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.getWorksheet('Bewilligungsliste');
    expect(sheet, `sheets: ${workbook.worksheets.map((w) => w.name).join(', ')}`).toBeDefined();
    const text: string[] = [];
    sheet!.eachRow((r) => text.push((r.values as unknown[]).map((v) => String(v ?? '')).join(' ')));
    // The demo's decisions and the one approved in (c) are on the list.
    expect(text.join('\n')).toContain('FF-2026-0001');
    expect(sheet!.rowCount).toBeGreaterThan(3);

    // The history lists the export with its download.
    const history = page.getByTestId('export-history');
    await expect.poll(() => history.textContent()).toContain('Bewilligungsliste');
    await expect.poll(() => history.textContent()).toContain('fertig');
    await shot(page, 'verlauf');
    expect(problems).toEqual([]);
  });

  // The demo's FF-2026-0008 (Frauencafé Meuselwitz, 01.01.–30.06.2026, paid out, no VN yet) is the
  // main Träger's VN to do: its period is over whatever today is, so the final VN can be submitted.
  // That a final VN is refused before the period ended is covered in test/proof-helps.e2e-spec.ts.
  let proofUrlForReview = '';

  it('(f) the Träger proves the use (Belegliste upload with errors by row and column, then correct; the Ist from the Belege) and submits', async () => {
    const shot = screenshots('f-verwendungsnachweis-und-pruefung');
    const traeger = await session();
    const page = traeger.page;
    await login(page, DEMO.provider);
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Verwendungsnachweise' }).click();
    await page.waitForURL('**/nachweise');
    await settled(page);
    // Start the final VN of FF-2026-0008 from its deadline.
    await page.getByRole('button', { name: 'Verwendungsnachweis anlegen zu FF-2026-0008' }).click();
    await page.waitForURL(/\/nachweise\/[0-9a-f-]{36}$/);
    const proofUrl = new URL(page.url()).pathname;
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Verwendungsnachweis FF-2026-0008/VN');
    await settled(page);

    await page.getByLabel('Durchgeführte Maßnahme').fill('Wöchentliches Frauencafé mit Kinderbetreuung, Sprachübungen und Beratung zu Kita, Gesundheit und Sprachkursen.');
    await page.getByLabel('Erreichte Ziele').fill('Regelmäßige Teilnahme, zwölf Frauen in Integrations- und Sprachkurse vermittelt.');
    await page.getByLabel('Erreichte Zielgruppe').fill('geflüchtete Frauen aus Meuselwitz, Lucka und Rositz');
    // One input per Kennzahl of the project's Handlungsfeld (Teilhabe: Veranstaltungen, Teilnehmende).
    await page.getByLabel('Teilnehmende (Personen)').fill('38');
    await page.getByRole('button', { name: 'Sachbericht speichern' }).click();
    await expect.poll(() => page.getByText('Sachbericht gespeichert').isVisible()).toBe(true);

    // The template carries the approved plan's cost categories.
    const [template] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Vorlage herunterladen (xlsx)' }).click()]);
    expect(template.suggestedFilename()).toMatch(/\.xlsx$/);
    const templateFile = path.join(ARTIFACTS, 'f-verwendungsnachweis-und-pruefung', template.suggestedFilename());
    await template.saveAs(templateFile);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(templateFile);
    expect(workbook.worksheets.map((w) => w.name)).toContain('Belegliste');
    expect((workbook.getWorksheet('Belegliste')!.getRow(1).values as unknown[]).join('|')).toContain('Belegnummer');

    // A file with mistakes: nothing is taken over, every error is named with row and column.
    // The Belege lie inside the period (01.01.–30.06.2026), so none is in the future.
    const header = 'lfd. Nr.;Belegnummer;Belegdatum;Zahlungsdatum;Empfänger/Einzahler;Grund;Einnahme/Ausgabe;Kostenart;Bruttobetrag;Personalstelle';
    // The whole half year: six salaries of the post, six rents, electricity, material, three Sprachmittlungen.
    const months = ['01', '02', '03', '04', '05', '06'];
    const good = [
      '1;SW-2026-03;15.03.2026;16.03.2026;Stadtwerke Meuselwitz;Strom Begegnungsraum März;Ausgabe;MATERIAL_ADMIN;120,50;',
      '2;DM-2026-04;20.04.2026;22.04.2026;Sprachmittlung Mitteldeutschland eG;Dolmetschen Frauencafé April;Ausgabe;INTERPRETING;480,00;',
      '3;BM-2026-05;05.05.2026;06.05.2026;Bürobedarf Meier;Bastelmaterial Kinderbetreuung;Ausgabe;MATERIAL_ADMIN;89,90;',
      ...months.map((m, i) => `${4 + i};LJ-2026-${m};28.${m}.2026;28.${m}.2026;Personalkosten lt. Lohnjournal;Gehalt ${m}/2026;Ausgabe;PERSONNEL;2100,00;Sozialpädagogische Begleitung`),
      ...months.map((m, i) => `${10 + i};MI-2026-${m};03.${m}.2026;03.${m}.2026;Kirchgemeinde Meuselwitz;Raummiete Gemeindesaal ${m}/2026;Ausgabe;MATERIAL_ADMIN;300,00;`),
      '16;DM-2026-02;20.02.2026;23.02.2026;Sprachmittlung Mitteldeutschland eG;Dolmetschen Frauencafé Februar;Ausgabe;INTERPRETING;360,00;',
      '17;DM-2026-06;19.06.2026;22.06.2026;Sprachmittlung Mitteldeutschland eG;Dolmetschen Frauencafé Juni;Ausgabe;INTERPRETING;360,00;',
    ];
    const bad = [good[0], '2;DM-2026-04;32.04.2026;22.04.2026;Sprachmittlung Mitteldeutschland eG;Dolmetschen Frauencafé April;Ausgabe;INTERPRETING;480,00;', '3;BM-2026-05;05.05.2026;06.05.2026;Bürobedarf Meier;Bastelmaterial;Ausgabe;GIBTSNICHT;abc;'];
    const csv = (rows: string[]) => Buffer.from(`${[header, ...rows].join('\r\n')}\r\n`, 'utf8');
    const fileInput = page.getByLabel('Datei mit der Belegliste (xlsx oder csv)');
    await fileInput.setInputFiles({ name: 'Belegliste-fehlerhaft.csv', mimeType: 'text/csv', buffer: csv(bad) });
    await page.getByRole('button', { name: 'Hochladen und prüfen' }).click();
    await expect.poll(() => page.getByTestId('upload-progress').textContent()).toContain('Hochladen Belegliste-fehlerhaft.csv');
    const errors = page.getByTestId('import-errors');
    await expect.poll(() => errors.isVisible(), { timeout: 30_000 }).toBe(true);
    const errorRows = errors.getByRole('row');
    await expect.poll(() => errors.textContent()).toContain('Es wurde kein Beleg übernommen');
    const errorTexts = (await errorRows.allTextContents()).slice(1);
    expect(errorTexts.length).toBe(3);
    expect(errorTexts.some((t) => t.startsWith('3') && t.includes('Belegdatum'))).toBe(true);
    expect(errorTexts.some((t) => t.startsWith('4') && t.includes('Kostenart'))).toBe(true);
    expect(errorTexts.some((t) => t.startsWith('4') && t.includes('Bruttobetrag'))).toBe(true);
    await expect.poll(() => page.getByText('Noch keine Belege erfasst.').isVisible()).toBe(true);
    await shot(page, 'fehlerliste-zeile-spalte');
    expect(await seriousViolations(page)).toEqual([]);

    // The corrected and completed file: all 17 Belege are taken over.
    await fileInput.setInputFiles({ name: 'Belegliste.csv', mimeType: 'text/csv', buffer: csv(good) });
    await page.getByRole('button', { name: 'Hochladen und prüfen' }).click();
    await expect.poll(() => page.getByTestId('import-result').textContent(), { timeout: 30_000 }).toContain('17 Belege aus Belegliste.csv übernommen');
    await expect.poll(() => page.getByTestId('receipts').getByRole('row').count()).toBe(18);
    await expect.poll(() => page.getByTestId('receipts').textContent()).toContain('Sprachmittlung Mitteldeutschland eG');
    await shot(page, 'belegliste-uebernommen');

    // The Ist per plan line is what the Belege give; changing it needs a reason.
    await expect.poll(() => page.getByTestId('actual-total').textContent()).toBe('15.810,40\u00a0€');
    await page.getByRole('button', { name: 'Ist ändern, Sach- und Verwaltungsausgaben' }).click();
    await page.getByLabel('Ist in Euro, Sach- und Verwaltungsausgaben').fill('250,00');
    await page.getByRole('button', { name: 'Zahlen speichern' }).click();
    await expect.poll(() => page.getByText('Bitte begründen Sie, warum das Ist von der Belegliste abweicht.').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Belegliste übernehmen' }).click();
    await expect.poll(() => page.getByTestId('actual-total').textContent()).toBe('15.810,40\u00a0€');
    // Fehlbedarf: the Eigenmittel the Träger put in, as planned.
    await page.getByLabel('Eigenmittel (Ist) in €').fill('1620,00');
    await page.getByRole('button', { name: 'Zahlen speichern' }).click();
    await expect.poll(() => page.getByText('Zahlenmäßiger Nachweis gespeichert').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Verwendungsnachweis einreichen' }).click();
    proofUrlForReview = proofUrl;
    await expect.poll(() => page.getByText('Das Landratsamt prüft den Nachweis.').isVisible()).toBe(true);
    await expect.poll(() => page.getByText('eingereicht', { exact: true }).first().isVisible()).toBe(true);
    await shot(page, 'eingereicht');
    expect(traeger.problems).toEqual([]);
  });

  it('(f2) staff check the VN: sample, a decision per Beleg, the final grant, the Prüfvermerk', async () => {
    const shot = screenshots('f-verwendungsnachweis-und-pruefung');
    const proofUrl = proofUrlForReview;
    expect(proofUrl, 'the VN submitted in (f)').not.toBe('');
    // Staff: Prüfung with the sample, a decision on one Beleg and the line-by-line final grant.
    const staff = await session();
    const page = staff.page;
    await login(page, DEMO.staff);
    await page.goto(`${proofUrl}/pruefung`);
    await settled(page);
    await page.getByRole('button', { name: 'Prüfung beginnen' }).click();
    await expect.poll(() => page.getByText('Prüfung: in Bearbeitung').isVisible()).toBe(true);
    await page.getByLabel('Vollständig').selectOption('yes');
    await page.getByLabel('Plausibel').selectOption('yes');
    await page.getByLabel('Zweck erreicht (Sachbericht)').selectOption('yes');
    await page.getByRole('button', { name: 'Kursorische Prüfung speichern' }).click();
    await expect.poll(() => page.getByText('Kursorische Prüfung gespeichert').isVisible()).toBe(true);

    await page.getByLabel('Startwert (optional, sonst zufällig)').fill('journey-f');
    await page.getByRole('button', { name: 'Stichprobe ziehen' }).click();
    await expect.poll(() => page.getByTestId('sample-seed').textContent()).toBe('journey-f');
    const sample = page.getByTestId('review-receipts');
    await expect.poll(() => sample.getByRole('row').count()).toBeGreaterThan(1);
    await shot(page, 'stichprobe');
    expect(await seriousViolations(page)).toEqual([]);

    // Every Beleg of the sample gets a decision: the first is refused, the others recognised.
    const sampled = await sample.getByRole('button', { name: /^Entscheiden über Beleg/ }).count();
    for (let n = 0; n < sampled; n++) {
      await sample.getByRole('button', { name: /^Entscheiden über Beleg/ }).nth(n).click();
      const form = page.getByRole('form', { name: /^Entscheidung zu Beleg/ });
      await form.getByLabel('Ergebnis', { exact: true }).selectOption(n === 0 ? 'REFUSED' : 'RECOGNISED');
      if (n === 0) await form.getByLabel('Begründung').fill('Zahlung nicht dem Projekt zuzuordnen.');
      await form.getByRole('button', { name: 'Entscheidung speichern' }).click();
      await expect.poll(() => form.count()).toBe(0);
    }
    await expect.poll(() => sample.textContent()).toContain('nicht anerkannt');
    await expect.poll(() => sample.getByRole('row').filter({ hasText: /\boffen\b/ }).count()).toBe(0);

    // The final grant, line by line, with the refused Beleg deducted.
    const calculation = page.getByTestId('calculation');
    await expect.poll(() => calculation.textContent()).toContain('Kürzung Belege');
    await expect.poll(() => calculation.textContent()).toContain('Dolmetschleistungen');
    await expect.poll(() => page.getByTestId('final-grant').textContent()).toMatch(/\d,\d\d\s€/);
    await shot(page, 'belegentscheidung-und-berechnung');

    await page.getByLabel('Ergebnis der Prüfung').fill('Belege stichprobenweise geprüft; ein Beleg nicht anerkannt.');
    await page.getByRole('button', { name: 'Prüfvermerk abschließen' }).click();
    await expect.poll(() => page.getByText('Prüfung: abgeschlossen').isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('heading', { name: 'Festsetzung', exact: true }).isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('button', { name: 'Festsetzung vorschlagen' }).isVisible()).toBe(true);
    await shot(page, 'pruefvermerk-abgeschlossen');
    expect(staff.problems).toEqual([]);
  });
});
