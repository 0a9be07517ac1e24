/**
 * The typed input of the letter renderer: what a service fills from a decision version, a proof
 * review or a settlement, and what the renderer turns into PDF bytes. Plain data only, so a model
 * can be stored as JSON next to the PDF it produced (and the PDF rebuilt byte for byte).
 *
 * Conventions (as in the API, docs/architecture.md):
 * - amounts are decimal strings with a dot, e.g. "1234.56" (never JS numbers);
 * - percentages are decimal strings in percent points, e.g. "90" for 90 %, "7.27" for 7,27 %;
 * - dates are ISO strings `YYYY-MM-DD`.
 * Every text is printed as given; the renderer adds no business arithmetic beyond sums of the
 * lines it prints, and it refuses a model whose figures contradict each other (LetterModelError).
 */

/** "1234.56": an amount in EUR as a decimal string, at most two decimals for final figures. */
export type DecimalString = string;
/** "90" = 90 %: a rate in percent points as a decimal string. */
export type PercentString = string;
/** "2026-11-25" */
export type IsoDate = string;

/** Bescheid (Verwaltungsakt) or Vertrag (öffentlich-rechtlicher Weiterleitungsvertrag). */
export type LetterInstrument = 'BESCHEID' | 'VERTRAG';

/** Finanzierungsart: Anteil-, Fehlbedarfs-, Voll-, Festbetragsfinanzierung. */
export type LetterFinancingType = 'SHARE' | 'DEFICIT' | 'FULL' | 'FIXED';

// ───────────────────────────────────────── letterhead ─────────────────────────────────────────

export interface LetterAddress {
  street: string;
  postalCode: string;
  city: string;
}

export interface LetterBankAccount {
  /** Kreditinstitut, e.g. "Sparkasse Altenburger Land". */
  bankName: string;
  /** IBAN with or without spaces; printed in groups of four. */
  iban: string;
  bic: string;
  /** Kontoinhaber; defaults to the Letterhead's `districtName`. */
  accountHolder?: string;
}

/**
 * The Kreis's letterhead, from configuration (not from the decision). One object for all letters;
 * the per-letter parts (Sachbearbeiter/in, date, Aktenzeichen) are in the letter models.
 */
export interface Letterhead {
  /** Title line of the letterhead: "Landkreis Altenburger Land – Landratsamt". */
  name: string;
  /** "Integrationsmanagement" */
  department: string;
  /** The Zuwendungsgeber as a legal person, in running text: "Landkreis Altenburger Land". */
  districtName: string;
  /**
   * The authority that issues the Bescheide and takes a Widerspruch, in running text:
   * "Landratsamt Altenburger Land". Used in the Rechtsbehelfsbelehrung with `address`.
   */
  authorityName: string;
  address: LetterAddress;
  /** Place in "Altenburg, den 25.11.2026"; defaults to `address.city`. */
  place?: string;
  /** Switchboard, e.g. "03447 586-0". */
  phone: string;
  fax?: string;
  email: string;
  /** "www.altenburgerland.de" */
  website: string;
  /** Bank details of the Kreis; the first one receives repayments. At least one. */
  bankAccounts: LetterBankAccount[];
  /** Optional lines under "Sprechzeiten", e.g. ["Di 9–12 und 13–18 Uhr", "Do 9–12 und 13–15 Uhr"]. */
  officeHours?: string[];
  /** How the Landrat is named in a contract's Vertragsparteien: "den Landrat". */
  representedBy?: string;
}

// ───────────────────────────────────────── shared parts ─────────────────────────────────────────

/** The addressee block (DIN 5008): the Träger. */
export interface LetterRecipient {
  /** "Evangelisches Sozialwerk Pleißenland e. V." */
  name: string;
  /** Extra lines under the name, e.g. ["Geschäftsführung", "z. Hd. Frau Anna Beispiel"]. */
  additionalLines?: string[];
  address: LetterAddress;
}

/** The Sachbearbeiter/in who handles this letter (information block). */
export interface CaseOfficer {
  /** "Frau Erika Muster" */
  name: string;
  /** Direct line, e.g. "03447 586-412". */
  phone: string;
  /** Defaults to the letterhead's e-mail. */
  email?: string;
  /** Room, e.g. "2.14". */
  room?: string;
}

/** Who signs "Im Auftrag". */
export interface LetterSignatory {
  /** "Dr. Petra Beispiel" */
  name: string;
  /** Optional function line, e.g. "Fachdienstleiterin Integrationsmanagement". */
  title?: string;
}

/** What every letter to a Träger carries (information block, address, date). */
export interface LetterBase {
  /** Aktenzeichen, e.g. "FF-2026-0007". Printed in the information block and on every page. */
  reference: string;
  /** Date of the letter; also the PDF's creation date (so the bytes are reproducible). */
  letterDate: IsoDate;
  recipient: LetterRecipient;
  officer: CaseOfficer;
  /** "Ihr Zeichen" of the Träger, if known. */
  recipientReference?: string;
  /** Zustellvermerk above the address, e.g. "Gegen Empfangsbekenntnis". */
  deliveryNote?: string;
  /** Defaults to "Sehr geehrte Damen und Herren,". */
  salutation?: string;
  signatory: LetterSignatory;
  /** Anlagen listed under the signature. */
  enclosures?: string[];
}

/** The programme and the Land's grant the Kreis forwards (Rechtsgrundlage of the Weiterleitung). */
export interface ProgrammeReference {
  /** "Richtlinie zur Förderung der sozialen Beratung und Betreuung von anerkannten Flüchtlingen in Thüringen" */
  guidelineTitle: string;
  /** Where it was published, e.g. "ThürStAnz Nr. 5/2024". */
  guidelineCitation?: string;
  /** The Land's Bewilligungsbehörde: "Thüringer Landesverwaltungsamt". */
  stateAuthority: string;
  /** Date and Aktenzeichen of the Land's Zuwendungsbescheid to the Kreis, if it is to be cited. */
  stateDecisionDate?: IsoDate;
  stateDecisionReference?: string;
}

/** The programme parameters a letter quotes (DOMAIN §7: data, never literals in code). */
export interface LetterParameters {
  /** Mittelabruf horizon in months (default 2). */
  paymentRequestHorizonMonths: number;
  /** Beleg retention in years after the VN was submitted (default 5). */
  receiptRetentionYears: number;
  /** § 49a interest: percentage points over the Basiszinssatz (default "5"). */
  interestSurchargePercentagePoints: DecimalString;
  /** Einzelansatz overrun tolerance in percent (default "20"). */
  overrunTolerancePercent: PercentString;
}

/** One cost line of the Kosten- und Finanzierungsplan. */
export interface LetterCostLine {
  /** German name of the Kostenart, e.g. "Personalausgaben"; lines are grouped by it in print order. */
  categoryName: string;
  /** "Sozialarbeiter/in TV-L E 9b, 1,0 VZÄ, 12 Monate" */
  description: string;
  amount: DecimalString;
}

export type LetterFundingKind = 'OWN_FUNDS' | 'THIRD_PARTY' | 'GRANT';

/** One line of the Finanzierung side: Eigenmittel, Drittmittel or the Zuwendung. */
export interface LetterFundingLine {
  kind: LetterFundingKind;
  /** "Eigenmittel des Vereins", "Stiftung X", "Zuwendung Landkreis Altenburger Land" */
  source: string;
  amount: DecimalString;
}

/** The approved plan. Σ costLines must equal Σ fundingLines (checked). */
export interface LetterFinancingPlan {
  costLines: LetterCostLine[];
  fundingLines: LetterFundingLine[];
}

/** Herkunft der Mittel: the Land's and the Kreis's parts of the Höchstbetrag (sum = Höchstbetrag, checked). */
export interface SourceSplit {
  stateShare: DecimalString;
  districtShare: DecimalString;
}

/** The core terms of a Bewilligung (Bescheid or Vertrag). */
export interface GrantTerms {
  /** Project title, printed in quotes: „Migrationsberatung Altenburg Nord“. */
  projectTitle: string;
  /**
   * Zuwendungszweck as a phrase that reads after "für" (accusative):
   * "die soziale Beratung und Betreuung anerkannter Flüchtlinge im Sozialraum Altenburg Nord".
   */
  purpose: string;
  periodStart: IsoDate;
  periodEnd: IsoDate;
  financingType: LetterFinancingType;
  /** Fördersatz in percent; required for SHARE, optional otherwise. */
  fundingRatePercent?: PercentString;
  /** Höchstbetrag */
  maxAmount: DecimalString;
  sourceSplit: SourceSplit;
  /**
   * Costs are eligible from this day (vorzeitiger Maßnahmebeginn or the decision date), when it is
   * after `periodStart`; printed with `earlyStartConsentDate` when given.
   */
  eligibleFrom?: IsoDate;
  earlyStartConsentDate?: IsoDate;
  /** Haushaltsstelle, e.g. "31500.71800"; printed when given. */
  budgetLine?: string;
}

/** Nebenbestimmungen as the decision version stores them. */
export interface LetterConditions {
  /** Codes or titles of general conditions, e.g. ["ANBest-P"]; known codes are printed in full. */
  general: string[];
  /** Besondere Nebenbestimmungen, one per entry. */
  special: string[];
}

export interface InterimProofDue {
  /** The calendar year the Zwischennachweis covers. */
  year: number;
  due: IsoDate;
}

/** Deadlines for the Verwendungsnachweis. */
export interface ProofDeadlines {
  finalProofDue: IsoDate;
  interimProofs: InterimProofDue[];
}

// ───────────────────────────────────────── 1. Zuwendungsbescheid ─────────────────────────────────────────

/** Weiterleitungsbescheid (instrument BESCHEID, first version). */
export interface GrantDecisionLetterModel extends LetterBase {
  /** Date of the Antrag ("Ihr Antrag vom"). */
  applicationDate: IsoDate;
  /** Decision version number (1 for the original Bescheid); printed in the PDF metadata. */
  versionNo: number;
  programme: ProgrammeReference;
  grant: GrantTerms;
  plan: LetterFinancingPlan;
  conditions: LetterConditions;
  deadlines: ProofDeadlines;
  parameters: LetterParameters;
  /** Further paragraphs of the Begründung, after the standard text. */
  justification?: string[];
}

// ───────────────────────────────────────── 2. Änderungsbescheid ─────────────────────────────────────────

/** A value before or after a change, typed so the renderer formats it in German. */
export type ChangeValue =
  | { kind: 'money'; amount: DecimalString }
  | { kind: 'date'; date: IsoDate }
  | { kind: 'percent'; percent: PercentString }
  | { kind: 'text'; text: string };

/** One regulation that changes from version n to n+1. */
export interface AmendmentChange {
  /** "Höchstbetrag der Zuwendung", "Ende des Bewilligungszeitraums", "Nr. 2 der Besonderen Nebenbestimmungen" */
  subject: string;
  previous: ChangeValue;
  amended: ChangeValue;
}

export interface AmendmentLetterModel extends LetterBase {
  programme: ProgrammeReference;
  projectTitle: string;
  /** The Bescheid being amended: its first version's date (the "Bescheid vom …"). */
  originalDecisionDate: IsoDate;
  /** Date of the latest earlier Änderungsbescheid, if any ("in der Fassung des Änderungsbescheides vom …"). */
  lastAmendmentDate?: IsoDate;
  /** Version n (in force) and n+1 (this letter). */
  previousVersionNo: number;
  newVersionNo: number;
  /** Date of the Träger's Änderungsantrag; without it the change is made von Amts wegen. */
  amendmentRequestDate?: IsoDate;
  changes: AmendmentChange[];
  /** New Höchstbetrag and its source split after the change. */
  newMaxAmount: DecimalString;
  newSourceSplit: SourceSplit;
  /** The amended plan, when the plan changed; it replaces the previous one. */
  amendedPlan?: LetterFinancingPlan;
  /** Why: the Begründung, one paragraph per entry (at least one). */
  reasons: string[];
}

// ───────────────────────────────────────── 3. Ablehnungsbescheid ─────────────────────────────────────────

export interface RejectionLetterModel extends LetterBase {
  programme: ProgrammeReference;
  applicationDate: IsoDate;
  projectTitle: string;
  requestedAmount: DecimalString;
  /** Requested Bewilligungszeitraum, if the Antrag named one. */
  periodStart?: IsoDate;
  periodEnd?: IsoDate;
  /** The reasons for the Ablehnung, one per entry (at least one). */
  reasons: string[];
}

/** Eingangsbestätigung of an Antrag: the date it arrived, what was applied for, what happens next. */
export interface ReceiptConfirmationModel extends LetterBase {
  programme: ProgrammeReference;
  /** Antragsnummer, e.g. "A-2026-0012" (also the letter's reference). */
  applicationReference: string;
  /** The day this version arrived. */
  receivedOn: IsoDate;
  /** 1 for the Antrag, 2… for a revised Antrag after a request for changes. */
  versionNo: number;
  projectTitle: string;
  requestedAmount: DecimalString;
  periodStart: IsoDate;
  periodEnd: IsoDate;
  /** Title of the Projektaufruf. */
  callTitle: string;
}

// ───────────────────────────────────────── 4. Weiterleitungsvertrag ─────────────────────────────────────────

/** A party's signature line under the contract. */
export interface ContractSignature {
  /** Name of the signing person, if known (else a blank line to sign on). */
  name?: string;
  /** "Landrat", "Vorstandsvorsitzende" */
  title?: string;
  /** Place of signature, if known. */
  place?: string;
}

/** Weiterleitungsvertrag (instrument VERTRAG). No Rechtsbehelfsbelehrung. */
export interface ForwardingContractModel {
  reference: string;
  /** Date the contract document was prepared; the PDF creation date. */
  documentDate: IsoDate;
  /** The Träger as Vertragspartei. */
  provider: LetterRecipient;
  /** How the Träger is represented: "den Vorstand, dieser vertreten durch Frau Anna Beispiel". */
  providerRepresentedBy: string;
  applicationDate: IsoDate;
  versionNo: number;
  programme: ProgrammeReference;
  grant: GrantTerms;
  plan: LetterFinancingPlan;
  conditions: LetterConditions;
  deadlines: ProofDeadlines;
  parameters: LetterParameters;
  /** Contact for the contract (printed on the first page). */
  officer: CaseOfficer;
  districtSignature: ContractSignature;
  providerSignature: ContractSignature;
}

// ───────────────────────────────────────── 5. Rückforderungsbescheid ─────────────────────────────────────────

/** One row of the interest table: one rate, one principal, one calendar half-year at most. */
export interface InterestSegmentLine {
  /** First and last interest-bearing day, both inclusive. */
  from: IsoDate;
  to: IsoDate;
  days: number;
  /** Basiszinssatz + surcharge, in percent ("7.27"). */
  ratePercent: PercentString;
  /** The amount that bears interest in this segment. */
  principal: DecimalString;
  /** Interest of the segment at full precision, as the rules return it (printed rounded to the cent). */
  amount: DecimalString;
}

export interface RecoveryInterest {
  /**
   * Interest is calculated through this day: the letter's date, or earlier when a later
   * half-year's Basiszinssatz is not yet entered (interest known so far).
   */
  calculatedUntil: IsoDate;
  segments: InterestSegmentLine[];
  /** Σ segments rounded half-up to the cent once (checked against the segments). */
  total: DecimalString;
}

/**
 * Festsetzung and Rückforderung after the VN. For a BESCHEID it is a Rückforderungsbescheid with a
 * Rechtsbehelfsbelehrung; for a VERTRAG the same content as a Zahlungsaufforderung without one.
 */
export interface RecoveryLetterModel extends LetterBase {
  /** BESCHEID → Rückforderungsbescheid; VERTRAG → Zahlungsaufforderung (contractual claim). */
  instrument: LetterInstrument;
  programme: ProgrammeReference;
  projectTitle: string;
  periodStart: IsoDate;
  periodEnd: IsoDate;
  /** Date of the Bescheid or Vertrag whose grant is settled, and of its latest amendment. */
  decisionDate: IsoDate;
  lastAmendmentDate?: IsoDate;
  /** When the VN was received. */
  proofReceivedDate: IsoDate;
  maxAmount: DecimalString;
  /** Anerkannte zuwendungsfähige Ausgaben A. */
  recognisedCosts: DecimalString;
  /** Final grant Z. */
  finalGrant: DecimalString;
  /** Amount paid out so far. */
  paidAmount: DecimalString;
  /** R = paid − Z (checked). */
  recoveryAmount: DecimalString;
  /** Fälligkeit of the repayment. */
  dueDate: IsoDate;
  /**
   * Legal ground of the Erstattung for a BESCHEID: CONDITION = the Bescheid became ineffective in
   * part by a resolutory condition (Nr. 2 ANBest-P, § 49a (1) ThürVwVfG); REVOCATION = partial
   * Widerruf with effect for the past (§ 49 (3) Satz 1 Nr. 1 ThürVwVfG). Ignored for a VERTRAG.
   */
  legalGround: 'CONDITION' | 'REVOCATION';
  /** Findings that reduced the grant, one per entry (Begründung). */
  reasons: string[];
  /** § 49a (3) interest accrued so far; omitted when none has accrued yet (the rule is stated anyway). */
  interest?: RecoveryInterest;
  /** German sentences on the interest: why it stops where it does, parts not yet bearing interest. */
  interestNotes?: string[];
  parameters: Pick<LetterParameters, 'interestSurchargePercentagePoints'>;
}

// ───────────────────────────────────────── 6. Prüfvermerk ─────────────────────────────────────────

export type CursoryCheckResult = 'OK' | 'DEFICIENT' | 'NOT_APPLICABLE';

export interface CursoryCheckItem {
  /** "Verwendungsnachweis fristgerecht eingegangen" */
  label: string;
  result: CursoryCheckResult;
  note?: string;
}

export type ReceiptFindingResult = 'OK' | 'REDUCED' | 'REJECTED';

/** One Beleg examined in the in-depth check. */
export interface ReceiptFinding {
  receiptNumber: string;
  date: IsoDate;
  /** Zahlungsempfänger / Einzahler */
  counterparty: string;
  /** Grund der Zahlung */
  reason: string;
  categoryName: string;
  amount: DecimalString;
  recognisedAmount: DecimalString;
  result: ReceiptFindingResult;
  note?: string;
}

/** One Kostenart in the line-by-line calculation of the final grant. */
export interface SettlementLine {
  categoryName: string;
  planned: DecimalString;
  actual: DecimalString;
  /** Plan × (1 + tolerance), or the cap of a Zustimmung. */
  cap: DecimalString;
  recognised: DecimalString;
  /** Flags as German text, e.g. "Einzelansatz um mehr als 20 % überschritten". */
  flags: string[];
}

export interface InDepthCheck {
  /** Number of Belege in the Belegliste and their total. */
  populationCount: number;
  populationAmount: DecimalString;
  /** Belege drawn and their total. */
  sampleCount: number;
  sampleAmount: DecimalString;
  /** Required minimum share (param, default "10"). */
  minimumSharePercent: PercentString;
  /** How the sample was drawn: "risikoorientiert (alle Belege ≥ 5.000 €) und zufällig". */
  method: string;
  /** Seed of the random draw, so the sample can be reproduced. */
  seed: string;
  findings: ReceiptFinding[];
}

export type ReviewOutcome = 'NO_OBJECTION' | 'REDUCTION' | 'RECOVERY';

/** Internal record of the VN check (no addressee, no Rechtsbehelfsbelehrung). */
export interface ProofReviewRecordModel {
  reference: string;
  /** Date of the Prüfvermerk; the PDF creation date. */
  reviewDate: IsoDate;
  providerName: string;
  projectTitle: string;
  instrument: LetterInstrument;
  decisionDate: IsoDate;
  decisionVersionNo: number;
  periodStart: IsoDate;
  periodEnd: IsoDate;
  financingType: LetterFinancingType;
  fundingRatePercent?: PercentString;
  maxAmount: DecimalString;
  proofKind: 'FINAL' | 'INTERIM';
  proofDue: IsoDate;
  proofReceivedDate: IsoDate;
  cursoryChecks: CursoryCheckItem[];
  /** Omitted when only the cursory check was done. */
  inDepthCheck?: InDepthCheck;
  settlementLines: SettlementLine[];
  /** A, the Deckungsmittel, Z, paid, R. */
  recognisedCosts: DecimalString;
  ownFunds: DecimalString;
  thirdPartyFunds: DecimalString;
  /** True when the Bagatellgrenze kept Z at the plan figure. */
  deMinimisApplied: boolean;
  finalGrant: DecimalString;
  paidAmount: DecimalString;
  recoveryAmount: DecimalString;
  outcome: ReviewOutcome;
  /** The result in words, one paragraph per entry. */
  resultText: string[];
  reviewer: { name: string; date: IsoDate };
  /** Second pair of eyes, when it has signed. */
  coSigner?: { name: string; date: IsoDate };
}

// ───────────────────────────────────────── 8. Änderungsvertrag ─────────────────────────────────────────

/**
 * Änderungsvertrag: version n+1 of a Weiterleitungsvertrag (a contract is changed by contract,
 * § 57 ThürVwVfG: signed by both parties). No Rechtsbehelfsbelehrung.
 */
export interface ContractAmendmentModel {
  reference: string;
  /** Date the amendment was approved (the document's date and the PDF's creation date). */
  documentDate: IsoDate;
  provider: LetterRecipient;
  providerRepresentedBy: string;
  programme: ProgrammeReference;
  projectTitle: string;
  /** Date of the Weiterleitungsvertrag (its first version) and of its latest earlier amendment. */
  originalContractDate: IsoDate;
  lastAmendmentDate?: IsoDate;
  previousVersionNo: number;
  newVersionNo: number;
  changes: AmendmentChange[];
  newMaxAmount: DecimalString;
  newSourceSplit: SourceSplit;
  /** Why the parties change the contract, one paragraph per entry (at least one). */
  reasons: string[];
  officer: CaseOfficer;
  districtSignature: ContractSignature;
  providerSignature: ContractSignature;
}

// ───────────────────────────────────────── 9. Widerrufsbescheid / Kündigung ─────────────────────────────────────────

/**
 * Widerruf of a grant, in full (new Höchstbetrag 0) or in part: for a BESCHEID a Widerrufsbescheid
 * (§ 49 Abs. 3 ThürVwVfG, a Verwaltungsakt: with Rechtsbehelfsbelehrung), for a VERTRAG the
 * Kündigung under the contract's § 8 (no Rechtsbehelfsbelehrung).
 */
export interface RevocationLetterModel extends LetterBase {
  instrument: LetterInstrument;
  programme: ProgrammeReference;
  projectTitle: string;
  periodStart: IsoDate;
  periodEnd: IsoDate;
  /** The Bescheid or Vertrag revoked: its first version's date, and its latest amendment's. */
  originalDecisionDate: IsoDate;
  lastAmendmentDate?: IsoDate;
  previousVersionNo: number;
  newVersionNo: number;
  previousMaxAmount: DecimalString;
  /** 0 for a Widerruf in full. */
  newMaxAmount: DecimalString;
  newSourceSplit: SourceSplit;
  /** The day from which the Widerruf takes effect (for the past: back to this day). */
  effectiveDate: IsoDate;
  /** Paid out beyond the new Höchstbetrag when the Widerruf was decided: to be repaid (§ 49a (1)); "0.00" if none. */
  recoveryAmount: DecimalString;
  /** The grounds, one paragraph per entry (at least one). */
  reasons: string[];
  parameters: Pick<LetterParameters, 'interestSurchargePercentagePoints'>;
}

// ───────────────────────────────────────── 10. Mahnung ─────────────────────────────────────────

/**
 * Mahnung of an overdue Rückforderung (1st or 2nd, the 2nd with the notice of enforcement): what is
 * still owed on the day of the Mahnung with the § 49a (3) interest accrued to then, a new
 * Zahlungsfrist and the Kreis's account. Not a Verwaltungsakt: no Rechtsbehelfsbelehrung.
 */
export interface DunningLetterModel extends LetterBase {
  level: 1 | 2;
  /** BESCHEID: the Rückforderungsbescheid is enforced (ThürVwZVG); VERTRAG: the claim is sued for. */
  instrument: LetterInstrument;
  /** Zeichen of the Rückforderung, e.g. "FF-2026-0007/R". */
  recoveryReference: string;
  projectTitle: string;
  /** Date of the Rückforderungsbescheid (or Zahlungsaufforderung) and the due date it set. */
  recoveryLetterDate: IsoDate;
  recoveryDueDate: IsoDate;
  /** For the 2nd Mahnung: date and deadline of the 1st. */
  firstDunningDate?: IsoDate;
  firstDunningDeadline?: IsoDate;
  /** The Rückforderung as set, and what is paid of it. */
  principal: DecimalString;
  repaidPrincipal: DecimalString;
  outstandingPrincipal: DecimalString;
  /** § 49a (3) interest accrued to `interestUntil`, what is paid of it, and what is open. */
  interest: DecimalString;
  interestPaid: DecimalString;
  interestOutstanding: DecimalString;
  interestUntil: IsoDate;
  /** outstandingPrincipal + interestOutstanding (checked). */
  totalDue: DecimalString;
  paymentDeadline: IsoDate;
  parameters: Pick<LetterParameters, 'interestSurchargePercentagePoints'>;
}

// ───────────────────────────────────────── 11. Festsetzungsbescheid ─────────────────────────────────────────

/**
 * Festsetzung of the final grant when nothing is to be recovered (paid ≤ Z): for a BESCHEID a
 * Festsetzungsbescheid (Verwaltungsakt, with Rechtsbehelfsbelehrung), for a VERTRAG the Mitteilung
 * of the Festsetzung under the contract's § 8 (without one). With something to recover the
 * Rückforderungsbescheid carries the Festsetzung.
 */
export interface SettlementLetterModel extends LetterBase {
  instrument: LetterInstrument;
  programme: ProgrammeReference;
  projectTitle: string;
  periodStart: IsoDate;
  periodEnd: IsoDate;
  decisionDate: IsoDate;
  lastAmendmentDate?: IsoDate;
  proofReceivedDate: IsoDate;
  maxAmount: DecimalString;
  recognisedCosts: DecimalString;
  /** Final grant Z. */
  finalGrant: DecimalString;
  /** Paid out; never more than Z here. */
  paidAmount: DecimalString;
  /** Findings of the Prüfung, one per entry (at least one). */
  reasons: string[];
}
