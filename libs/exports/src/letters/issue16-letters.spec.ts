import {
  ContractAmendmentModel,
  DunningLetterModel,
  extractPdfText,
  Letterhead,
  LetterModelError,
  ProgrammeReference,
  RevocationLetterModel,
  renderAenderungsvertrag,
  renderFestsetzungsbescheid,
  renderMahnung,
  renderWiderrufsbescheid,
  SettlementLetterModel,
} from '.';

// The letters issue 16 added: Widerrufsbescheid/Kündigung, Änderungsvertrag, the two Mahnungen and the Festsetzungsbescheid.

const REF = 'FF-2026-0001';

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
    bankAccounts: [{ bankName: 'Sparkasse Altenburger Land', iban: 'DE12830502000001234567', bic: 'HELADEF1ALT', accountHolder: 'Landkreis Altenburger Land' }],
  };
}

function programme(): ProgrammeReference {
  return {
    guidelineTitle: 'Richtlinie zur Förderung der sozialen Beratung und Betreuung von anerkannten Flüchtlingen in Thüringen',
    guidelineCitation: 'ThürStAnz Nr. 5/2024',
    stateAuthority: 'Thüringer Landesverwaltungsamt',
  };
}

const recipient = () => ({ name: 'Evangelisches Sozialwerk Pleißenland e. V.', address: { street: 'Markt 5', postalCode: '04600', city: 'Altenburg' } });

function text(pdf: Buffer): { pages: string[]; all: string } {
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const t = extractPdfText(pdf);
  const pages = t.pages.map((p) => p.replace(/\u00a0/g, ' ').replace(/\s+/g, ' ').trim());
  for (const page of pages) expect(page.includes('\u0000') || page.includes('\ufffd')).toBe(false);
  return { pages, all: pages.join('\n') };
}

function revocation(overrides: Partial<RevocationLetterModel> = {}): RevocationLetterModel {
  return {
    reference: REF,
    letterDate: '2026-05-20',
    recipient: recipient(),
    officer: { name: 'Frau Erika Muster', phone: '03447 586-412' },
    signatory: { name: 'Dr. Petra Beispiel' },
    instrument: 'BESCHEID',
    programme: programme(),
    projectTitle: 'Migrationsberatung Altenburg Nord',
    periodStart: '2026-01-01',
    periodEnd: '2026-12-31',
    originalDecisionDate: '2026-01-20',
    previousVersionNo: 1,
    newVersionNo: 2,
    previousMaxAmount: '90000.00',
    newMaxAmount: '50000.00',
    newSourceSplit: { stateShare: '40000.00', districtShare: '10000.00' },
    effectiveDate: '2026-05-01',
    recoveryAmount: '10000.00',
    reasons: ['Die zweite Beratungsstelle wurde nicht eröffnet; die dafür bewilligten Mittel werden nicht für den Zuwendungszweck verwendet.'],
    parameters: { interestSurchargePercentagePoints: '5' },
    ...overrides,
  };
}

describe('renderWiderrufsbescheid', () => {
  it('a Teilwiderruf: Tenor under § 49 Abs. 3 ThürVwVfG, new Höchstbetrag, Erstattung with interest, Rechtsbehelfsbelehrung to the Landratsamt', async () => {
    const r = text(await renderWiderrufsbescheid(revocation(), letterhead()));
    r.pages.forEach((page, i) => expect(page).toContain(`Seite ${i + 1} von ${r.pages.length}`));
    expect(r.all).toContain('Teilwiderrufsbescheid zum Zuwendungsbescheid vom 20.01.2026');
    expect(r.all).toContain(
      'Der Zuwendungsbescheid vom 20.01.2026 (Fassung 1) wird nach § 49 Abs. 3 Satz 1 ThürVwVfG mit Wirkung vom 01.05.2026 an insoweit widerrufen, als die Zuwendung den Betrag von 50.000,00 € übersteigt (Teilwiderruf).',
    );
    expect(r.all).toContain('Der Höchstbetrag der Zuwendung beträgt damit 50.000,00 € (bisher 90.000,00 €)');
    expect(r.all).toContain('Der zu erstattende Betrag wird auf 10.000,00 € festgesetzt.');
    expect(r.all).toContain('vom 01.05.2026 an bis zur Erstattung mit fünf Prozentpunkten über dem Basiszinssatz');
    expect(r.all).toContain('Die zweite Beratungsstelle wurde nicht eröffnet');
    expect(r.all).toContain('Rechtsbehelfsbelehrung');
    expect(r.all).toContain('zur Niederschrift beim Landratsamt Altenburger Land, Lindenaustraße 9, 04600 Altenburg, einzulegen.');
  });

  it('in full and without anything paid: no Erstattung; a contract is terminated (Kündigung, § 8) without Rechtsbehelfsbelehrung', async () => {
    const full = text(await renderWiderrufsbescheid(revocation({ newMaxAmount: '0.00', newSourceSplit: { stateShare: '0.00', districtShare: '0.00' }, recoveryAmount: '0.00' }), letterhead()));
    expect(full.all).toContain('Widerrufsbescheid zum Zuwendungsbescheid vom 20.01.2026');
    expect(full.all).toContain('mit Wirkung vom 01.05.2026 an vollständig widerrufen.');
    expect(full.all).toContain('Eine Erstattung ist nicht zu leisten');
    expect(full.all).toContain('Rechtsbehelfsbelehrung');
    const contract = text(await renderWiderrufsbescheid(revocation({ instrument: 'VERTRAG' }), letterhead()));
    expect(contract.all).toContain('Teilkündigung des Weiterleitungsvertrages vom 20.01.2026');
    expect(contract.all).toContain('nach § 8 Abs. 1 des Vertrages mit Wirkung vom 01.05.2026 an teilweise');
    expect(contract.all).not.toContain('Rechtsbehelfsbelehrung');
  });

  it('refuses contradicting figures', async () => {
    await expect(renderWiderrufsbescheid(revocation({ newMaxAmount: '95000.00' }), letterhead())).rejects.toBeInstanceOf(LetterModelError);
    await expect(renderWiderrufsbescheid(revocation({ newSourceSplit: { stateShare: '40000.00', districtShare: '9000.00' } }), letterhead())).rejects.toThrow(/newSourceSplit/);
    await expect(renderWiderrufsbescheid(revocation({ reasons: [] }), letterhead())).rejects.toThrow(/Begründung/);
  });
});

function contractAmendment(): ContractAmendmentModel {
  return {
    reference: 'FF-2026-0004',
    documentDate: '2026-06-02',
    provider: recipient(),
    providerRepresentedBy: 'den Vorstand',
    programme: programme(),
    projectTitle: 'Sprachmittlung Schmölln',
    originalContractDate: '2026-01-22',
    previousVersionNo: 1,
    newVersionNo: 2,
    changes: [{ subject: 'Höchstbetrag der Zuwendung', previous: { kind: 'money', amount: '60000.00' }, amended: { kind: 'money', amount: '65000.00' } }],
    newMaxAmount: '65000.00',
    newSourceSplit: { stateShare: '52000.00', districtShare: '13000.00' },
    reasons: ['Der Bedarf an Dolmetschleistungen ist gestiegen.'],
    officer: { name: 'Frau Erika Muster', phone: '03447 586-412' },
    districtSignature: { name: 'Dr. Petra Beispiel', place: 'Altenburg' },
    providerSignature: {},
  };
}

describe('renderAenderungsvertrag', () => {
  it('a contract of both parties: the change bisher/neu, the new Höchstbetrag, Fortgeltung, no Rechtsbehelfsbelehrung', async () => {
    const r = text(await renderAenderungsvertrag(contractAmendment(), letterhead()));
    expect(r.all).toContain('1. Änderungsvertrag');
    expect(r.all).toContain('zum Weiterleitungsvertrag vom 22.01.2026');
    expect(r.all).toContain('Höchstbetrag der Zuwendung 60.000,00 € 65.000,00 €');
    expect(r.all).toContain('Der Höchstbetrag der Zuwendung beträgt 65.000,00 €');
    expect(r.all).toContain('Im Übrigen gilt der Weiterleitungsvertrag vom 22.01.2026 mit allen Bestimmungen unverändert fort.');
    expect(r.all).toContain('Für den Zuwendungsempfänger');
    expect(r.all).not.toContain('Rechtsbehelfsbelehrung');
  });
});

function dunning(overrides: Partial<DunningLetterModel> = {}): DunningLetterModel {
  return {
    reference: 'FF-2026-0007',
    letterDate: '2026-11-20',
    recipient: recipient(),
    officer: { name: 'Frau Erika Muster', phone: '03447 586-412' },
    signatory: { name: 'Landratsamt Altenburger Land' },
    level: 1,
    instrument: 'BESCHEID',
    recoveryReference: 'FF-2026-0007/R',
    projectTitle: 'Frauencafé Meuselwitz',
    recoveryLetterDate: '2026-10-07',
    recoveryDueDate: '2026-11-06',
    principal: '1650.00',
    repaidPrincipal: '0.00',
    outstandingPrincipal: '1650.00',
    interest: '42.17',
    interestPaid: '0.00',
    interestOutstanding: '42.17',
    interestUntil: '2026-11-20',
    totalDue: '1692.17',
    paymentDeadline: '2026-11-27',
    parameters: { interestSurchargePercentagePoints: '5' },
    ...overrides,
  };
}

describe('renderMahnung', () => {
  it('1. Mahnung: Aktenzeichen, Forderung, Zinsen bis heute, Zahlungsfrist, Bankverbindung der Kreiskasse; no Rechtsbehelfsbelehrung', async () => {
    const r = text(await renderMahnung(dunning(), letterhead()));
    expect(r.all).toContain('1. Mahnung');
    expect(r.all).toContain('Rückforderung FF-2026-0007/R aus dem Rückforderungsbescheid vom 07.10.2026');
    expect(r.all).toContain('Aktenzeichen / Verwendungszweck FF-2026-0007');
    expect(r.all).toContain('Forderung (Rückforderungsbetrag) 1.650,00 €');
    expect(r.all).toContain('Zinsen nach § 49a Abs. 3 ThürVwVfG bis 20.11.2026 42,17 €');
    expect(r.all).toContain('Zu zahlen insgesamt 1.692,17 €');
    expect(r.all).toContain('Zahlungsfrist bis zum 27.11.2026 (Eingang auf dem Konto)');
    expect(r.all).toContain('Konto der Kreiskasse');
    expect(r.all).toContain('IBAN DE12 8305 0200 0001 2345 67');
    expect(r.all).not.toContain('Vollstreckung');
    expect(r.all).not.toContain('Rechtsbehelfsbelehrung');
  });

  it('2. Mahnung: refers to the first and announces enforcement (ThürVwZVG; the courts for a contract)', async () => {
    const second = dunning({ level: 2, letterDate: '2026-12-04', firstDunningDate: '2026-11-20', firstDunningDeadline: '2026-11-27', paymentDeadline: '2026-12-11', interestUntil: '2026-12-04' });
    const r = text(await renderMahnung(second, letterhead()));
    expect(r.all).toContain('2. Mahnung – Ankündigung der Vollstreckung');
    expect(r.all).toContain('Mit unserer Mahnung vom 20.11.2026 haben wir Ihnen eine weitere Frist bis zum 27.11.2026 gesetzt.');
    expect(r.all).toContain('Hinweis auf die Vollstreckung');
    expect(r.all).toContain('Thüringer Verwaltungszustellungs- und Vollstreckungsgesetz (ThürVwZVG)');
    const contract = text(await renderMahnung({ ...second, instrument: 'VERTRAG' }, letterhead()));
    expect(contract.all).toContain('gerichtlich geltend machen');
    expect(contract.all).toContain('aus der Zahlungsaufforderung vom 07.10.2026');
  });

  it('refuses sums that do not add up', async () => {
    await expect(renderMahnung(dunning({ totalDue: '1700.00' }), letterhead())).rejects.toThrow(/totalDue/);
    await expect(renderMahnung(dunning({ outstandingPrincipal: '1600.00' }), letterhead())).rejects.toThrow(/outstandingPrincipal/);
    await expect(renderMahnung(dunning({ level: 2 }), letterhead())).rejects.toThrow(/firstDunningDate/);
  });
});

describe('renderFestsetzungsbescheid', () => {
  const model = (overrides: Partial<SettlementLetterModel> = {}): SettlementLetterModel => ({
    reference: 'FF-2026-0006',
    letterDate: '2026-10-01',
    recipient: recipient(),
    officer: { name: 'Frau Erika Muster', phone: '03447 586-412' },
    signatory: { name: 'Dr. Petra Beispiel' },
    instrument: 'BESCHEID',
    programme: programme(),
    projectTitle: 'Frauencafé Meuselwitz',
    periodStart: '2026-01-01',
    periodEnd: '2026-06-30',
    decisionDate: '2025-12-15',
    proofReceivedDate: '2026-08-20',
    maxAmount: '15000.00',
    recognisedCosts: '16000.00',
    finalGrant: '14400.00',
    paidAmount: '14400.00',
    reasons: ['Die Ausgaben sind wie geplant nachgewiesen.'],
    ...overrides,
  });

  it('with nothing to recover: Z, paid, no Erstattung, Rechtsbehelfsbelehrung; for a Vertrag a Mitteilung without one', async () => {
    const r = text(await renderFestsetzungsbescheid(model(), letterhead()));
    expect(r.all).toContain('Festsetzung der Zuwendung (Festsetzungsbescheid)');
    expect(r.all).toContain('wird auf 14.400,00 € festgesetzt.');
    expect(r.all).toContain('Ausgezahlt wurden 14.400,00 €. Ein Erstattungsbetrag ergibt sich nicht.');
    expect(r.all).toContain('Rechtsbehelfsbelehrung');
    const contract = text(await renderFestsetzungsbescheid(model({ instrument: 'VERTRAG' }), letterhead()));
    expect(contract.all).toContain('nach § 8 Abs. 2 des Weiterleitungsvertrages auf 14.400,00 € festgesetzt');
    expect(contract.all).not.toContain('Rechtsbehelfsbelehrung');
  });

  it('refuses a Festsetzung with money to come back (that is the Rückforderungsbescheid)', async () => {
    await expect(renderFestsetzungsbescheid(model({ paidAmount: '15000.00' }), letterhead())).rejects.toThrow(/Rückforderungsbescheid/);
  });
});
