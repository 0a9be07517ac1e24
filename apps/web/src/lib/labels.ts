/** German labels for the API's codes. Reference data (Kostenarten, Handlungsfelder, Sozialräume) come from the API. */
import type { paths, Schemas } from '../api/client';

/** A badge colour. Each status code has one, in a map next to its labels: `tone(APPLICATION_TONE, a.status)`. */
export type Tone = 'info' | 'success' | 'warning' | 'danger';

/** The badge colour of a code; codes the map does not list are 'info'. */
export function tone(map: Readonly<Record<string, Tone>>, code: string | null | undefined): Tone {
  return (code ? map[code] : undefined) ?? 'info';
}

export const ROLE_LABELS: Record<string, string> = {
  ADMIN: 'Administration',
  STAFF: 'Sachbearbeitung',
  APPROVER: 'Zeichnungsbefugnis',
  PROVIDER: 'Träger',
  AUDITOR: 'Prüfung (nur lesen)',
};

export const APPLICATION_STATUS: Record<Schemas['ApplicationDto']['status'], string> = {
  DRAFT: 'Entwurf',
  SUBMITTED: 'eingereicht',
  IN_REVIEW: 'in Prüfung',
  CHANGES_REQUESTED: 'Nachbesserung erbeten',
  DECISION_PROPOSED: 'Entscheidung vorgeschlagen',
  APPROVED: 'bewilligt',
  REJECTED: 'abgelehnt',
  WITHDRAWN: 'zurückgezogen',
};
export const APPLICATION_TONE: Record<string, Tone> = { APPROVED: 'success', CHANGES_REQUESTED: 'warning', REJECTED: 'danger', WITHDRAWN: 'danger' };

export const DECISION_STATUS: Record<Schemas['DecisionDto']['status'], string> = {
  PROPOSED: 'vorgeschlagen',
  RETURNED: 'zurückgegeben',
  IN_FORCE: 'in Kraft',
  REJECTED: 'abgelehnt',
  REVOKED: 'widerrufen',
  CLOSED: 'abgeschlossen',
};
export const DECISION_TONE: Record<string, Tone> = { IN_FORCE: 'success', PROPOSED: 'warning', RETURNED: 'info', REJECTED: 'danger', REVOKED: 'danger', CLOSED: 'danger' };

export const VERSION_STATUS: Record<string, string> = { PROPOSED: 'Vorschlag', APPROVED: 'freigegeben', RETURNED: 'zurückgegeben' };
export const VERSION_KIND: Record<string, string> = { ORIGINAL: 'Erstbescheid', AMENDMENT: 'Änderung', REVOCATION: 'Widerruf' };
export const INSTRUMENT: Record<Schemas['DecisionDto']['instrument'], string> = { BESCHEID: 'Zuwendungsbescheid', VERTRAG: 'Zuwendungsvertrag' };
export const OUTCOME: Record<string, string> = { GRANT: 'Bewilligung', REJECTION: 'Ablehnung' };

export const FINANCING_TYPE: Record<Schemas['FinalGrantRequestDto']['financingType'], string> = {
  SHARE: 'Anteilfinanzierung',
  DEFICIT: 'Fehlbedarfsfinanzierung',
  FULL: 'Vollfinanzierung',
  FIXED: 'Festbetragsfinanzierung',
};

export const FUNDING_KIND: Record<string, string> = {
  OWN_FUNDS: 'Eigenmittel',
  THIRD_PARTY: 'Drittmittel',
  GRANT: 'beantragte Zuwendung',
};

export const CHECKLIST: Record<Schemas['ChecklistItemDto']['code'], string> = {
  FORMAL_COMPLETE: 'Antrag vollständig',
  FORMAL_SIGNED: 'rechtsverbindlich unterschrieben',
  FORMAL_DEADLINE_MET: 'Frist eingehalten',
  FORMAL_PROVIDER_ELIGIBLE: 'Träger antragsberechtigt',
  SUBJECT_FITS_FIELD: 'passt zum Handlungsfeld',
  SUBJECT_LOCAL_NEED: 'Bedarf im Sozialraum belegt',
  SUBJECT_COSTS_PLAUSIBLE: 'Kosten plausibel',
};

export const CHECK_RESULT: Record<string, string> = { OPEN: 'offen', OK: 'erfüllt', NOT_OK: 'nicht erfüllt', NOT_APPLICABLE: 'entfällt' };

export const VOTUM: Record<string, string> = { APPROVE: 'Bewilligung', APPROVE_PARTIAL: 'Teilbewilligung', REJECT: 'Ablehnung' };

export const COMMENT_KIND: Record<string, string> = {
  COMMENT: 'Kommentar',
  CHANGE_REQUEST: 'Nachbesserung erbeten',
  VOTUM: 'Votum',
  STATUS: 'Status',
};

export const WORKLIST_KIND: Record<string, string> = {
  START_REVIEW: 'Prüfung beginnen',
  COMPLETE_REVIEW: 'Prüfung abschließen',
  RESUBMITTED: 'erneut eingereicht',
  APPROVE_DECISION: 'Freigabe (Vier-Augen-Prinzip)',
  CHECK_PAYMENT: 'Mittelabruf prüfen',
  APPROVE_PAYMENT: 'Auszahlung freigeben (Vier-Augen-Prinzip)',
  ENFORCEMENT_REVIEW: 'Vollstreckung prüfen',
  START_PROOF_REVIEW: 'Verwendungsnachweis prüfen',
  COMPLETE_PROOF_REVIEW: 'Prüfung des Verwendungsnachweises abschließen',
  PROPOSE_SETTLEMENT: 'Festsetzung vorschlagen',
  APPROVE_SETTLEMENT: 'Festsetzung freigeben (Vier-Augen-Prinzip)',
  MY_CASE: 'zuständig',
  STAND_IN_CASE: 'Vertretung',
  FOLLOW_UP: 'Wiedervorlage',
};

/** A call's `displayStatus`: a published call past its Ausschlussfrist reads "Frist abgelaufen", never "veröffentlicht". */
export const CALL_STATUS: Record<Schemas['CallDto']['displayStatus'], string> = { DRAFT: 'Entwurf', PUBLISHED: 'veröffentlicht', DEADLINE_PASSED: 'Frist abgelaufen', CLOSED: 'geschlossen' };
export const CALL_TONE: Record<string, Tone> = { PUBLISHED: 'success', DEADLINE_PASSED: 'warning' };
export const BANK_STATUS: Record<string, string> = {
  MISSING: 'keine Bankverbindung',
  PENDING_CONFIRMATION: 'Änderung wartet auf Bestätigung',
  CONFIRMED: 'bestätigt',
};
export const BANK_TONE: Record<string, Tone> = { MISSING: 'warning', PENDING_CONFIRMATION: 'warning', CONFIRMED: 'success' };
export const ORG_KIND: Record<string, string> = { STATE: 'Land', DISTRICT: 'Landkreis', PROVIDER: 'Träger' };

export const LEDGER_KIND: Record<string, string> = {
  ALLOCATION: 'Zuweisung',
  COMMITMENT: 'Bindung',
  COMMITMENT_CHANGE: 'Änderung der Bindung',
  RELEASE: 'Freigabe',
  DISBURSEMENT: 'Auszahlung angewiesen',
  DISBURSEMENT_PAID: 'Auszahlung ausgeführt',
  RECOVERY_DUE: 'Rückforderung',
  RECOVERY_RECEIVED: 'Rückzahlung eingegangen',
  STATE_DRAWDOWN: 'Mittelabruf beim Land',
  STATE_REFUND: 'Erstattung an das Land',
};

export const PARAMETER_UNIT: Record<string, string> = {
  DAYS: 'Tage',
  MONTHS: 'Monate',
  YEARS: 'Jahre',
  PERCENT: '%',
  PERCENTAGE_POINTS: 'Prozentpunkte',
  EUR: '€',
  DAY_COUNT_CONVENTION: 'Zinstage',
  'MM-DD': 'Tag.Monat',
};

// ───────────── Phase 2: Mittelabrufe, Verwendungsnachweise, Festsetzung, Exporte ─────────────

export const PAYMENT_STATUS: Record<Schemas['PaymentRequestDto']['status'], string> = {
  DRAFT: 'Entwurf',
  SUBMITTED: 'eingereicht',
  CHECKED: 'sachlich geprüft',
  APPROVED: 'zur Auszahlung freigegeben',
  PAID: 'ausgezahlt',
  REJECTED: 'abgelehnt',
  WITHDRAWN: 'zurückgezogen',
};
export const PAYMENT_TONE: Record<string, Tone> = { PAID: 'success', APPROVED: 'success', SUBMITTED: 'warning', CHECKED: 'warning', REJECTED: 'danger', WITHDRAWN: 'danger' };

export const PAYEE_TYPE: Record<string, string> = {
  STAFF: 'Personal',
  SUPPLIER: 'Lieferant',
  CONTRACTOR: 'Auftragnehmer/Honorarkraft',
  INTERPRETER: 'Sprachmittlung',
  OTHER: 'Sonstige',
};

export const DISBURSEMENT_STATUS: Record<Schemas['DisbursementDto']['status'], string> = { APPROVED: 'freigegeben', IN_FILE: 'in Zahlungsdatei', PAID: 'ausgezahlt' };
export const PAYMENT_FILE_STATUS: Record<Schemas['PaymentFileDto']['status'], string> = { CREATED: 'erzeugt', BOOKED: 'ausgeführt (gebucht)' };
export const PAYMENT_FILE_TONE: Record<string, Tone> = { CREATED: 'warning', BOOKED: 'success' };
export const DRAWDOWN_STATUS: Record<string, string> = { REQUESTED: 'angefordert', RECEIVED: 'eingegangen' };

export const PROOF_KIND: Record<string, string> = { FINAL: 'Verwendungsnachweis', INTERIM: 'Zwischennachweis' };
export const PROOF_STATUS: Record<Schemas['ProofDto']['status'], string> = {
  DRAFT: 'Entwurf',
  SUBMITTED: 'eingereicht',
  IN_REVIEW: 'in Prüfung',
  REVIEWED: 'geprüft (Prüfvermerk)',
  SETTLED: 'festgesetzt',
};
export const PROOF_TONE: Record<string, Tone> = { SUBMITTED: 'warning', IN_REVIEW: 'warning', REVIEWED: 'success', SETTLED: 'success' };

export const RECEIPT_DIRECTION: Record<string, string> = { EXPENSE: 'Ausgabe', INCOME: 'Einnahme' };
/** Categories of income lines in the Belegliste (the API's codes next to the Kostenarten). */
export const INCOME_CATEGORY: Record<string, string> = { OWN_FUNDS: 'Eigenmittel', THIRD_PARTY: 'Drittmittel', REVENUE: 'Einnahmen aus dem Projekt' };
export const RECEIPT_REVIEW: Record<string, string> = { OPEN: 'offen', RECOGNISED: 'anerkannt', REDUCED: 'gekürzt', REFUSED: 'nicht anerkannt' };
export const SAMPLE_REASON: Record<string, string> = { RISK_FLAG: 'risikobasiert (Hinweis)', RISK_AMOUNT: 'risikobasiert (Betrag)', RANDOM: 'Zufallsauswahl' };
export const FINDING: Record<string, string> = {
  DUPLICATE_RECEIPT_NUMBER: 'doppelte Belegnummer',
  LINE_SUM_MISMATCH: 'Belege und Nachweis weichen ab',
  PERSONNEL_ABOVE_COMPARISON: 'Besserstellungsverbot',
  NO_RECEIPTS: 'keine Belege',
  INCOME_NOT_REPORTED: 'Einnahmen nicht angegeben',
};
/** How the values of a Kennzahl add up over the Sachberichte (issue 19). */
export const AGGREGATION: Record<string, string> = { SUM: 'Summe', AVERAGE: 'Durchschnitt' };
export const REVIEW_STATUS: Record<string, string> = { IN_PROGRESS: 'in Bearbeitung', COMPLETED: 'abgeschlossen' };
export const SETTLEMENT_STATUS: Record<string, string> = { PROPOSED: 'vorgeschlagen', APPROVED: 'freigegeben', RETURNED: 'zurückgegeben' };
export const SETTLEMENT_TONE: Record<string, Tone> = { PROPOSED: 'warning', APPROVED: 'success' };
export const RECOVERY_STATUS: Record<Schemas['RecoveryDto']['status'], string> = { OPEN: 'offen', PARTIALLY_PAID: 'teilweise beglichen', SETTLED: 'beglichen' };
export const RECOVERY_TONE: Record<string, Tone> = { OPEN: 'danger', PARTIALLY_PAID: 'warning', SETTLED: 'success' };
/** Mahnstufe of a Rückforderung (0 = noch keine Mahnung). */
export const DUNNING_LEVEL: Record<string, string> = { '0': 'keine Mahnung', '1': '1. Mahnung', '2': '2. Mahnung' };
export const STATE_PROOF_STATUS: Record<string, string> = { DRAFT: 'in Vorbereitung', SUBMITTED: 'eingereicht' };
export const STATE_PROOF_TONE: Record<string, Tone> = { DRAFT: 'warning', SUBMITTED: 'success' };
export const REPAYMENT_KIND: Record<string, string> = { RECOVERY: 'auf Rückforderung', VOLUNTARY: 'freiwillige Rückzahlung' };

export const IMPORT_STATUS: Record<string, string> = { QUEUED: 'wartet', RUNNING: 'läuft', COMPLETED: 'übernommen', FAILED: 'abgelehnt' };
export const LETTER_STATUS: Record<Schemas['LetterDto']['status'], string> = { PENDING: 'in der Warteschlange', RENDERING: 'in Arbeit', COMPLETED: 'fertig', FAILED: 'fehlgeschlagen' };
/** A check of the audit hash chain. */
export const AUDIT_CHECK_STATUS: Record<string, string> = { PENDING: 'wartet', COMPLETED: 'abgeschlossen', FAILED: 'fehlgeschlagen' };
/** The e-mail of a notification. */
export const MAIL_STATUS: Record<string, string> = { PENDING: 'wird versandt', SENDING: 'wird versandt', SENT: 'versandt', FAILED: 'nicht zustellbar' };
/** A Vergaberunde. */
export const ROUND_STATUS: Record<string, string> = { OPEN: 'offen', CONFIRMED: 'bestätigt' };
export const ROUND_TONE: Record<string, Tone> = { CONFIRMED: 'success' };
/** Monitoring (issue 19): how the figures are grouped, and the four money figures of a group. */
export const MONITORING_GROUP_BY: Record<string, string> = { fieldOfAction: 'nach Handlungsfeld', socialArea: 'nach Sozialraum', provider: 'nach Träger', year: 'nach Jahr' };
export const MONEY_FIGURE_LABELS: Record<'committed' | 'paid' | 'proven' | 'recoveriesDue' | 'recovered', string> = {
  committed: 'gebunden',
  paid: 'ausgezahlt',
  proven: 'nachgewiesen',
  recoveriesDue: 'zurückgefordert',
  recovered: 'zurückerhalten',
};
/** The job queues (libs/jobs/src/job-names.ts QUEUES), for „Betrieb“. */
export const QUEUE_LABEL: Record<Schemas['QueueDto']['queue'], string> = {
  maintenance: 'Wartung',
  imports: 'Importe',
  exports: 'Exporte',
  letters: 'Briefe',
  notifications: 'E-Mail und Erinnerungen',
};
/** Job names (libs/jobs/src/job-names.ts JOBS). */
export const JOB_NAME_LABEL: Record<string, string> = {
  'audit.verify-chain': 'Protokoll-Kette prüfen',
  'proof-of-use.import-receipts': 'Belegliste importieren',
  'letters.render': 'Schreiben erzeugen',
  'letters.scan': 'Fehlende Schreiben anlegen',
  'reminders.scan': 'Erinnerungen suchen',
  'mail.send': 'E-Mail senden',
  'mail.drain': 'Wartende E-Mails einreihen',
  'exports.generate': 'Export erzeugen',
  'exports.cleanup': 'Alte Exporte löschen',
  'recoveries.dunning-scan': 'Mahnungen schreiben',
  'jobs.reconcile': 'Verlorene Aufträge erneut einreihen',
  'uploads.cleanup': 'Alte Uploads löschen',
};
/** The states of a job as the admin api filters them. */
export const JOB_STATE_LABEL: Record<NonNullable<JobState>, string> = {
  failed: 'fehlgeschlagen',
  delayed: 'verzögert',
  waiting: 'wartend',
  prioritized: 'wartend (vorgezogen)',
  active: 'läuft',
  completed: 'abgeschlossen',
};
type JobState = NonNullable<NonNullable<paths['/api/v1/admin/jobs']['get']['parameters']['query']>['state']>;
export const JOB_STATE_TONE: Record<string, Tone> = { failed: 'danger', delayed: 'warning', completed: 'success' };
/** What a job's payload key names (payloads carry ids only). */
export const JOB_RECORD_LABEL: Record<string, string> = {
  outboxId: 'E-Mail',
  documentId: 'Schreiben',
  exportId: 'Export',
  importId: 'Belegimport',
  verificationId: 'Protokollprüfung',
};
/** A mail of the Postausgang, as administrators see it. */
export const OUTBOX_STATUS: Record<Schemas['MailDto']['status'], string> = { PENDING: 'wartet', SENDING: 'wird versandt', SENT: 'versandt', FAILED: 'fehlgeschlagen' };
export const OUTBOX_TONE: Record<string, Tone> = { SENT: 'success', PENDING: 'warning', SENDING: 'warning', FAILED: 'danger' };
/** Background jobs (Schreiben, Exporte, Belegimporte) share their colours. */
export const JOB_TONE: Record<string, Tone> = { COMPLETED: 'success', FAILED: 'danger' };

export type ExportTypeCode = Schemas['CreateExportDto']['type'];
export type ExportFormatCode = Schemas['CreateExportDto']['format'];
export type ExportFilterKey = 'budgetYearId' | 'providerId' | 'decisionId' | 'proofId' | 'from' | 'to' | 'year';
/** Row exports come as Excel or CSV; the Kreistag's Jahresbericht as PDF or Excel. */
const ROW_FORMATS: ExportFormatCode[] = ['xlsx', 'csv'];

/**
 * The export types of the API (libs/exports/src/export-jobs/export-types.ts mirrors this; the
 * web app may not import libs/): German name, whether a Träger may request it, the filters it
 * takes and which of them it requires, and what the period means.
 */
export const EXPORT_TYPES: { code: ExportTypeCode; label: string; forProviders: boolean; filters: ExportFilterKey[]; required: ExportFilterKey[]; formats: ExportFormatCode[]; period?: string }[] = [
  { code: 'APPROVALS', label: 'Bewilligungsliste', forProviders: true, filters: ['budgetYearId', 'providerId', 'decisionId', 'from', 'to'], formats: ROW_FORMATS, required: [], period: 'Bescheid-/Vertragsdatum' },
  { code: 'PAYMENTS', label: 'Zahlungsübersicht', forProviders: true, filters: ['budgetYearId', 'providerId', 'decisionId', 'from', 'to'], formats: ROW_FORMATS, required: [], period: 'Abrufdatum; Zinsen § 49a (4) bis zum Ende des Zeitraums' },
  { code: 'PLAN_ACTUAL', label: 'Mittelübersicht Soll/Ist', forProviders: true, filters: ['budgetYearId', 'providerId', 'decisionId'], formats: ROW_FORMATS, required: [] },
  { code: 'RECEIPTS', label: 'Belegliste', forProviders: true, filters: ['budgetYearId', 'providerId', 'decisionId', 'proofId', 'from', 'to'], formats: ROW_FORMATS, required: [], period: 'Zahlungsdatum' },
  { code: 'PROOF_REVIEW', label: 'Prüfvermerk', forProviders: false, filters: ['budgetYearId', 'providerId', 'decisionId', 'proofId'], formats: ROW_FORMATS, required: [] },
  { code: 'RECOVERIES', label: 'Rückforderungen und Zinsen', forProviders: true, filters: ['budgetYearId', 'providerId', 'decisionId', 'to'], formats: ROW_FORMATS, required: [], period: 'Stichtag der Zinsberechnung' },
  { code: 'BUDGET', label: 'Haushaltsübersicht', forProviders: false, filters: ['budgetYearId'], formats: ROW_FORMATS, required: ['budgetYearId'] },
  { code: 'STATE_PROOF', label: 'Kreis-Verwendungsnachweis', forProviders: false, filters: ['budgetYearId'], formats: ROW_FORMATS, required: ['budgetYearId'] },
  { code: 'AUDIT_LOG', label: 'Audit-Protokoll', forProviders: false, filters: ['from', 'to'], formats: ROW_FORMATS, required: [], period: 'Zeitpunkt des Ereignisses' },
  { code: 'ANNUAL_REPORT', label: 'Jahresbericht für den Kreistag', forProviders: false, filters: ['year'], formats: ['pdf', 'xlsx'], required: ['year'] },
];
export const EXPORT_FILTER_LABELS: Record<ExportFilterKey, string> = {
  budgetYearId: 'Haushaltsjahr',
  providerId: 'Träger',
  decisionId: 'Bewilligung',
  proofId: 'Verwendungsnachweis',
  from: 'Zeitraum von',
  to: 'Zeitraum bis',
  year: 'Haushaltsjahr',
};
export const EXPORT_STATUS: Record<string, string> = { QUEUED: 'wartet', RUNNING: 'läuft', COMPLETED: 'fertig', FAILED: 'fehlgeschlagen' };
export const EXPORT_FORMAT: Record<ExportFormatCode, string> = { xlsx: 'Excel (xlsx)', csv: 'CSV (Semikolon, UTF-8)', pdf: 'PDF' };

/** A label map as options of a <select>, with the map's codes as the typed values. */
export function optionsOf<K extends string>(map: Record<K, string>): { value: K; label: string }[] {
  // Object.keys is typed string[]; the keys of a Record<K, string> are K.
  return (Object.keys(map) as K[]).map((value) => ({ value, label: map[value] }));
}

/** The code of a label map that `value` names (e.g. a status from the URL), or '' for none. */
export function codeOf<K extends string>(map: Record<K, string>, value: string | null | undefined): K | '' {
  return optionsOf(map).find((o) => o.value === value)?.value ?? '';
}

export function label(map: Record<string, string>, code: string | null | undefined): string {
  if (code === null || code === undefined) return '–';
  return map[code] ?? code;
}

/** German names of request fields, for API field errors that no field on the page shows. */
export const FIELD_LABELS: Record<string, string> = {
  callId: 'Projektaufruf',
  decisionId: 'Bescheid oder Vertrag',
  title: 'Titel',
  purpose: 'Zweck',
  targetGroup: 'Zielgruppe',
  fieldsOfAction: 'Handlungsfelder',
  socialAreaCode: 'Sozialraum',
  municipality: 'Gemeinde',
  periodStart: 'Beginn des Durchführungszeitraums',
  periodEnd: 'Ende des Durchführungszeitraums',
  plannedStart: 'geplanter Maßnahmebeginn',
  contactName: 'Ansprechperson',
  contactEmail: 'E-Mail-Adresse',
  contactPhone: 'Telefon',
  projectBegun: 'Maßnahme begonnen',
  projectBegunOn: 'begonnen am',
  vatDeductible: 'Vorsteuerabzug',
  otherPublicFunding: 'andere öffentliche Förderung',
  betterPositionRespected: 'Besserstellungsverbot',
  financingPlan: 'Kosten- und Finanzierungsplan',
  costLines: 'Kosten',
  personnelPositions: 'Personalstellen',
  fundingLines: 'Finanzierung',
  category: 'Kostenart',
  description: 'Beschreibung',
  amount: 'Betrag',
  kind: 'Art',
  source: 'Herkunft',
  label: 'Stelle',
  payGrade: 'Entgeltgruppe',
  monthlyEmployerGross: 'Arbeitgeberbrutto je Monat',
  comparisonAmount: 'TV-L-Vergleichsbetrag',
  fte: 'Stellenanteil (VZÄ)',
  months: 'Monate',
  requestedAmount: 'angeforderter Betrag',
  requestedValueDate: 'Wertstellungstag',
  duePayments: 'fällige Zahlungen',
  dueDate: 'fällig am',
  payeeType: 'Empfänger',
  costCategory: 'Kostenart',
  dueTotal: 'Summe der fälligen Zahlungen',
  dueExplanation: 'Erläuterung der Summe',
  iban: 'IBAN',
  bic: 'BIC',
  accountHolder: 'Kontoinhaber',
  attachments: 'Anlagen',
  narrative: 'Sachbericht',
  measure: 'Durchgeführte Maßnahme',
  goalsAchieved: 'Erreichte Ziele',
  targetGroupReached: 'Erreichte Zielgruppe',
  deviations: 'Abweichungen vom Plan',
  receipts: 'Belegliste',
  version: 'Bearbeitungsstand',
};

/** "financingPlan.costLines.0.amount" → "Kosten- und Finanzierungsplan, Kosten, Zeile 1, Betrag". */
export function fieldLabel(path: string): string {
  const parts = path.split('.').filter(Boolean);
  const out: string[] = [];
  for (const p of parts) {
    if (/^\d+$/.test(p)) out.push(`Zeile ${Number(p) + 1}`);
    else out.push(FIELD_LABELS[p] ?? p);
  }
  return out.join(', ');
}

/** One label per notification kind; typed by the API's enum, so a new kind without a label does not compile. */
export const NOTIFICATION_KIND: Record<Schemas['NotificationDto']['kind'], string> = {
  PROOF_DUE: 'Verwendungsnachweis fällig',
  INTERIM_PROOF_DUE: 'Zwischennachweis fällig',
  PAYMENT_APPROVAL: 'Mittelabruf zur Freigabe',
  RECOVERY_OVERDUE: 'Rückforderung überfällig',
  APPLICATION_RECEIVED: 'Antrag eingegangen',
  CHANGES_REQUESTED: 'Ergänzungen zum Antrag erbeten',
  DECISION_ISSUED: 'Bescheid oder Vertrag in Kraft',
  APPLICATION_REJECTED: 'Antrag abgelehnt',
  PAYMENT_REQUEST_APPROVED: 'Mittelabruf freigegeben',
  PAYMENT_REQUEST_REFUSED: 'Mittelabruf abgelehnt',
  PAYOUT_EXECUTED: 'Auszahlung ausgeführt',
  SETTLEMENT_MADE: 'Zuwendung festgesetzt',
  RECOVERY_DUE: 'Rückforderung fällig',
  CALL_DEADLINE_EXTENDED: 'Frist eines Projektaufrufs verlängert',
  CASE_ASSIGNED: 'Vorgang zugewiesen',
  FOLLOW_UP_ADDED: 'Wiedervorlage angelegt',
};

/** Vorgänge with an assignee and Wiedervorlagen (issue 16). */
export const CASE_TYPE_LABELS: Record<Schemas['CaseDto']['type'], string> = {
  APPLICATION: 'Antrag',
  DECISION: 'Bescheid/Vertrag',
  PROOF_OF_USE: 'Verwendungsnachweis',
  RECOVERY: 'Rückforderung',
};
export const FOLLOW_UP_STATUS: Record<Schemas['FollowUpDto']['status'], string> = { OPEN: 'offen', DONE: 'erledigt' };
export const WORKLIST_SECTION: Record<Schemas['WorklistItemDto']['section'], string> = {
  TASKS: 'Aufgaben',
  MY_CASES: 'Meine Fälle',
  FOLLOW_UPS: 'Fällige Wiedervorlagen',
};

/** Four eyes with context (issue 16): what "sachlich richtig" means for a Mittelabruf, as the checker's checklist. */
export const PAYMENT_CHECKLIST: Record<Schemas['PaymentCheckCode'], string> = {
  DECISION_IN_FORCE: 'Bescheid oder Vertrag erlassen und in Kraft',
  AMOUNT_WITHIN_LIMIT: 'Betrag im Rahmen des Höchstbetrags und des abrufbaren Anteils',
  NEED_WITHIN_HORIZON: 'Bedarf für fällige Zahlungen im Abrufzeitraum belegt (2-Monats-Regel)',
  BANK_ACCOUNT_CONFIRMED: 'Bankverbindung des Trägers bestätigt',
};
export const CHECK_RESULT_TONE: Record<string, Tone> = { OK: 'success', NOT_OK: 'danger', OPEN: 'warning' };

/** The record types the search (/suche) finds, as the hit list names them. */
export const SEARCH_HIT_TYPE: Record<Schemas['SearchHitType'], string> = {
  APPLICATION: 'Antrag',
  DECISION: 'Bescheid',
  PAYMENT_REQUEST: 'Mittelabruf',
  PROOF_OF_USE: 'Verwendungsnachweis',
  SETTLEMENT: 'Festsetzung',
  RECOVERY: 'Rückforderung',
  ORGANISATION: 'Träger',
};

/** A Träger found by the search is active or not. */
export const ORGANISATION_ACTIVE: Record<string, string> = { ACTIVE: 'aktiv', INACTIVE: 'nicht aktiv' };

/** Licences of the 360Giving open data (Offene Daten). */
export const OPEN_DATA_LICENCE: Record<Schemas['OpenDataSettingsDto']['licence'], string> = {
  CC_BY_4_0: 'Creative Commons Namensnennung 4.0 (CC BY 4.0)',
  CC0_1_0: 'Creative Commons Zero 1.0 (gemeinfrei, CC0)',
  DL_DE_BY_2_0: 'Datenlizenz Deutschland – Namensnennung 2.0',
  DL_DE_ZERO_2_0: 'Datenlizenz Deutschland – Zero 2.0',
};
