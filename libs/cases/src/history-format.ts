import { CalendarDate, Lifecycle, Money } from '@foerderfluss/core';
import { APPLICATION_LIFECYCLE, ATTACHMENT_KINDS } from '@foerderfluss/applications';
import { decisionLifecycle, versionLifecycle } from '@foerderfluss/decisions';
import { paymentRequestLifecycle } from '@foerderfluss/payments';
import { PROOF_LIFECYCLE, PROOF_REVIEW_LIFECYCLE, RECOVERY_LIFECYCLE, SETTLEMENT_LIFECYCLE } from '@foerderfluss/proof-of-use';
import { FOLLOW_UP_LIFECYCLE } from './follow-up-state';

/**
 * The German reading of the audit log (issue 16 item 8), in one place: a label for every action
 * code, a name for every entity, and each event's before/after as a field-by-field change list
 * ("Status: eingereicht → in Prüfung", money as "1.650,00 €", people by display name). The
 * record's history and the Protokoll page both read it. A field without a label here is technical
 * (ids, hashes, versions) and is not shown; a code without a German label is not shown either, so
 * no English code reaches a reader.
 */

/** One German label per audit action code. */
export const AUDIT_ACTION_LABELS: Readonly<Record<string, string>> = {
  // Antrag
  'application.create': 'Antrag angelegt',
  'application.update': 'Antrag geändert',
  'application.submit': 'Antrag eingereicht',
  'application.withdraw': 'Antrag zurückgezogen',
  'application.start-review': 'Prüfung begonnen',
  'application.request-changes': 'Nachbesserung erbeten',
  'application.propose-decision': 'Entscheidung vorgeschlagen',
  'application.return-proposal': 'Vorschlag zurück in die Prüfung gegeben',
  'application.approve': 'Antrag bewilligt',
  'application.reject': 'Antrag abgelehnt',
  'application.review': 'Checkliste und Votum gespeichert',
  'application.comment': 'Nachricht geschrieben',
  'application.early-start-consent': 'Vorzeitigem Maßnahmebeginn zugestimmt',
  'attachment.uploaded': 'Anlage hochgeladen',
  'attachment.downloaded': 'Anlage heruntergeladen',
  'attachment.deleted': 'Anlage gelöscht',
  // Projektaufruf und Vergaberunde
  'call.create': 'Projektaufruf angelegt',
  'call.update': 'Projektaufruf geändert',
  'call.publish': 'Projektaufruf veröffentlicht',
  'call.close': 'Projektaufruf geschlossen',
  'call.extend': 'Frist des Projektaufrufs verlängert',
  'allocation-round.items': 'Vergabevorschlag gespeichert',
  'allocation-round.resolution': 'Beschluss eingetragen',
  'allocation-round.confirm': 'Vergaberunde bestätigt',
  'allocation-round.propose-decisions': 'Entscheidungen aus der Vergaberunde vorgeschlagen',
  // Bescheid/Vertrag
  'decision.propose': 'Bewilligung vorgeschlagen',
  'decision.propose-rejection': 'Ablehnung vorgeschlagen',
  'decision.propose-amendment': 'Änderung vorgeschlagen',
  'decision.propose-revocation': 'Widerruf vorgeschlagen',
  'decision.approve': 'Freigegeben (Vier-Augen-Prinzip)',
  'decision.return': 'Vorschlag zurückgegeben',
  'decision.close': 'Vorgang abgeschlossen',
  // Mittelabruf und Auszahlung
  'payment-request.create': 'Mittelabruf angelegt',
  'payment-request.update': 'Mittelabruf geändert',
  'payment-request.submit': 'Mittelabruf eingereicht',
  'payment-request.withdraw': 'Mittelabruf zurückgezogen',
  'payment-request.check': 'Mittelabruf sachlich geprüft',
  'payment-request.approve': 'Auszahlung freigegeben (Vier-Augen-Prinzip)',
  'payment-request.reject': 'Mittelabruf abgelehnt',
  'payment-file.create': 'Zahlungsdatei erzeugt',
  'payment-file.book': 'Zahlungsdatei als ausgeführt gebucht',
  'payment-file.payment-order.download': 'Auszahlungsanordnung heruntergeladen',
  'payment-file.downloaded': 'Zahlungsdatei (SEPA) heruntergeladen',
  'fund-use.report': 'Mittelverwendung gemeldet',
  'late-use-interest.decide': 'Über Zinsen nach § 49a Abs. 4 entschieden',
  'repayment.record': 'Zahlungseingang erfasst',
  'state-drawdown.request': 'Mittel beim Land abgerufen',
  'state-drawdown.receive': 'Mittel des Landes eingegangen',
  // Verwendungsnachweis, Festsetzung, Rückforderung
  'proof.create': 'Verwendungsnachweis angelegt',
  'proof.update': 'Verwendungsnachweis geändert',
  'proof.submit': 'Verwendungsnachweis eingereicht',
  'proof.review.start': 'Prüfung begonnen',
  'proof.review.cursory': 'Kursorische Prüfung gespeichert',
  'proof.review.line-consents': 'Zustimmungen zu Überschreitungen gespeichert',
  'proof.review.sample': 'Stichprobe gezogen',
  'proof.review.receipt': 'Beleg geprüft',
  'proof.review.complete': 'Prüfvermerk abgeschlossen',
  'proof.settle': 'Verwendungsnachweis festgesetzt',
  'receipt.create': 'Beleg erfasst',
  'receipt.delete': 'Beleg gelöscht',
  'receipt-import.request': 'Belegliste zum Import hochgeladen',
  'receipt-import.complete': 'Belegliste importiert',
  'receipt-import.fail': 'Import der Belegliste abgelehnt',
  'settlement.propose': 'Festsetzung vorgeschlagen',
  'settlement.approve': 'Festsetzung freigegeben (Vier-Augen-Prinzip)',
  'settlement.return': 'Festsetzung zurückgegeben',
  'recovery.repayment': 'Zahlungseingang auf die Rückforderung gebucht',
  'recovery.dunning': 'Mahnung geschrieben',
  'state-proof.own-costs': 'Eigene Kosten des Kreises eingetragen',
  'state-proof.submit': 'Verwendungsnachweis an das Land eingereicht',
  // Zuständigkeit und Wiedervorlage
  'case.assign': 'Zuständigkeit geändert',
  'case.follow-up.add': 'Wiedervorlage angelegt',
  'case.follow-up.done': 'Wiedervorlage erledigt',
  // Schreiben, Exporte, Hintergrundaufgaben
  'letter.schedule': 'Schreiben vorgemerkt',
  'letter.request': 'Schreiben angefordert',
  'letter.generate': 'Schreiben erzeugt',
  'letter.retry': 'Schreiben erneut angestoßen',
  'letter.downloaded': 'Schreiben heruntergeladen',
  'export.request': 'Export angefordert',
  'export.complete': 'Export fertiggestellt',
  'export.fail': 'Export fehlgeschlagen',
  'export.cleanup': 'Abgelaufene Exporte gelöscht',
  'export.downloaded': 'Export heruntergeladen',
  'job.retry': 'Hintergrundaufgabe erneut gestartet',
  'job.run': 'Hintergrundaufgabe sofort gestartet',
  'mail.retry': 'E-Mail erneut versandt',
  'reminders.scan': 'Erinnerungen geprüft',
  // Haushalt
  'budget-year.create': 'Haushaltsjahr angelegt',
  'budget-year.update': 'Haushaltsjahr geändert',
  'ledger.allocation': 'Buchung: Zuweisung',
  'ledger.commitment': 'Buchung: Bindung',
  'ledger.commitment-change': 'Buchung: Änderung der Bindung',
  'ledger.release': 'Buchung: Freigabe gebundener Mittel',
  'ledger.disbursement': 'Buchung: Auszahlung angewiesen',
  'ledger.disbursement-paid': 'Buchung: Auszahlung ausgeführt (Zahlungsdatei gebucht)',
  'ledger.recovery-due': 'Buchung: Rückforderung',
  'ledger.recovery-received': 'Buchung: Rückzahlung eingegangen',
  'ledger.state-drawdown': 'Buchung: Mittelabruf beim Land',
  'ledger.state-refund': 'Buchung: Erstattung an das Land',
  // Programm, Organisationen, Konten
  'programme.parameter.create': 'Programmparameter angelegt',
  'programme.parameter.correct': 'Programmparameter berichtigt',
  'programme.parameter.district.create': 'Eigener Parameterwert des Kreises angelegt',
  'programme.parameter.district.correct': 'Eigener Parameterwert des Kreises berichtigt',
  'base-rate.create': 'Basiszinssatz eingetragen',
  'base-rate.update': 'Basiszinssatz geändert',
  'base-rate.delete': 'Basiszinssatz gelöscht',
  'open-data.settings.change': 'Offene Daten (360Giving): Einstellungen geändert',
  'organisation.create': 'Organisation angelegt',
  'organisation.update': 'Organisation geändert',
  'organisation.contact.update': 'Kontaktdaten geändert',
  'organisation.bank-account.change': 'Bankverbindung geändert',
  'organisation.bank-account.confirm': 'Bankverbindung bestätigt',
  'user.create': 'Benutzerkonto angelegt',
  'user.activate': 'Benutzerkonto aktiviert',
  'user.deactivate': 'Benutzerkonto deaktiviert',
  'user.password.change': 'Passwort geändert',
  'user.roles.change': 'Rollen geändert',
  'auth.login': 'Angemeldet',
  'auth.login.failed': 'Anmeldung fehlgeschlagen',
  'auth.logout': 'Abgemeldet',
  'auth.login.throttled': 'Anmeldung wegen zu vieler Fehlversuche abgewiesen',
  'access.denied': 'Zugriff verweigert',
  'auth.mfa.challenge': 'Passwort richtig, zweiter Faktor angefordert',
  'auth.mfa.failed': 'Falscher Code beim zweiten Faktor',
  'auth.mfa.recovery-code.use': 'Wiederherstellungscode verwendet',
  'user.mfa.enrolment.start': 'Einrichtung des zweiten Faktors begonnen',
  'user.mfa.enable': 'Zweiter Faktor eingerichtet',
  'user.mfa.disable': 'Zweiter Faktor entfernt',
  'user.mfa.reset': 'Zweiter Faktor durch die Administration zurückgesetzt',
  'audit.verification.request': 'Prüfung der Hash-Kette angestoßen',
  'audit.checkpoint.create': 'Prüfpunkt der Hash-Kette signiert',
  'seed.reference.apply': 'Referenzdaten eingespielt',
  'seed.demo.organisation.create': 'Demo-Organisation angelegt',
  'seed.demo.user.create': 'Demo-Benutzerkonto angelegt',
  'seed.demo.open-data.settings': 'Demo: offene Daten (360Giving) eingeschaltet',
  'seed.demo.land.apply': 'Demo: weitere Kreise eingerichtet (Sozialräume, Träger, Einstellungen)',
};

/** The German label of an action code; an unknown code is named as such rather than shown bare. */
export function auditActionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? `Sonstige Änderung (${action})`;
}

/** German names of the audited entity types. */
export const AUDIT_ENTITY_LABELS: Readonly<Record<string, string>> = {
  Application: 'Antrag',
  Attachment: 'Anlage',
  FundingCall: 'Projektaufruf',
  AllocationRound: 'Vergaberunde',
  Decision: 'Bescheid/Vertrag',
  PaymentRequest: 'Mittelabruf',
  PaymentFile: 'Zahlungsdatei',
  FundUse: 'Mittelverwendung',
  Repayment: 'Zahlungseingang',
  StateDrawdown: 'Mittelabruf beim Land',
  ProofOfUse: 'Verwendungsnachweis',
  Receipt: 'Beleg',
  ReceiptImport: 'Import der Belegliste',
  Settlement: 'Festsetzung',
  Recovery: 'Rückforderung',
  StateProof: 'Verwendungsnachweis an das Land',
  GeneratedDocument: 'Schreiben',
  ExportJob: 'Export',
  BudgetYear: 'Haushaltsjahr',
  LedgerEntry: 'Buchung',
  Programme: 'Förderprogramm',
  ProgrammeParameter: 'Programmparameter',
  BaseRate: 'Basiszinssatz',
  Organisation: 'Organisation',
  User: 'Benutzerkonto',
  Job: 'Hintergrundaufgabe',
  MailOutbox: 'E-Mail',
  ReminderScan: 'Erinnerungen',
  AuditVerification: 'Prüfung der Hash-Kette',
  AuditCheckpoint: 'Prüfpunkt der Hash-Kette',
  ReferenceData: 'Referenzdaten',
  Route: 'Adresse der Schnittstelle',
};

export function auditEntityLabel(entity: string): string {
  return AUDIT_ENTITY_LABELS[entity] ?? entity;
}

// ───────────────────────────── values ─────────────────────────────

function statusLabels(...lifecycles: Lifecycle<string, string>[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const l of lifecycles) for (const s of l.statuses) out[s] = l.statusLabel(s);
  return out;
}

const lc = (l: unknown): Lifecycle<string, string> => l as Lifecycle<string, string>;

/** Status labels of each entity, from its lifecycle table (decision events carry version or decision status; proof events the proof's or its review's). */
const STATUS_OF_ENTITY: Readonly<Record<string, Record<string, string>>> = {
  Application: statusLabels(lc(APPLICATION_LIFECYCLE)),
  Decision: statusLabels(lc(versionLifecycle), lc(decisionLifecycle)),
  PaymentRequest: statusLabels(lc(paymentRequestLifecycle)),
  ProofOfUse: statusLabels(lc(PROOF_REVIEW_LIFECYCLE), lc(PROOF_LIFECYCLE)),
  Settlement: statusLabels(lc(SETTLEMENT_LIFECYCLE)),
  Recovery: statusLabels(lc(RECOVERY_LIFECYCLE)),
};

const DECISION_STATUS = statusLabels(lc(decisionLifecycle));
const FOLLOW_UP_STATUS = statusLabels(lc(FOLLOW_UP_LIFECYCLE));
const VOTUM: Record<string, string> = { APPROVE: 'Bewilligung', APPROVE_PARTIAL: 'Teilbewilligung', REJECT: 'Ablehnung' };
const FINANCING_TYPE: Record<string, string> = { SHARE: 'Anteilfinanzierung', DEFICIT: 'Fehlbedarfsfinanzierung', FULL: 'Vollfinanzierung', FIXED: 'Festbetragsfinanzierung' };
const INSTRUMENT: Record<string, string> = { BESCHEID: 'Zuwendungsbescheid', VERTRAG: 'Zuwendungsvertrag' };
const VERSION_KIND: Record<string, string> = { ORIGINAL: 'Erstbescheid', AMENDMENT: 'Änderung', REVOCATION: 'Widerruf' };
const PROOF_KIND: Record<string, string> = { FINAL: 'Verwendungsnachweis', INTERIM: 'Zwischennachweis' };
const RECEIPT_OUTCOME: Record<string, string> = { OPEN: 'offen', RECOGNISED: 'anerkannt', REDUCED: 'gekürzt', REFUSED: 'nicht anerkannt' };
const IMPORT_MODE: Record<string, string> = { REPLACE: 'Belegliste ersetzen', APPEND: 'Belege ergänzen' };
const CHECK_RESULT: Record<string, string> = { OPEN: 'offen', OK: 'erfüllt', NOT_OK: 'nicht erfüllt', NOT_APPLICABLE: 'entfällt' };

const ATTACHMENT_KIND: Readonly<Record<string, string>> = ATTACHMENT_KINDS;

type Kind = 'text' | 'money' | 'date' | 'datetime' | 'bool' | 'user' | 'count' | 'percent' | 'complex' | 'checklist';

interface FieldSpec {
  label: string;
  kind?: Kind;
  /** German labels of a coded value, by the event's entity. */
  codes?: (entity: string) => Record<string, string> | undefined;
  /** Shown also when the event has only one side (a record created or deleted). */
  summary?: boolean;
  /** Sub-fields of an object value, each a field of its own. */
  nested?: Readonly<Record<string, FieldSpec>>;
}

const money = (label: string, summary = false): FieldSpec => ({ label, kind: 'money', summary });
const date = (label: string, summary = false): FieldSpec => ({ label, kind: 'date', summary });

/** The fields worth reading, with their German labels and how to show their values. */
const FIELDS: Readonly<Record<string, FieldSpec>> = {
  status: { label: 'Status', codes: (entity) => STATUS_OF_ENTITY[entity], summary: true },
  reference: { label: 'Aktenzeichen', summary: true },
  title: { label: 'Titel', summary: true },
  purpose: { label: 'Zweck' },
  targetGroup: { label: 'Zielgruppe' },
  municipality: { label: 'Gemeinde' },
  socialAreaCode: { label: 'Sozialraum' },
  fieldsOfAction: { label: 'Handlungsfelder', kind: 'complex' },
  periodStart: date('Beginn des Zeitraums'),
  periodEnd: date('Ende des Zeitraums'),
  plannedStart: date('geplanter Maßnahmebeginn'),
  contactName: { label: 'Ansprechperson' },
  contactEmail: { label: 'E-Mail-Adresse' },
  contactPhone: { label: 'Telefon' },
  projectBegun: { label: 'Maßnahme begonnen', kind: 'bool' },
  projectBegunOn: date('begonnen am'),
  vatDeductible: { label: 'Vorsteuerabzug', kind: 'bool' },
  otherPublicFunding: { label: 'andere öffentliche Förderung' },
  betterPositionRespected: { label: 'Besserstellungsverbot beachtet', kind: 'bool' },
  financingPlan: { label: 'Kosten- und Finanzierungsplan', kind: 'complex' },
  totals: {
    label: 'Summen',
    nested: {
      totalCosts: money('Gesamtkosten'),
      ownFunds: money('Eigenmittel'),
      thirdPartyFunds: money('Drittmittel'),
      requestedAmount: money('beantragte Zuwendung', true),
    },
  },
  votum: {
    label: 'Votum',
    nested: {
      recommendation: { label: 'Votum', codes: () => VOTUM, summary: true },
      proposedAmount: money('vorgeschlagener Betrag', true),
      reasons: { label: 'Begründung des Votums', summary: true },
    },
  },
  checklist: { label: 'Checkliste', kind: 'checklist', summary: true },
  reviewedBy: { label: 'geprüft von', kind: 'user' },
  visibleToProvider: { label: 'für den Träger sichtbar', kind: 'bool', summary: true },
  consentDate: date('Zustimmung vom', true),
  scope: { label: 'Umfang der Zustimmung', summary: true },
  // Bescheid/Vertrag (a version's snapshot)
  kind: {
    label: 'Art',
    summary: true,
    codes: (entity) => (entity === 'Decision' ? VERSION_KIND : entity === 'ProofOfUse' ? PROOF_KIND : entity === 'Attachment' ? ATTACHMENT_KIND : undefined),
  },
  instrument: { label: 'Form', codes: () => INSTRUMENT, summary: true },
  financingType: { label: 'Finanzierungsart', codes: () => FINANCING_TYPE, summary: true },
  fundingRatePercent: { label: 'Fördersatz', kind: 'percent' },
  maxAmount: money('Höchstbetrag', true),
  newMaxAmount: money('neuer Höchstbetrag', true),
  stateShare: money('Anteil Land'),
  districtShare: money('Anteil Kreis'),
  proofDue: date('Frist Verwendungsnachweis', true),
  eligibleFrom: date('förderfähig ab'),
  effectiveDate: date('wirksam ab', true),
  decisionDate: date('Datum des Bescheids'),
  reason: { label: 'Begründung', summary: true },
  returnReason: { label: 'Grund der Rückgabe', summary: true },
  proposedBy: { label: 'vorgeschlagen von', kind: 'user' },
  approvedBy: { label: 'freigegeben von', kind: 'user' },
  returnedBy: { label: 'zurückgegeben von', kind: 'user' },
  conditions: { label: 'Nebenbestimmungen', kind: 'complex' },
  approvedPlan: { label: 'zugrunde liegender Finanzierungsplan', kind: 'complex' },
  interimProofsDue: { label: 'Fristen der Zwischennachweise', kind: 'complex' },
  recoveryAmount: money('Rückforderung', true),
  // Mittelabruf
  requestedAmount: money('angeforderter Betrag', true),
  requestedValueDate: date('Wertstellungstag', true),
  amount: money('Betrag', true),
  checkedAmount: money('geprüfter Betrag', true),
  checkNote: { label: 'Vermerk der Prüfung', summary: true },
  checkedBy: { label: 'sachlich geprüft von', kind: 'user' },
  rejectionReason: { label: 'Ablehnungsgrund', summary: true },
  paidOn: date('ausgezahlt am', true),
  iban: { label: 'IBAN' },
  bic: { label: 'BIC' },
  accountHolder: { label: 'Kontoinhaber' },
  duePayments: { label: 'fällige Zahlungen', kind: 'complex' },
  dueTotal: money('Summe der fälligen Zahlungen'),
  dueExplanation: { label: 'Erläuterung der Summe' },
  submittedBy: { label: 'eingereicht von', kind: 'user' },
  // Verwendungsnachweis und Prüfung
  narrative: { label: 'Sachbericht', kind: 'complex' },
  figures: { label: 'zahlenmäßiger Nachweis', kind: 'complex' },
  receipts: { label: 'Belege', kind: 'count', summary: true },
  retainUntil: date('aufzubewahren bis'),
  coveredYear: { label: 'Jahr', kind: 'count', summary: true },
  cursory: {
    label: 'Kursorische Prüfung',
    nested: {
      complete: { label: 'vollständig', kind: 'bool' },
      plausible: { label: 'plausibel', kind: 'bool' },
      purposeAchieved: { label: 'Zweck erreicht', kind: 'bool' },
      notes: { label: 'Bemerkungen' },
    },
  },
  sampleSize: { label: 'Belege in der Stichprobe', kind: 'count', summary: true },
  lineConsents: { label: 'Zustimmungen zu Überschreitungen', kind: 'complex' },
  outcome: { label: 'Ergebnis', codes: () => RECEIPT_OUTCOME, summary: true },
  note: { label: 'Notiz', summary: true },
  receiptNumber: { label: 'Belegnummer', summary: true },
  eligibleAmount: money('förderfähiger Betrag', true),
  mode: { label: 'Art des Imports', codes: () => IMPORT_MODE, summary: true },
  rowsImported: { label: 'übernommene Zeilen', kind: 'count', summary: true },
  receiptsReplaced: { label: 'ersetzte Belege', kind: 'count', summary: true },
  errors: { label: 'Fehler', kind: 'count', summary: true },
  // Festsetzung und Rückforderung
  finalGrant: money('festgesetzte Zuwendung', true),
  release: money('frei werdende Mittel', true),
  recovery: money('Rückforderung', true),
  decisionStatus: { label: 'Bescheid', codes: () => DECISION_STATUS, summary: true },
  principal: money('Rückforderungsbetrag', true),
  dueDate: date('fällig am', true),
  repaidPrincipal: money('beglichen (Hauptforderung)', true),
  repaidInterest: money('beglichen (Zinsen)', true),
  interestOutstanding: money('offene Zinsen', true),
  receivedOn: date('eingegangen am', true),
  // Anlagen und Schreiben
  fileName: { label: 'Datei', summary: true },
  originalName: { label: 'Datei', summary: true },
  // Benutzerkonten
  roles: { label: 'Rollen', kind: 'complex' },
  // Zuständigkeit
  assigneeId: { label: 'Zuständig', kind: 'user', summary: true },
  standInId: { label: 'Vertretung', kind: 'user', summary: true },
};


/** A change as the history shows it: the German line, and its parts for other renderings. */
export interface HistoryChange {
  field: string;
  label: string;
  before: string | null;
  after: string | null;
  /** e.g. "Status: eingereicht → in Prüfung", "Höchstbetrag: 103.300,00 €", "Sachbericht geändert". */
  text: string;
}

export interface AuditEventLike {
  action: string;
  entity: string;
  before: unknown;
  after: unknown;
}

export interface FormattedAuditEvent {
  actionLabel: string;
  entityLabel: string;
  /** Which part of the record the event is about, where it is not the record itself ("Beleg SM-2026-01"). */
  subject: string | null;
  changes: HistoryChange[];
}

type Obj = Record<string, unknown>;

/** Events whose `before` describes something else than their `after` (the review's state vs. one Beleg's decision): read by their result alone. */
const RESULT_ONLY_ACTIONS = new Set(['proof.review.receipt']);

/** Events whose `status` is the Prüfvermerk's, not the proof's. */
const REVIEW_STATUS_ACTIONS = new Set(['proof.review.cursory', 'proof.review.sample', 'proof.review.line-consents', 'proof.review.complete']);

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const MAX_TEXT = 300;

/** The user ids an event names (actors of steps, assignee, stand-in), for looking up their display names. */
export function userIdsIn(e: AuditEventLike): string[] {
  const ids = new Set<string>();
  for (const side of [e.before, e.after]) {
    if (!isObj(side)) continue;
    for (const [k, v] of Object.entries(side)) if (FIELDS[k]?.kind === 'user' && typeof v === 'string') ids.add(v);
  }
  return [...ids];
}

/**
 * The event in German: action and entity labels, the part of the record it concerns, and the
 * change list. With both sides, every labelled field that differs; with one side (created,
 * deleted, a step that records only its result), the summary fields that have a value.
 */
export function formatAuditEvent(e: AuditEventLike, names: ReadonlyMap<string, string>, timeZone: string): FormattedAuditEvent {
  const ctx: ValueContext = { entity: e.entity, names, timeZone };
  const after = isObj(e.after) ? e.after : null;
  const before = isObj(e.before) && !RESULT_ONLY_ACTIONS.has(e.action) ? e.before : null;
  const fields = REVIEW_STATUS_ACTIONS.has(e.action) ? { ...FIELDS, status: { ...FIELDS.status!, label: 'Prüfvermerk' } } : FIELDS;
  return {
    actionLabel: auditActionLabel(e.action),
    entityLabel: auditEntityLabel(e.entity),
    subject: subjectOf(e, before, after),
    changes: e.action.startsWith('case.follow-up.') ? followUpChanges(e.action, before, after) : changesOf(fields, before, after, ctx, ''),
  };
}

function changesOf(fields: Readonly<Record<string, FieldSpec>>, before: Obj | null, after: Obj | null, ctx: ValueContext, prefix: string): HistoryChange[] {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].filter((k) => fields[k]);
  // In the order of the catalogue, so every event reads alike.
  const order = Object.keys(fields);
  keys.sort((a, b) => order.indexOf(a) - order.indexOf(b));
  const both = before !== null && after !== null;
  const out: HistoryChange[] = [];
  for (const key of keys) {
    const spec = fields[key]!;
    const b = before?.[key];
    const a = after?.[key];
    if (spec.nested) {
      out.push(...changesOf(spec.nested, isObj(b) ? b : before === null ? null : {}, isObj(a) ? a : after === null ? null : {}, ctx, `${prefix}${key}.`));
      continue;
    }
    const field = `${prefix}${key}`;
    if (both) {
      if (sameValue(b, a)) continue;
      if (spec.kind === 'complex') {
        out.push({ field, label: spec.label, before: null, after: null, text: `${spec.label} geändert` });
        continue;
      }
      const bv = show(spec, b, ctx);
      const av = show(spec, a, ctx);
      if (bv === undefined || av === undefined || bv === av) continue;
      out.push({ field, label: spec.label, before: bv, after: av, text: `${spec.label}: ${bv ?? '–'} → ${av ?? '–'}` });
    } else {
      if (!spec.summary) continue;
      const value = show(spec, after ? a : b, ctx);
      if (value === undefined || value === null) continue;
      out.push(after ? { field, label: spec.label, before: null, after: value, text: `${spec.label}: ${value}` } : { field, label: spec.label, before: value, after: null, text: `${spec.label}: ${value}` });
    }
  }
  return out;
}

/** A Wiedervorlage reads by its note (on creation; its day is the subject) and its status (when done). */
function followUpChanges(action: string, before: Obj | null, after: Obj | null): HistoryChange[] {
  if (action === 'case.follow-up.done') {
    const b = FOLLOW_UP_STATUS[String(before?.followUpStatus ?? 'OPEN')] ?? 'offen';
    const a = FOLLOW_UP_STATUS[String(after?.followUpStatus ?? 'DONE')] ?? 'erledigt';
    return [{ field: 'followUpStatus', label: 'Wiedervorlage', before: b, after: a, text: `Wiedervorlage: ${b} → ${a}` }];
  }
  // The day is the event's subject ("Wiedervorlage zum …"); the note is what it is about.
  const out: HistoryChange[] = [];
  const note = typeof after?.note === 'string' && after.note !== '' ? clip(after.note) : null;
  if (note) out.push({ field: 'note', label: 'Notiz', before: null, after: note, text: `Notiz: ${note}` });
  return out;
}

function subjectOf(e: AuditEventLike, before: Obj | null, after: Obj | null): string | null {
  const side = after ?? before ?? {};
  const str = (k: string): string | null => (typeof side[k] === 'string' && side[k] !== '' ? (side[k] as string) : null);
  switch (e.entity) {
    case 'Receipt':
      return str('receiptNumber') ? `Beleg ${str('receiptNumber')}` : 'Beleg';
    case 'Attachment':
      return str('fileName') ? `Anlage „${str('fileName')}“` : 'Anlage';
    case 'ReceiptImport':
      return str('originalName') ? `Belegliste „${str('originalName')}“` : 'Import der Belegliste';
    case 'GeneratedDocument':
      return str('fileName') ? `Schreiben „${str('fileName')}“` : 'Schreiben';
  }
  if (e.action.startsWith('case.follow-up.')) {
    const due = str('dueDate');
    return due ? `Wiedervorlage zum ${germanDate(due) ?? due}` : 'Wiedervorlage';
  }
  return null;
}

interface ValueContext {
  entity: string;
  names: ReadonlyMap<string, string>;
  timeZone: string;
}

/** The value in German; null for "none" (shown as –), undefined for a value that cannot be shown in German (the field is left out). */
function show(spec: FieldSpec, v: unknown, ctx: ValueContext): string | null | undefined {
  if (v === null || v === undefined || v === '') return null;
  if (spec.codes) {
    const map = spec.codes(ctx.entity);
    return typeof v === 'string' && map && Object.prototype.hasOwnProperty.call(map, v) ? map[v] : undefined;
  }
  switch (spec.kind ?? 'text') {
    case 'money':
      return typeof v === 'string' || typeof v === 'number' ? safe(() => Money.of(String(v)).formatEur()) : undefined;
    case 'date':
      return typeof v === 'string' ? (germanDate(v) ?? undefined) : undefined;
    case 'datetime':
      return typeof v === 'string' ? germanDateTime(v, ctx.timeZone) : undefined;
    case 'bool':
      return typeof v === 'boolean' ? (v ? 'ja' : 'nein') : undefined;
    case 'user':
      return typeof v === 'string' ? (ctx.names.get(v) ?? 'unbekannte Person') : undefined;
    case 'count':
      return typeof v === 'number' ? v.toLocaleString('de-DE') : typeof v === 'string' && /^\d+$/.test(v) ? Number(v).toLocaleString('de-DE') : undefined;
    case 'percent':
      return typeof v === 'string' || typeof v === 'number' ? `${String(v).replace('.', ',')} %` : undefined;
    case 'checklist':
      return Array.isArray(v) ? checklistSummary(v) : undefined;
    case 'complex':
      return undefined;
    case 'text':
      return typeof v === 'string' ? clip(v) : typeof v === 'number' ? v.toLocaleString('de-DE') : undefined;
  }
}

/** "5 erfüllt, 2 offen": how far a review checklist is. */
function checklistSummary(items: unknown[]): string {
  const counts = new Map<string, number>();
  for (const i of items) {
    const result = isObj(i) && typeof i.result === 'string' ? i.result : 'OPEN';
    counts.set(result, (counts.get(result) ?? 0) + 1);
  }
  return ['OK', 'NOT_OK', 'NOT_APPLICABLE', 'OPEN']
    .filter((r) => counts.has(r))
    .map((r) => `${counts.get(r)} ${CHECK_RESULT[r]}`)
    .join(', ');
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

function clip(s: string): string {
  return s.length > MAX_TEXT ? `${s.slice(0, MAX_TEXT - 1)}…` : s;
}

function safe(f: () => string): string | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}

function germanDate(iso: string): string | null {
  const d = CalendarDate.tryParse(iso.slice(0, 10));
  return d && /^\d{4}-\d{2}-\d{2}$/.test(iso) ? d.toGermanString() : null;
}

function germanDateTime(iso: string, timeZone: string): string | undefined {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return undefined;
  const parts = new Intl.DateTimeFormat('de-DE', { timeZone, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(d);
  return `${parts} Uhr`;
}
