import { CalendarDate, dec, decimalText, Money } from '@foerderfluss/core';
import { calculateRecoveryInterest } from '@foerderfluss/rules';
import {
  AmendmentLetterModel,
  extractPdfText,
  ForwardingContractModel,
  GrantDecisionLetterModel,
  LetterFinancingPlan,
  Letterhead,
  LetterModelError,
  LetterParameters,
  ProgrammeReference,
  ProofReviewRecordModel,
  ReceiptConfirmationModel,
  RecoveryLetterModel,
  RejectionLetterModel,
  renderAblehnungsbescheid,
  renderAenderungsbescheid,
  renderEingangsbestaetigung,
  renderPruefvermerk,
  renderRueckforderungsbescheid,
  renderWeiterleitungsvertrag,
  renderZuwendungsbescheid,
} from '.';

// ───────────────────────────────────────── fixtures ─────────────────────────────────────────

const REF = 'FF-2026-0007';

function letterhead(): Letterhead {
  return {
    name: 'Landkreis Altenburger Land – Landratsamt',
    department: 'Integrationsmanagement',
    districtName: 'Landkreis Altenburger Land',
    authorityName: 'Landratsamt Altenburger Land',
    address: { street: 'Lindenaustraße 9', postalCode: '04600', city: 'Altenburg' },
    phone: '03447 586-0',
    email: 'integrationsmanagement@altenburgerland.de',
    website: 'www.altenburgerland.de',
    bankAccounts: [{ bankName: 'Sparkasse Altenburger Land', iban: 'DE12830502000001234567', bic: 'HELADEF1ALT' }],
    officeHours: ['Di 9–12 und 13–18 Uhr', 'Do 9–12 und 13–15 Uhr'],
  };
}

function programme(): ProgrammeReference {
  return {
    guidelineTitle: 'Richtlinie zur Förderung der sozialen Beratung und Betreuung von anerkannten Flüchtlingen in Thüringen',
    guidelineCitation: 'ThürStAnz Nr. 5/2024',
    stateAuthority: 'Thüringer Landesverwaltungsamt',
    stateDecisionDate: '2026-01-08',
    stateDecisionReference: '250-5.4-2026/12',
  };
}

function parameters(): LetterParameters {
  return { paymentRequestHorizonMonths: 2, receiptRetentionYears: 5, interestSurchargePercentagePoints: '5', overrunTolerancePercent: '20' };
}

/** DOMAIN §3: Ausgaben 100.000 (Personal 80.000, Sach 15.000, Honorare 5.000), Eigenmittel 10.000. */
function plan(): LetterFinancingPlan {
  return {
    costLines: [
      { categoryName: 'Personalausgaben', description: 'Sozialarbeiterin (TV-L E 9b), 1,0 VZÄ, 12 Monate', amount: '62000.00' },
      { categoryName: 'Personalausgaben', description: 'Verwaltungskraft (TV-L E 5), 0,5 VZÄ, 12 Monate', amount: '18000.00' },
      { categoryName: 'Sach- und Verwaltungsausgaben', description: 'Miete Beratungsbüro Markt 5, Telefon, Büromaterial', amount: '15000.00' },
      { categoryName: 'Honorare', description: 'Supervision und Traumafachberatung', amount: '5000.00' },
    ],
    fundingLines: [
      { kind: 'OWN_FUNDS', source: 'Eigenmittel des Vereins', amount: '10000.00' },
      { kind: 'GRANT', source: 'Zuwendung Landkreis Altenburger Land', amount: '90000.00' },
    ],
  };
}

const recipient = () => ({
  name: 'Evangelisches Sozialwerk Pleißenland e. V.',
  additionalLines: ['Geschäftsführung'],
  address: { street: 'Markt 5', postalCode: '04600', city: 'Altenburg' },
});

function grantDecision(): GrantDecisionLetterModel {
  return {
    reference: REF,
    letterDate: '2026-01-20',
    applicationDate: '2025-10-15',
    versionNo: 1,
    recipient: recipient(),
    officer: { name: 'Frau Erika Muster', phone: '03447 586-412', room: '2.14' },
    deliveryNote: 'Gegen Empfangsbekenntnis',
    signatory: { name: 'Dr. Petra Beispiel', title: 'Fachdienstleiterin Integrationsmanagement' },
    programme: programme(),
    grant: {
      projectTitle: 'Migrationsberatung Altenburg Nord',
      purpose: 'die soziale Beratung und Betreuung anerkannter Flüchtlinge im Sozialraum Altenburg Nord',
      periodStart: '2026-01-01',
      periodEnd: '2026-12-31',
      financingType: 'SHARE',
      fundingRatePercent: '90',
      maxAmount: '90000.00',
      sourceSplit: { stateShare: '72000.00', districtShare: '18000.00' },
      eligibleFrom: '2026-01-05',
      earlyStartConsentDate: '2026-01-05',
      budgetLine: '31500.71800',
    },
    plan: plan(),
    conditions: {
      general: ['ANBest-P'],
      special: [
        'Die Beratung ist für die Ratsuchenden kostenfrei.',
        'Änderungen in der Besetzung der geförderten Stellen sind dem Landratsamt unverzüglich mitzuteilen.',
      ],
    },
    deadlines: { finalProofDue: '2027-06-30', interimProofs: [] },
    parameters: parameters(),
  };
}

// ───────────────────────────────────────── helpers ─────────────────────────────────────────

interface Read {
  pageCount: number;
  /** Text per page, no-break spaces as spaces, runs of white space collapsed. */
  pages: string[];
  all: string;
}

function read(pdf: Buffer): Read {
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(pdf.subarray(-6).toString('latin1')).toMatch(/%%EOF\s*$/);
  const text = extractPdfText(pdf);
  expect(text.pages).toHaveLength(text.pageCount);
  // Hyphenated terms never break at the hyphen.
  expect(text.pages.join('\n')).not.toMatch(/(ANBest|TV)-\s*\n/);
  const pages = text.pages.map((p) => p.replace(/\u00a0/g, ' ').replace(/\s+/g, ' ').trim());
  for (const page of pages) {
    // Every glyph decoded: nothing missing from the font (.notdef) and no unmapped code.
    expect(page.includes('\u0000') || page.includes('\ufffd')).toBe(false);
  }
  return { pageCount: text.pageCount, pages, all: pages.join('\n') };
}

/** The Aktenzeichen and "Seite i von n" on every page. */
function expectFrameOnEveryPage(r: Read, reference = REF): void {
  r.pages.forEach((page, i) => {
    expect(page).toContain(`Aktenzeichen: ${reference}`);
    expect(page).toContain(`Seite ${i + 1} von ${r.pageCount}`);
  });
}

function expectLegalRemedy(r: Read): void {
  expect(r.all).toContain('Rechtsbehelfsbelehrung');
  expect(r.all).toContain(
    'Gegen diesen Bescheid kann innerhalb eines Monats nach Bekanntgabe Widerspruch erhoben werden. Der Widerspruch ist ' +
      'schriftlich, in elektronischer Form nach § 3a Abs. 2 des Thüringer Verwaltungsverfahrensgesetzes (ThürVwVfG) oder ' +
      'zur Niederschrift beim Landratsamt Altenburger Land, Lindenaustraße 9, 04600 Altenburg, einzulegen.',
  );
}

// ───────────────────────────────────────── 1. Zuwendungsbescheid ─────────────────────────────────────────

describe('renderZuwendungsbescheid', () => {
  let pdf: Buffer;
  let r: Read;
  beforeAll(async () => {
    pdf = await renderZuwendungsbescheid(grantDecision(), letterhead());
    r = read(pdf);
  });

  it('is a PDF of four pages with the Aktenzeichen and "Seite x von 4" on every page', () => {
    expect(r.pageCount).toBe(4);
    expectFrameOnEveryPage(r);
  });

  it('has the letterhead, the address and the information block on page 1', () => {
    const first = r.pages[0]!;
    expect(first).toContain('Landkreis Altenburger Land – Landratsamt Integrationsmanagement');
    expect(first).toContain('Landratsamt Altenburger Land · Lindenaustraße 9 · 04600 Altenburg');
    expect(first).toContain('Gegen Empfangsbekenntnis Evangelisches Sozialwerk Pleißenland e. V. Geschäftsführung Markt 5 04600 Altenburg');
    expect(first).toContain('Ihr Antrag vom: 15.10.2025');
    expect(first).toContain(`Aktenzeichen: ${REF}`);
    expect(first).toContain('Bearbeitet von: Frau Erika Muster');
    expect(first).toContain('Telefon: 03447 586-412');
    expect(first).toContain('Datum: 20.01.2026');
    // contact and bank footer only on page 1
    expect(first).toContain('IBAN: DE12 8305 0200 0001 2345 67');
    expect(first).toContain('Sprechzeiten Di 9–12 und 13–18 Uhr');
    expect(r.pages.slice(1).join(' ')).not.toContain('IBAN');
  });

  it('states the Tenor: Bewilligung up to the Höchstbetrag, period, Finanzierungsart and source split', () => {
    expect(r.all).toContain('Zuwendungsbescheid (Weiterleitungsbescheid)');
    expect(r.all).toContain(
      'Der Landkreis Altenburger Land bewilligt Ihnen für das Projekt „Migrationsberatung Altenburg Nord“ für den ' +
        'Bewilligungszeitraum vom 01.01.2026 bis 31.12.2026 eine Zuwendung zur Projektförderung',
    );
    expect(r.all).toContain('90.000,00 € (Höchstbetrag)');
    expect(r.all).toContain(
      'Die Zuwendung wird als Anteilfinanzierung in Höhe von 90 % der zuwendungsfähigen Ausgaben, höchstens jedoch in Höhe von 90.000,00 €, gewährt.',
    );
    expect(r.all).toContain('davon Landesmittel 72.000,00 € (80,00 %)');
    expect(r.all).toContain('davon Kreismittel 18.000,00 € (20,00 %)');
    expect(r.all).toContain('Zuwendungsfähig ab 05.01.2026 (Zustimmung zum vorzeitigen Maßnahmebeginn vom 05.01.2026)');
    expect(r.all).toContain('Haushaltsstelle 31500.71800');
    expect(r.all).toContain('Zuwendungsbescheides an den Landkreis Altenburger Land vom 08.01.2026 (Az. 250-5.4-2026/12)');
  });

  it('prints the approved plan by Kostenart with subtotals and totals', () => {
    expect(r.all).toContain('Nr. Kostenart / Position Betrag');
    expect(r.all).toContain('1. Personalausgaben 1.1 Sozialarbeiterin (TV-L E 9b), 1,0 VZÄ, 12 Monate 62.000,00 €');
    expect(r.all).toContain('Summe Personalausgaben 80.000,00 €');
    expect(r.all).toContain('3.1 Supervision und Traumafachberatung 5.000,00 €');
    expect(r.all).toContain('Summe der Ausgaben 100.000,00 €');
    expect(r.all).toContain('Eigenmittel Eigenmittel des Vereins 10,00 % 10.000,00 €');
    expect(r.all).toContain('Zuwendung Zuwendung Landkreis Altenburger Land 90,00 % 90.000,00 €');
    expect(r.all).toContain('Summe der Finanzierung 100,00 % 100.000,00 €');
    expect(r.all).toContain('um bis zu 20 % überschritten');
  });

  it('has Nebenbestimmungen, VN deadline, Prüfungsrecht, Hinweise and Begründung', () => {
    expect(r.all).toContain(
      'Bestandteil dieses Bescheides sind die Allgemeinen Nebenbestimmungen für Zuwendungen zur Projektförderung (ANBest-P)',
    );
    expect(r.all).toContain('Die Beratung ist für die Ratsuchenden kostenfrei.');
    expect(r.all).toContain('Die Verwendung der Zuwendung ist bis zum 30.06.2027 nachzuweisen');
    expect(r.all).toContain('Thüringer Rechnungshof (Landesrechnungshof)');
    expect(r.all).toContain('Das gleiche Recht steht dem Land Thüringen (Thüringer Landesverwaltungsamt) zu.');
    expect(r.all).toContain('innerhalb von zwei Monaten nach der Auszahlung');
    expect(r.all).toContain('nach § 49a Abs. 3 ThürVwVfG vom Eintritt der Unwirksamkeit des Bescheides an mit fünf Prozentpunkten über dem Basiszinssatz');
    expect(r.all).toContain('fünf Jahre nach Vorlage des Verwendungsnachweises aufzubewahren');
    expect(r.all).toContain('IV. Begründung');
    expect(r.all).not.toContain('Zwischennachweis für das Jahr');
  });

  it('ends with the Rechtsbehelfsbelehrung, "Im Auftrag" and the signatory, kept on one page, then the Anlage', () => {
    expectLegalRemedy(r);
    const last = r.pages[r.pageCount - 1]!;
    expect(last).toContain('Rechtsbehelfsbelehrung');
    expect(last).toMatch(/Mit freundlichen Grüßen Im Auftrag Dr\. Petra Beispiel Fachdienstleiterin Integrationsmanagement/);
    expect(last).toContain('Anlage Allgemeine Nebenbestimmungen für Zuwendungen zur Projektförderung (ANBest-P)');
  });

  it('lists the Zwischennachweise when the period spans several years', async () => {
    const model = grantDecision();
    model.grant.periodEnd = '2027-12-31';
    model.deadlines = { finalProofDue: '2028-06-30', interimProofs: [{ year: 2026, due: '2027-04-30' }] };
    const multi = read(await renderZuwendungsbescheid(model, letterhead()));
    expect(multi.all).toContain('Zwischennachweis für das Jahr 2026: bis zum 30.04.2027');
    expect(multi.all).toContain('bis zum 30.06.2028 nachzuweisen');
  });

  it('is deterministic: the same model gives the same bytes, dated by the letter date', async () => {
    const again = await renderZuwendungsbescheid(grantDecision(), letterhead());
    expect(again.equals(pdf)).toBe(true);
    const raw = pdf.toString('latin1');
    expect(raw).toMatch(/\/CreationDate \d+ 0 R/);
    expect(raw).toContain('(D:20260120000000Z)');
    const later = grantDecision();
    later.letterDate = '2026-01-21';
    expect((await renderZuwendungsbescheid(later, letterhead())).equals(pdf)).toBe(false);
  });

  it('embeds Roboto (subset, TrueType) and uses no standard font; streams are compressed', () => {
    const raw = pdf.toString('latin1');
    expect(raw).toMatch(/\/FontName \/[A-Z]{6}\+Roboto-Regular/);
    expect(raw).toMatch(/\/FontName \/[A-Z]{6}\+Roboto-Medium/);
    expect(raw).toContain('/FontFile2');
    expect(raw).not.toMatch(/\/BaseFont \/(Helvetica|Times|Courier)/);
    expect(raw).toContain('/Filter /FlateDecode');
  });

  it('without compression writes the same text in readable content streams', async () => {
    const plain = await renderZuwendungsbescheid(grantDecision(), letterhead(), { compress: false });
    expect(plain.toString('latin1')).toMatch(/\] TJ/);
    expect(read(plain).pages).toEqual(r.pages);
  });
});

describe('a long financing plan', () => {
  it('breaks the table across pages and repeats its header row on each', async () => {
    const model = grantDecision();
    const categories = ['Personalausgaben', 'Sach- und Verwaltungsausgaben', 'Honorare', 'Dolmetschleistungen'];
    model.plan.costLines = Array.from({ length: 40 }, (_, i) => ({
      categoryName: categories[Math.floor(i / 10)]!,
      description: `Position ${String(i + 1).padStart(2, '0')}: Übersetzung und Beratung für Familien in Schmölln`,
      amount: '2500.00',
    }));
    const r = read(await renderZuwendungsbescheid(model, letterhead()));
    expectFrameOnEveryPage(r);
    const header = 'Nr. Kostenart / Position Betrag';
    const withLines = r.pages.filter((p) => /Position \d\d:/.test(p));
    expect(withLines.length).toBeGreaterThanOrEqual(2);
    for (const page of withLines) expect(page).toContain(header);
    for (let i = 1; i <= 40; i++) expect(r.all).toContain(`Position ${String(i).padStart(2, '0')}:`);
    expect(r.all).toContain('Summe Dolmetschleistungen 25.000,00 €');
    expect(r.all).toContain('Summe der Ausgaben 100.000,00 €');
    expect(r.pageCount).toBe(5);
  });
});

describe('model checks', () => {
  it('refuses a plan whose Ausgaben and Finanzierung differ', async () => {
    const model = grantDecision();
    model.plan.fundingLines[0]!.amount = '9999.99';
    await expect(renderZuwendungsbescheid(model, letterhead())).rejects.toThrow(LetterModelError);
    await expect(renderZuwendungsbescheid(model, letterhead())).rejects.toThrow(/Feld "plan": Ausgaben \(100\.000,00 €\) und Finanzierung \(99\.999,99 €\)/);
  });

  it('refuses a source split that does not add up, a bad date, a float amount and a SHARE without rate', async () => {
    const split = grantDecision();
    split.grant.sourceSplit.districtShare = '17999.99';
    await expect(renderZuwendungsbescheid(split, letterhead())).rejects.toThrow(/grant\.sourceSplit/);
    const date = grantDecision();
    date.letterDate = '2026-02-30';
    await expect(renderZuwendungsbescheid(date, letterhead())).rejects.toThrow(/letterDate/);
    const money = grantDecision();
    (money.grant as { maxAmount: unknown }).maxAmount = 90000;
    await expect(renderZuwendungsbescheid(money, letterhead())).rejects.toThrow(/grant\.maxAmount/);
    const rate = grantDecision();
    delete rate.grant.fundingRatePercent;
    await expect(renderZuwendungsbescheid(rate, letterhead())).rejects.toThrow(/grant\.fundingRatePercent/);
  });

  it('refuses a letterhead without bank details', async () => {
    const head = letterhead();
    head.bankAccounts = [];
    await expect(renderZuwendungsbescheid(grantDecision(), head)).rejects.toThrow(/letterhead\.bankAccounts/);
  });
});

// ───────────────────────────────────────── 2. Änderungsbescheid ─────────────────────────────────────────

function amendment(): AmendmentLetterModel {
  const amended = plan();
  amended.costLines[2]!.amount = '20000.00';
  amended.fundingLines[1]!.amount = '95000.00';
  return {
    reference: REF,
    letterDate: '2026-06-15',
    recipient: recipient(),
    officer: { name: 'Frau Erika Muster', phone: '03447 586-412' },
    signatory: { name: 'Dr. Petra Beispiel' },
    programme: programme(),
    projectTitle: 'Migrationsberatung Altenburg Nord',
    originalDecisionDate: '2026-01-20',
    previousVersionNo: 1,
    newVersionNo: 2,
    amendmentRequestDate: '2026-05-28',
    changes: [
      { subject: 'Höchstbetrag der Zuwendung', previous: { kind: 'money', amount: '90000.00' }, amended: { kind: 'money', amount: '95000.00' } },
      { subject: 'Sach- und Verwaltungsausgaben (Plan)', previous: { kind: 'money', amount: '15000.00' }, amended: { kind: 'money', amount: '20000.00' } },
      { subject: 'Fördersatz', previous: { kind: 'percent', percent: '90' }, amended: { kind: 'percent', percent: '90.47' } },
    ],
    newMaxAmount: '95000.00',
    newSourceSplit: { stateShare: '76000.00', districtShare: '19000.00' },
    amendedPlan: amended,
    reasons: ['Wegen des Umzugs der Beratungsstelle in größere Räume in der Sporenstraße erhöhen sich die Mietkosten um 5.000,00 €.'],
  };
}

describe('renderAenderungsbescheid', () => {
  it('states the changes from version 1 to 2, the new Höchstbetrag, "Im Übrigen gilt … fort" and the Rechtsbehelfsbelehrung', async () => {
    const r = read(await renderAenderungsbescheid(amendment(), letterhead()));
    expect(r.pageCount).toBe(2);
    expectFrameOnEveryPage(r);
    expect(r.all).toContain('Änderungsbescheid (1. Änderung) zum Zuwendungsbescheid vom 20.01.2026');
    expect(r.all).toContain('auf Ihren Änderungsantrag vom 28.05.2026 ergeht folgender Änderungsbescheid:');
    expect(r.all).toContain('Der Zuwendungsbescheid vom 20.01.2026 (Fassung 1) wird wie folgt geändert (Fassung 2):');
    expect(r.all).toContain('Regelung bisher (Fassung 1) neu (Fassung 2)');
    expect(r.all).toContain('Höchstbetrag der Zuwendung 90.000,00 € 95.000,00 €');
    expect(r.all).toContain('Fördersatz 90 % 90,47 %');
    expect(r.all).toContain('95.000,00 € (Höchstbetrag)');
    expect(r.all).toContain('Davon sind 76.000,00 € (80,00 %) Landesmittel und 19.000,00 € (20,00 %) Kreismittel.');
    expect(r.all).toContain('Summe der Ausgaben 105.000,00 €');
    expect(r.all).toContain('Im Übrigen gilt der Zuwendungsbescheid vom 20.01.2026 mit seinen Nebenbestimmungen unverändert fort.');
    expect(r.all).toContain('Sporenstraße erhöhen sich die Mietkosten um 5.000,00 €.');
    expectLegalRemedy(r);
  });

  it('names the earlier amendment and refuses a version that does not follow', async () => {
    const model = amendment();
    model.lastAmendmentDate = '2026-03-02';
    model.previousVersionNo = 2;
    model.newVersionNo = 3;
    delete model.amendedPlan;
    const r = read(await renderAenderungsbescheid(model, letterhead()));
    expect(r.all).toContain('Änderungsbescheid (2. Änderung)');
    expect(r.all).toContain('Im Übrigen gilt der Zuwendungsbescheid vom 20.01.2026 in der Fassung des Änderungsbescheides vom 02.03.2026');
    model.newVersionNo = 5;
    await expect(renderAenderungsbescheid(model, letterhead())).rejects.toThrow(/newVersionNo/);
  });
});

// ───────────────────────────────────────── 3. Ablehnungsbescheid ─────────────────────────────────────────

function rejection(): RejectionLetterModel {
  return {
    reference: 'FF-2026-0012',
    letterDate: '2026-02-10',
    recipient: { name: 'Jugend- und Familienhilfe Schmölln gGmbH', address: { street: 'Amtsplatz 3', postalCode: '04626', city: 'Schmölln' } },
    officer: { name: 'Herr Jörg Weiß', phone: '03447 586-415', email: 'joerg.weiss@altenburgerland.de' },
    signatory: { name: 'Dr. Petra Beispiel' },
    programme: programme(),
    applicationDate: '2025-11-30',
    projectTitle: 'Lotsenprojekt Ankommen in Schmölln',
    requestedAmount: '48500.00',
    periodStart: '2026-01-01',
    periodEnd: '2026-12-31',
    reasons: [
      'Die beantragten Investitionsausgaben (Fahrzeug) sind nach der Richtlinie nicht zuwendungsfähig.',
      'Die für das Haushaltsjahr 2026 verfügbaren Mittel sind durch vorrangige Vorhaben im Handlungsfeld Beratung gebunden.',
    ],
  };
}

function receiptConfirmation(): ReceiptConfirmationModel {
  return {
    reference: 'A-2026-0012',
    letterDate: '2025-09-03',
    recipient: recipient(),
    officer: { name: 'Integrationsmanagement', phone: '03447 586-0' },
    signatory: { name: 'Landratsamt Altenburger Land' },
    programme: programme(),
    applicationReference: 'A-2026-0012',
    receivedOn: '2025-09-03',
    versionNo: 1,
    projectTitle: 'Lotsenprojekt Ankommen in Schmölln',
    requestedAmount: '48500.00',
    periodStart: '2026-01-01',
    periodEnd: '2026-12-31',
    callTitle: 'Projektaufruf 2026',
  };
}

describe('renderEingangsbestaetigung', () => {
  it('confirms the day of receipt, says it is no Bewilligung, has no Rechtsbehelfsbelehrung', async () => {
    const r = read(await renderEingangsbestaetigung(receiptConfirmation(), letterhead()));
    expect(r.pageCount).toBe(1);
    expectFrameOnEveryPage(r, 'A-2026-0012');
    expect(r.all).toContain('Eingangsbestätigung');
    expect(r.all).toContain('am 03.09.2025 bei uns eingegangen ist. Er wird unter der Antragsnummer A-2026-0012 geführt');
    expect(r.all).toContain('Beantragt ist eine Zuwendung in Höhe von 48.500,00 € für das Projekt „Lotsenprojekt Ankommen in Schmölln“ im Zeitraum vom 01.01.2026 bis 31.12.2026.');
    expect(r.all).toContain('Diese Bestätigung ist keine Bewilligung');
    expect(r.all).not.toContain('Rechtsbehelfsbelehrung');
  });

  it('names a revised Antrag by its version, and refuses a model without one', async () => {
    const r = read(await renderEingangsbestaetigung({ ...receiptConfirmation(), versionNo: 2 }, letterhead()));
    expect(r.all).toContain('Ihr überarbeiteter Antrag (Fassung 2)');
    await expect(renderEingangsbestaetigung({ ...receiptConfirmation(), versionNo: 0 }, letterhead())).rejects.toThrow(LetterModelError);
  });
});

describe('renderAblehnungsbescheid', () => {
  it('rejects with reasons, no legal claim, and a Rechtsbehelfsbelehrung', async () => {
    const r = read(await renderAblehnungsbescheid(rejection(), letterhead()));
    expect(r.pageCount).toBe(2);
    expectFrameOnEveryPage(r, 'FF-2026-0012');
    expect(r.all).toContain(
      'Ihr Antrag vom 30.11.2025 auf Gewährung einer Zuwendung in Höhe von 48.500,00 € für das Projekt „Lotsenprojekt ' +
        'Ankommen in Schmölln“ für den Zeitraum vom 01.01.2026 bis 31.12.2026 wird abgelehnt.',
    );
    expect(r.all).toContain('Investitionsausgaben (Fahrzeug) sind nach der Richtlinie nicht zuwendungsfähig');
    expect(r.all).toContain('Ein Rechtsanspruch auf die Gewährung einer Zuwendung besteht nicht.');
    expect(r.all).toContain('E-Mail: joerg.weiss@altenburgerland.de');
    expectLegalRemedy(r);
  });

  it('needs at least one reason', async () => {
    const model = rejection();
    model.reasons = [];
    await expect(renderAblehnungsbescheid(model, letterhead())).rejects.toThrow(/reasons/);
  });
});

// ───────────────────────────────────────── 4. Weiterleitungsvertrag ─────────────────────────────────────────

function contract(): ForwardingContractModel {
  const g = grantDecision();
  return {
    reference: 'FF-2026-0009',
    documentDate: '2026-01-22',
    provider: recipient(),
    providerRepresentedBy: 'den Vorstand, dieser vertreten durch Frau Anna Beispiel',
    applicationDate: '2025-10-15',
    versionNo: 1,
    programme: programme(),
    grant: { ...g.grant, financingType: 'DEFICIT', fundingRatePercent: undefined },
    plan: plan(),
    conditions: g.conditions,
    deadlines: g.deadlines,
    parameters: parameters(),
    officer: g.officer,
    districtSignature: { name: 'Uwe Melzer', title: 'Landrat' },
    providerSignature: { name: 'Anna Beispiel', title: 'Vorstandsvorsitzende' },
  };
}

describe('renderWeiterleitungsvertrag', () => {
  let r: Read;
  beforeAll(async () => {
    r = read(await renderWeiterleitungsvertrag(contract(), letterhead()));
  });

  it('names the parties and has §§ 1–9 and two signature blocks', () => {
    expect(r.pageCount).toBe(4);
    expectFrameOnEveryPage(r, 'FF-2026-0009');
    expect(r.all).toContain('Weiterleitungsvertrag');
    expect(r.all).toContain(
      'Zwischen dem Landkreis Altenburger Land Lindenaustraße 9, 04600 Altenburg, vertreten durch den Landrat, – nachfolgend „Landkreis“ genannt –',
    );
    expect(r.all).toContain('und Evangelisches Sozialwerk Pleißenland e. V.');
    expect(r.all).toContain('– nachfolgend „Zuwendungsempfänger“ genannt –');
    const clauses = [
      '§ 1 Gegenstand und Zweck',
      '§ 2 Art und Höhe der Zuwendung',
      '§ 3 Kosten- und Finanzierungsplan',
      '§ 4 Mittelabruf und Auszahlung',
      '§ 5 Nebenbestimmungen',
      '§ 6 Verwendungsnachweis',
      '§ 7 Prüfungsrecht',
      '§ 8 Rücktritt, Kündigung, Erstattung und Verzinsung',
      '§ 9 Schlussbestimmungen',
    ];
    let at = -1;
    for (const c of clauses) {
      const next = r.all.indexOf(c);
      expect(next).toBeGreaterThan(at);
      at = next;
    }
    expect(r.all).toContain('Fehlbedarfsfinanzierung');
    expect(r.all).toContain('höchstens jedoch in Höhe von 90.000,00 €');
    expect(r.all).toContain('Summe der Ausgaben 100.000,00 €');
    expect(r.all).toContain('Zuwendungsfähig sind nur Ausgaben, die ab dem 05.01.2026 und im Bewilligungszeitraum entstehen');
    expect(r.all).toContain('Thüringer Rechnungshof (Landesrechnungshof) ist berechtigt, beim Zuwendungsempfänger zu prüfen');
    expect(r.all).toContain('mit fünf Prozentpunkten über dem Basiszinssatz nach § 247 BGB jährlich zu verzinsen');
    const last = r.pages[r.pageCount - 1]!;
    expect(last).toContain('Für den Landkreis Altenburger Land Uwe Melzer Landrat');
    expect(last).toContain('Für den Zuwendungsempfänger Anna Beispiel Vorstandsvorsitzende');
    expect(last).toContain('Altenburg, den');
  });

  it('has no Rechtsbehelfsbelehrung (a contract is no Verwaltungsakt)', () => {
    expect(r.all).not.toContain('Rechtsbehelfsbelehrung');
    expect(r.all).not.toContain('Widerspruch');
  });
});

// ───────────────────────────────────────── 5. Rückforderungsbescheid ─────────────────────────────────────────

/** DOMAIN §3/§5: Fehlbedarf, Z = 80.000, paid 90.000, R = 10.000 paid 01.03.2025, repaid 15.10.2025 → 424,81 €. */
function recovery(instrument: 'BESCHEID' | 'VERTRAG'): RecoveryLetterModel {
  const baseRates = [
    ['2025-01-01', '2.27'],
    ['2025-07-01', '1.27'],
  ].map(([from, rate]) => ({ validFrom: CalendarDate.parse(from), ratePercent: dec(rate!) }));
  const result = calculateRecoveryInterest({
    principal: Money.of('10000.00'),
    startDate: CalendarDate.parse('2025-03-01'),
    endDate: CalendarDate.parse('2025-10-15'),
    baseRates,
    surchargePercentagePoints: dec(5),
    dayCount: 'ACT_ACT',
  });
  return {
    instrument,
    reference: 'FF-2025-0031',
    letterDate: '2025-09-15',
    recipient: recipient(),
    officer: { name: 'Frau Erika Muster', phone: '03447 586-412' },
    signatory: { name: 'Dr. Petra Beispiel' },
    programme: programme(),
    projectTitle: 'Migrationsberatung Altenburg Nord',
    periodStart: '2024-01-01',
    periodEnd: '2024-12-31',
    decisionDate: '2024-01-18',
    proofReceivedDate: '2025-06-27',
    maxAmount: '90000.00',
    recognisedCosts: '90000.00',
    finalGrant: '80000.00',
    paidAmount: '90000.00',
    recoveryAmount: '10000.00',
    dueDate: '2025-10-15',
    legalGround: 'CONDITION',
    reasons: ['Die zuwendungsfähigen Ausgaben haben sich gegenüber dem Finanzierungsplan um 10.000,00 € auf 90.000,00 € ermäßigt.'],
    interest: {
      calculatedUntil: '2025-10-15',
      segments: result.segments.map((s) => ({
        from: s.from.toISOString(),
        to: s.to.toISOString(),
        days: s.days,
        ratePercent: decimalText(s.ratePercent),
        principal: s.principal.toExactString(),
        amount: s.amount.toExactString(),
      })),
      total: result.interest.toApiString(),
    },
    parameters: { interestSurchargePercentagePoints: '5' },
  };
}

describe('renderRueckforderungsbescheid', () => {
  it('BESCHEID: Festsetzung, Rückforderung, the interest table, the Kreis account and a Rechtsbehelfsbelehrung', async () => {
    const r = read(await renderRueckforderungsbescheid(recovery('BESCHEID'), letterhead()));
    expect(r.pageCount).toBe(3);
    expectFrameOnEveryPage(r, 'FF-2025-0031');
    expect(r.all).toContain('Festsetzung der Zuwendung und Rückforderung (Rückforderungsbescheid)');
    expect(r.all).toContain('(Bewilligungszeitraum 01.01.2024 bis 31.12.2024) wird auf 80.000,00 € festgesetzt.');
    expect(r.all).toContain('Der Zuwendungsbescheid vom 18.01.2024 ist insoweit unwirksam geworden, als die Zuwendung den Betrag von 80.000,00 € übersteigt');
    expect(r.all).toContain('Der zu viel gezahlte Betrag von 10.000,00 € ist nach § 49a Abs. 1 ThürVwVfG zu erstatten. Er ist bis zum 15.10.2025 zu zahlen.');
    expect(r.all).toContain('mit fünf Prozentpunkten über dem Basiszinssatz nach § 247 BGB jährlich zu verzinsen. Die bis zum 15.10.2025 aufgelaufenen Zinsen werden auf 424,81 € festgesetzt');
    expect(r.all).toContain('Die Zinsen laufen bis zum Tag des Zahlungseingangs weiter.');
    expect(r.all).toContain('von bis Tage Zinsbasis Zinssatz p. a. Betrag');
    expect(r.all).toContain('02.03.2025 30.06.2025 121 10.000,00 € 7,27 % 241,01 €');
    expect(r.all).toContain('01.07.2025 15.10.2025 107 10.000,00 € 6,27 % 183,81 €');
    expect(r.all).toContain('Zinsen insgesamt 228 424,81 €');
    expect(r.all).toContain('Zu zahlen insgesamt 10.424,81 €');
    expect(r.all).toContain('Zahlungsempfänger Landkreis Altenburger Land');
    expect(r.all).toContain('IBAN DE12 8305 0200 0001 2345 67');
    expect(r.all).toContain('Verwendungszweck FF-2025-0031');
    expect(r.all).toContain('Nr. 2 ANBest-P');
    expectLegalRemedy(r);
  });

  it('BESCHEID with Widerruf names § 49 Abs. 3 and the Ermessen', async () => {
    const model = recovery('BESCHEID');
    model.legalGround = 'REVOCATION';
    const r = read(await renderRueckforderungsbescheid(model, letterhead()));
    expect(r.all).toContain('wird nach § 49 Abs. 3 Satz 1 Nr. 1 ThürVwVfG mit Wirkung für die Vergangenheit insoweit widerrufen');
    expect(r.all).toContain('pflichtgemäßen Ermessen');
  });

  it('VERTRAG: the same content as a Zahlungsaufforderung without Rechtsbehelfsbelehrung', async () => {
    const r = read(await renderRueckforderungsbescheid(recovery('VERTRAG'), letterhead()));
    expectFrameOnEveryPage(r, 'FF-2025-0031');
    expect(r.all).toContain('Zahlungsaufforderung: Festsetzung der Zuwendung und Erstattung nach § 8 des Weiterleitungsvertrages');
    expect(r.all).toContain('Weiterleitungsvertrag vom 18.01.2024');
    expect(r.all).toContain('Nach § 8 Abs. 3 des Weiterleitungsvertrages sind Sie verpflichtet, den zu viel gezahlten Betrag von 10.000,00 € zu erstatten.');
    expect(r.all).toContain('Zinsen insgesamt 228 424,81 €');
    expect(r.all).toContain('Verwendungszweck FF-2025-0031');
    expect(r.all).not.toContain('Rechtsbehelfsbelehrung');
    expect(r.all).not.toContain('Widerspruch');
    expect(r.all).not.toContain('Bescheid:');
  });

  it('refuses figures that contradict each other', async () => {
    const wrongR = recovery('BESCHEID');
    wrongR.recoveryAmount = '9000.00';
    await expect(renderRueckforderungsbescheid(wrongR, letterhead())).rejects.toThrow(/recoveryAmount/);
    const wrongTotal = recovery('BESCHEID');
    wrongTotal.interest!.total = '424.82';
    await expect(renderRueckforderungsbescheid(wrongTotal, letterhead())).rejects.toThrow(/interest\.total.*424,81/);
    const wrongDays = recovery('BESCHEID');
    wrongDays.interest!.segments[0]!.days = 120;
    await expect(renderRueckforderungsbescheid(wrongDays, letterhead())).rejects.toThrow(/interest\.segments\[0\]\.days/);
  });
});

// ───────────────────────────────────────── 6. Prüfvermerk ─────────────────────────────────────────

function review(): ProofReviewRecordModel {
  return {
    reference: REF,
    reviewDate: '2027-09-14',
    providerName: 'Evangelisches Sozialwerk Pleißenland e. V.',
    projectTitle: 'Migrationsberatung Altenburg Nord',
    instrument: 'BESCHEID',
    decisionDate: '2026-01-20',
    decisionVersionNo: 2,
    periodStart: '2026-01-01',
    periodEnd: '2026-12-31',
    financingType: 'DEFICIT',
    maxAmount: '90000.00',
    proofKind: 'FINAL',
    proofDue: '2027-06-30',
    proofReceivedDate: '2027-06-28',
    cursoryChecks: [
      { label: 'Verwendungsnachweis vollständig (Sachbericht, zahlenmäßiger Nachweis, Belegliste)', result: 'OK' },
      { label: 'Angaben plausibel, Summen rechnerisch richtig', result: 'OK' },
      { label: 'Zuwendungszweck erreicht (Sachbericht)', result: 'OK', note: '412 Beratungen, 138 Haushalte' },
      { label: 'Einzelansätze höchstens 20 % überschritten', result: 'DEFICIENT', note: 'Honorare +40 %' },
    ],
    inDepthCheck: {
      populationCount: 118,
      populationAmount: '100000.00',
      sampleCount: 3,
      sampleAmount: '12400.00',
      minimumSharePercent: '10',
      method: 'risikoorientiert (alle Belege ab 2.500,00 €) und zufällig',
      seed: '7f3a-2027-09-14',
      findings: [
        { receiptNumber: 'B-017', date: '2026-03-31', counterparty: 'Dr. Müller', reason: 'Supervision März', categoryName: 'Honorare', amount: '3500.00', recognisedAmount: '2500.00', result: 'REDUCED', note: 'Stundensatz über Vergleichssatz' },
        { receiptNumber: 'B-044', date: '2026-06-30', counterparty: 'Wohnungsbau Altenburg', reason: 'Miete Juni', categoryName: 'Sach- und Verwaltungsausgaben', amount: '1250.00', recognisedAmount: '1250.00', result: 'OK' },
        { receiptNumber: 'B-090', date: '2026-11-02', counterparty: 'Büro Größler', reason: 'Möbel', categoryName: 'Sach- und Verwaltungsausgaben', amount: '7650.00', recognisedAmount: '0.00', result: 'REJECTED', note: 'Investition, nicht zuwendungsfähig' },
      ],
    },
    settlementLines: [
      { categoryName: 'Personalausgaben', planned: '80000.00', actual: '76000.00', cap: '96000.00', recognised: '76000.00', flags: [] },
      { categoryName: 'Sach- und Verwaltungsausgaben', planned: '15000.00', actual: '17000.00', cap: '18000.00', recognised: '17000.00', flags: [] },
      { categoryName: 'Honorare', planned: '5000.00', actual: '7000.00', cap: '6000.00', recognised: '6000.00', flags: ['Honorare > 20 % über dem Ansatz'] },
    ],
    recognisedCosts: '99000.00',
    ownFunds: '10000.00',
    thirdPartyFunds: '0.00',
    deMinimisApplied: false,
    finalGrant: '89000.00',
    paidAmount: '90000.00',
    recoveryAmount: '1000.00',
    outcome: 'RECOVERY',
    resultText: ['Der überzahlte Betrag von 1.000,00 € ist mit Zinsen nach § 49a Abs. 3 ThürVwVfG zurückzufordern.'],
    reviewer: { name: 'Erika Muster', date: '2027-09-14' },
    coSigner: { name: 'Jörg Weiß', date: '2027-09-15' },
  };
}

describe('renderPruefvermerk', () => {
  it('records checks, sample and seed, findings per Beleg, the line-by-line grant and the result', async () => {
    const r = read(await renderPruefvermerk(review(), letterhead()));
    expect(r.pageCount).toBe(2);
    expectFrameOnEveryPage(r);
    expect(r.all).toContain('Prüfvermerk über die Prüfung des Verwendungsnachweises');
    expect(r.all).toContain('Grundlage Zuwendungsbescheid vom 20.01.2026 (Fassung 2)');
    expect(r.all).toContain('Eingang 28.06.2027 (fristgerecht)');
    expect(r.all).toContain('Einzelansätze höchstens 20 % überschritten Mangel Honorare +40 %');
    expect(r.all).toContain('Stichprobe 3 Belege (2,54 % der Belege), 12.400,00 € (12,40 % des Betrags)');
    expect(r.all).toContain('Startwert der Zufallsauswahl (Seed) 7f3a-2027-09-14');
    expect(r.all).toContain('B-017 31.03.2026 Dr. Müller: Supervision März Honorare 3.500,00 € 2.500,00 € gekürzt: Stundensatz über Vergleichssatz');
    expect(r.all).toContain('B-090 02.11.2026 Büro Größler: Möbel');
    expect(r.all).toContain('Summe der Stichprobe 12.400,00 € 3.750,00 €');
    expect(r.all).toContain('Honorare 5.000,00 € 7.000,00 € 6.000,00 € 6.000,00 € Honorare > 20 % über dem Ansatz');
    expect(r.all).toContain('Summe 100.000,00 € 100.000,00 € 99.000,00 €');
    expect(r.all).toContain('Festgesetzte Zuwendung (Z) 89.000,00 €');
    expect(r.all).toContain('Rückforderung (R) 1.000,00 €');
    expect(r.all).toContain('Die Zuwendung ist zu kürzen; der überzahlte Betrag ist zurückzufordern.');
    expect(r.all).toContain('Geprüft: Altenburg, den 14.09.2027');
    expect(r.all).toContain('Mitgezeichnet (Vier-Augen-Prinzip): Altenburg, den 15.09.2027');
    expect(r.all).not.toContain('Rechtsbehelfsbelehrung');
    expect(r.all).not.toContain('IBAN');
  });

  it('without an in-depth check says so; a late VN is marked', async () => {
    const model = review();
    delete model.inDepthCheck;
    delete model.coSigner;
    model.proofReceivedDate = '2027-07-05';
    const r = read(await renderPruefvermerk(model, letterhead()));
    expect(r.all).toContain('Eine vertiefte Prüfung wurde nicht durchgeführt.');
    expect(r.all).toContain('Eingang 05.07.2027 (verspätet, 5 Tage nach Fristablauf)');
    expect(r.all).toContain('Mitgezeichnet (Vier-Augen-Prinzip): Altenburg, den ……………………');
  });

  it('refuses a sample whose findings do not match its size', async () => {
    const model = review();
    model.inDepthCheck!.sampleCount = 4;
    await expect(renderPruefvermerk(model, letterhead())).rejects.toThrow(/inDepthCheck\.findings/);
  });
});
