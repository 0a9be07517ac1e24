import { DomainError, Money } from '@foerderfluss/core';

const eur = (m: Money): string => m.formatEur();

export const budgetYearNotFound = (): DomainError =>
  new DomainError('BUDGET_YEAR_NOT_FOUND', 404, 'Das Haushaltsjahr wurde nicht gefunden.');

export const budgetYearExists = (year: number): DomainError =>
  new DomainError('BUDGET_YEAR_EXISTS', 409, `Für dieses Programm gibt es das Haushaltsjahr ${year} bereits.`, [
    { path: 'year', message: `Das Haushaltsjahr ${year} ist bereits angelegt.` },
  ]);

export const budgetYearClosed = (year: number, label: string): DomainError =>
  new DomainError(
    'BUDGET_YEAR_CLOSED',
    409,
    `Das Haushaltsjahr ${year} ist abgeschlossen. Eine ${label} kann nicht mehr gebucht werden.`,
  );

export const insufficientBudget = (year: number, free: Money, needed: Money): DomainError =>
  new DomainError(
    'BUDGET_INSUFFICIENT',
    409,
    `Im Haushaltsjahr ${year} sind nur noch ${eur(free)} frei; benötigt werden ${eur(needed)}. Es wurde nichts gebucht.`,
    [],
    { freeAmount: free.toApiString(), requestedAmount: needed.toApiString() },
  );

export const allocationBelowCommitted = (year: number, committed: Money): DomainError =>
  new DomainError(
    'BUDGET_ALLOCATION_BELOW_COMMITTED',
    409,
    `Die Mittel des Haushaltsjahres ${year} können nicht unter die bereits bewilligten ${eur(committed)} gesenkt werden.`,
    [],
    { committedAmount: committed.toApiString() },
  );

export const disbursementExceedsCommitment = (year: number, outstanding: Money, needed: Money): DomainError =>
  new DomainError(
    'BUDGET_DISBURSEMENT_EXCEEDS_COMMITMENT',
    409,
    `Im Haushaltsjahr ${year} sind nur noch ${eur(outstanding)} bewilligt und nicht angewiesen; die Auszahlung von ${eur(needed)} ist nicht möglich.`,
    [],
    { outstandingAmount: outstanding.toApiString(), requestedAmount: needed.toApiString() },
  );

export const payoutExceedsApproved = (year: number, approvedNotPaid: Money, needed: Money): DomainError =>
  new DomainError(
    'BUDGET_PAYOUT_EXCEEDS_APPROVED',
    409,
    `Im Haushaltsjahr ${year} sind nur ${eur(approvedNotPaid)} angewiesen und noch nicht ausgezahlt; ${eur(needed)} können nicht als ausgezahlt gebucht werden.`,
    [],
    { approvedNotPaidAmount: approvedNotPaid.toApiString(), requestedAmount: needed.toApiString() },
  );

export const drawdownExceedsStateMax = (year: number, remaining: Money, needed: Money): DomainError =>
  new DomainError(
    'BUDGET_DRAWDOWN_EXCEEDS_STATE_MAX',
    409,
    `Vom Land können im Haushaltsjahr ${year} nur noch ${eur(remaining)} abgerufen werden (Höchstbetrag); angefordert sind ${eur(needed)}.`,
    [],
    { remainingAmount: remaining.toApiString(), requestedAmount: needed.toApiString() },
  );

export const releaseExceedsCommitment = (year: number, committed: Money, needed: Money): DomainError =>
  new DomainError(
    'BUDGET_RELEASE_EXCEEDS_COMMITMENT',
    409,
    `Im Haushaltsjahr ${year} sind nur ${eur(committed)} bewilligt; ${eur(needed)} können nicht freigegeben werden.`,
  );

export const invalidLedgerAmount = (detail: string, path = 'amount'): DomainError =>
  new DomainError('BUDGET_INVALID_AMOUNT', 400, detail, [{ path, message: detail }]);

export const invalidShareSplit = (): DomainError =>
  new DomainError('BUDGET_INVALID_SPLIT', 422, 'Landesanteil und Kreisanteil ergeben zusammen nicht den Betrag.', [
    { path: 'stateShare', message: 'Landesanteil und Kreisanteil müssen zusammen den Betrag ergeben.' },
  ]);

export const wrongProgramme = (): DomainError =>
  new DomainError(
    'BUDGET_WRONG_PROGRAMME',
    422,
    'Das Haushaltsjahr gehört zu einem anderen Förderprogramm. Es wurde nichts gebucht.',
    [{ path: 'budgetYearId', message: 'Das Haushaltsjahr gehört zu einem anderen Förderprogramm.' }],
  );

export const correctedEntryInvalid = (): DomainError =>
  new DomainError(
    'BUDGET_CORRECTION_INVALID',
    422,
    'Die zu korrigierende Buchung gibt es in diesem Haushaltsjahr nicht oder sie hat eine andere Art.',
    [{ path: 'correctsEntryId', message: 'Unbekannte Buchung.' }],
  );
