/** German labels for the API's codes. Reference data (Kostenarten, Handlungsfelder, Sozialräume) come from the API. */

export const ROLE_LABELS: Record<string, string> = {
  ADMIN: 'Administration',
  STAFF: 'Sachbearbeitung',
  APPROVER: 'Zeichnungsbefugnis',
  PROVIDER: 'Träger',
  AUDITOR: 'Prüfung (nur lesen)',
};

export const APPLICATION_STATUS: Record<string, string> = {
  DRAFT: 'Entwurf',
  SUBMITTED: 'eingereicht',
  IN_REVIEW: 'in Prüfung',
  CHANGES_REQUESTED: 'Nachbesserung erbeten',
  DECISION_PROPOSED: 'Entscheidung vorgeschlagen',
  APPROVED: 'bewilligt',
  REJECTED: 'abgelehnt',
  WITHDRAWN: 'zurückgezogen',
};

export const DECISION_STATUS: Record<string, string> = {
  PROPOSED: 'vorgeschlagen',
  RETURNED: 'zurückgegeben',
  IN_FORCE: 'in Kraft',
  REJECTED: 'abgelehnt',
  REVOKED: 'widerrufen',
};

export const VERSION_STATUS: Record<string, string> = { PROPOSED: 'Vorschlag', APPROVED: 'freigegeben', RETURNED: 'zurückgegeben' };
export const VERSION_KIND: Record<string, string> = { ORIGINAL: 'Erstbescheid', AMENDMENT: 'Änderung', REVOCATION: 'Widerruf' };
export const INSTRUMENT: Record<string, string> = { BESCHEID: 'Zuwendungsbescheid', VERTRAG: 'Zuwendungsvertrag' };
export const OUTCOME: Record<string, string> = { GRANT: 'Bewilligung', REJECTION: 'Ablehnung' };

export const FINANCING_TYPE: Record<string, string> = {
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

export const CHECKLIST: Record<string, string> = {
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
};

export const CALL_STATUS: Record<string, string> = { DRAFT: 'Entwurf', PUBLISHED: 'veröffentlicht', CLOSED: 'geschlossen' };
export const BANK_STATUS: Record<string, string> = {
  MISSING: 'keine Bankverbindung',
  PENDING_CONFIRMATION: 'Änderung wartet auf Bestätigung',
  CONFIRMED: 'bestätigt',
};
export const ORG_KIND: Record<string, string> = { STATE: 'Land', DISTRICT: 'Landkreis', PROVIDER: 'Träger' };

export const LEDGER_KIND: Record<string, string> = {
  ALLOCATION: 'Zuweisung',
  COMMITMENT: 'Bindung',
  COMMITMENT_CHANGE: 'Änderung der Bindung',
  RELEASE: 'Freigabe',
  DISBURSEMENT: 'Auszahlung',
  RECOVERY_DUE: 'Rückforderung',
  RECOVERY_RECEIVED: 'Rückzahlung eingegangen',
  STATE_DRAWDOWN: 'Mittelabruf beim Land',
  STATE_REFUND: 'Erstattung an das Land',
};

export const PARAMETER_UNIT: Record<string, string> = {
  MONTHS: 'Monate',
  YEARS: 'Jahre',
  PERCENT: '%',
  PERCENTAGE_POINTS: 'Prozentpunkte',
  EUR: '€',
  DAY_COUNT_CONVENTION: 'Zinstage',
  'MM-DD': 'Tag.Monat',
};

export function label(map: Record<string, string>, code: string | null | undefined): string {
  if (code === null || code === undefined) return '–';
  return map[code] ?? code;
}
