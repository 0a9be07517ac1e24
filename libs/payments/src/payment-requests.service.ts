import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CalendarDate, ChecklistEntry, Clock, DomainError, FieldError, isKreisSide, labelledChecklist, LabelledChecklistEntry, Money, Page, Scope, systemScope } from '@foerderfluss/core';
import { UsersService } from '@foerderfluss/identity';
import { ListParams, TransactionRunner } from '@foerderfluss/database';
import { AuditService } from '@foerderfluss/audit';
import { BankAccountStatus, OrganisationsService } from '@foerderfluss/organisations';
import { ParametersService } from '@foerderfluss/programmes';
import { BudgetYearsService, LedgerKind, LedgerService } from '@foerderfluss/funding';
import { Decision, decisionAmountProblem, decisionPermits, DecisionsService, DecisionVersion } from '@foerderfluss/decisions';
import { calculatePaymentRequestLimit, splitBySource, sumPaymentsDueWithinHorizon } from '@foerderfluss/rules';
import { DuePaymentDoc, LimitDoc, PaymentRequest } from './payment-request.entity';
import { Disbursement } from './disbursement.entity';
import { DisbursementStatus } from './disbursement-state';
import { PaymentRequestAction, paymentRequestLifecycle, PaymentRequestStatus } from './payment-request-state';
import { PaymentRequestFilter, PaymentRequestRepository } from './payment-request.repository';
import { DisbursementFilter, DisbursementRepository } from './disbursement.repository';
import { PAYMENT_CHECKLIST, paymentCheckGaps, paymentCheckIncomplete } from './payment-check';
import {
  bankAccountChanged,
  bankAccountMissing,
  bankAccountUnconfirmed,
  decisionNotPayable,
  exceedsLimit,
  exceedsMaxAmount,
  paymentRequestInvalid,
  paymentRequestNotEditable,
  valueDateInPast,
} from './payments.errors';

export interface PaymentRequestInput {
  requestedAmount: Money;
  duePayments: DuePaymentDoc[];
  dueTotal: Money | null;
  dueExplanation: string | null;
  requestedValueDate: string;
}

/** What became of one request of a bulk approval (`approveMany`). */
export interface BulkApprovalOutcome {
  id: string;
  outcome: 'APPROVED' | 'REFUSED';
  /** Abruf-Nr., when the caller may see the request. */
  reference: string | null;
  /** The approved payout's amount. */
  amount: Money | null;
  /** The refusal's error code and German detail (the same as a single approval would answer). */
  code: string | null;
  detail: string | null;
}

export interface LimitPreview {
  limit: LimitDoc;
  allowed: Money;
  requested: Money;
}

/** What the approver reads beside a checked Mittelabruf (issue 16): who checked it and against what. */
export interface PaymentCheckContext {
  /** Null until checked; null for a Träger (internal). */
  checkedBy: { id: string; displayName: string } | null;
  checkedAt: Date | null;
  /** The "sachlich richtig" checklist with Vermerke; null until checked, for checks before issue 16, and for a Träger. */
  checklist: LabelledChecklistEntry[] | null;
  approvalBlockedReason: string | null;
}

export function requestSnapshot(r: PaymentRequest): Record<string, unknown> {
  const { decision: _d, provider: _p, budgetYear: _b, ...rest } = r;
  return rest;
}

/**
 * Mittelabruf: only what is needed for payments due within the horizon, only the pro-rata share
 * under Anteil-/Fehlbedarfsfinanzierung, never beyond the Höchstbetrag, and paid out only under
 * four eyes (DOMAIN §2 step 5).
 */
@Injectable()
export class PaymentRequestsService {
  private readonly logger = new Logger('PaymentRequestsService');

  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly decisions: DecisionsService,
    private readonly ledger: LedgerService,
    private readonly parameters: ParametersService,
    private readonly clock: Clock,
    private readonly organisations: OrganisationsService,
    private readonly budgetYears: BudgetYearsService,
    private readonly requests: PaymentRequestRepository,
    private readonly disbursements: DisbursementRepository,
    private readonly users: UsersService,
  ) {}

  // ───────────────────────────── reading ─────────────────────────────

  async list(scope: Scope, q: ListParams & PaymentRequestFilter): Promise<Page<PaymentRequest>> {
    return this.requests.list(scope, q);
  }

  /** With the Bescheid reference and the Träger's name; 404 for a request the caller may not see. */
  async get(scope: Scope, id: string, em: EntityManager = this.tx.manager, lock = false): Promise<PaymentRequest> {
    return this.requests.get(scope, id, { em, lock });
  }

  /** One page of the Auszahlungen the caller may see (a Träger its own), filtered and sorted by the repository. */
  async listDisbursements(scope: Scope, q: ListParams & DisbursementFilter): Promise<Page<Disbursement>> {
    return this.disbursements.list(scope, q);
  }

  /**
   * What this caller may do with the request now (the table, the roles, four eyes against the
   * checker). `pay` is left out: it happens by booking the payment file, not on the request.
   */
  allowedActions(scope: Scope, r: PaymentRequest): PaymentRequestAction[] {
    return paymentRequestLifecycle.allowedActions(r.status, scope, { firstActorId: r.checkedBy }).filter((a) => a !== 'pay');
  }

  /**
   * The checker and the checklist for the approver, and the sentence that replaces the Freigabe
   * button for the person who checked (the lifecycle's four-eyes rule, asked once here).
   */
  async checkContext(scope: Scope, r: PaymentRequest): Promise<PaymentCheckContext> {
    return (await this.checkContexts(scope, [r]))[0]!;
  }

  /** The same for a page of requests, with the checkers' names read in one query. */
  async checkContexts(scope: Scope, rs: readonly PaymentRequest[]): Promise<PaymentCheckContext[]> {
    const kreis = isKreisSide(scope);
    const names = kreis ? await this.users.displayNames(rs.map((r) => r.checkedBy)) : new Map<string, string>();
    return rs.map((r) => {
      const approvalBlockedReason = paymentRequestLifecycle.fourEyesBlocks(r.status, 'approve', scope, { firstActorId: r.checkedBy })
        ? 'Sie haben diesen Mittelabruf selbst sachlich geprüft; die Freigabe der Auszahlung muss eine andere Person mit Zeichnungsbefugnis erteilen.'
        : null;
      if (!kreis || !r.checkedBy) return { checkedBy: null, checkedAt: kreis ? r.checkedAt : null, checklist: null, approvalBlockedReason };
      return {
        checkedBy: { id: r.checkedBy, displayName: names.get(r.checkedBy) ?? '–' },
        checkedAt: r.checkedAt,
        checklist: r.checkChecklist ? labelledChecklist(PAYMENT_CHECKLIST, r.checkChecklist) : null,
        approvalBlockedReason,
      };
    });
  }

  // ───────────────────────────── the Träger's side ─────────────────────────────

  /** What could be requested now, with the reasons for any cut, without storing anything. */
  async preview(scope: Scope, decisionId: string, input: PaymentRequestInput): Promise<LimitPreview> {
    const { decision, version } = await this.payableDecision(this.tx.manager, scope, decisionId);
    this.validateInput(version, input);
    return this.limitFor(decision, version, input);
  }

  async create(scope: Scope, decisionId: string, input: PaymentRequestInput): Promise<PaymentRequest> {
    return this.tx.run(async (em) => {
      const { decision, version } = await this.payableDecision(em, scope, decisionId, true);
      this.validateInput(version, input);
      const sequence = await this.requests.nextSequence(em, decision.id);
      const request = em.create(PaymentRequest, {
        reference: `${decision.reference}/${sequence}`,
        sequence,
        decisionId: decision.id,
        providerId: decision.providerId,
        budgetYearId: decision.budgetYearId,
        status: PaymentRequestStatus.DRAFT,
        ...input,
        limit: null,
        iban: null,
        bic: null,
        accountHolder: null,
        submittedAt: null,
        submittedBy: null,
        checkedAmount: null,
        checkNote: null,
        checkedBy: null,
        checkedAt: null,
        approvedBy: null,
        approvedAt: null,
        rejectionReason: null,
        paidOn: null,
      });
      await em.save(PaymentRequest, request);
      await this.audit.record(em, scope, { action: 'payment-request.create', entity: 'PaymentRequest', entityId: request.id, after: requestSnapshot(request) });
      return this.get(scope, request.id, em);
    });
  }

  async update(scope: Scope, id: string, input: Partial<PaymentRequestInput>): Promise<PaymentRequest> {
    return this.tx.run(async (em) => {
      const r = await this.get(scope, id, em, true);
      // Only a draft can be changed (the established 409 PAYMENT_REQUEST_NOT_EDITABLE); the role check is the table's.
      if (!paymentRequestLifecycle.step(r.status, 'update')) throw paymentRequestNotEditable();
      paymentRequestLifecycle.transition(r.status, 'update', scope);
      const before = requestSnapshot(r);
      Object.assign(r, Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)));
      const { version } = await this.payableDecision(em, scope, r.decisionId);
      this.validateInput(version, r);
      await em.save(PaymentRequest, r);
      await this.audit.record(em, scope, { action: 'payment-request.update', entity: 'PaymentRequest', entityId: id, before, after: requestSnapshot(r) });
      return r;
    });
  }

  /** Einreichen: the limit must allow the whole amount; the bank account is frozen into the request. */
  async submit(scope: Scope, id: string): Promise<PaymentRequest> {
    return this.tx.run(async (em) => {
      const r = await this.get(scope, id, em, true);
      const to = paymentRequestLifecycle.transition(r.status, 'submit', scope);
      const { decision, version } = await this.payableDecision(em, scope, r.decisionId);
      const today = this.clock.today();
      if (CalendarDate.parse(r.requestedValueDate).isBefore(today)) throw valueDateInPast(today);
      const preview = await this.limitFor(decision, version, r);
      if (preview.allowed.lessThan(r.requestedAmount)) throw exceedsLimit(preview.allowed, r.requestedAmount, preview.limit.reasons);
      const org = await this.organisations.get(scope, r.providerId, em);
      if (!org.iban || org.bankAccountStatus === BankAccountStatus.MISSING) throw bankAccountMissing();
      const before = requestSnapshot(r);
      Object.assign(r, {
        status: to,
        limit: preview.limit,
        iban: org.iban,
        bic: org.bic,
        accountHolder: org.accountHolder,
        submittedAt: this.clock.now(),
        submittedBy: scope.userId,
      });
      await em.save(PaymentRequest, r);
      await this.audit.record(em, scope, { action: 'payment-request.submit', entity: 'PaymentRequest', entityId: id, before, after: requestSnapshot(r) });
      return r;
    });
  }

  async withdraw(scope: Scope, id: string): Promise<PaymentRequest> {
    return this.transition(scope, id, 'withdraw', {});
  }

  // ───────────────────────────── the Landratsamt's side ─────────────────────────────

  /**
   * Sachliche Prüfung: confirm or reduce (with reason); the limit is checked again as of today.
   * The checklist of "sachlich richtig" and a Prüfvermerk are required (409 naming what is missing),
   * so the approver signs with the checker's reasons in front of them.
   */
  async check(scope: Scope, id: string, amount: Money | null, note: string | null, checklist: ChecklistEntry[] | null): Promise<PaymentRequest> {
    return this.tx.run(async (em) => {
      const r = await this.get(scope, id, em, true);
      const to = paymentRequestLifecycle.transition(r.status, 'check', scope);
      const checked = amount ?? r.requestedAmount;
      const errors: FieldError[] = [];
      if (!checked.isPositive() || checked.greaterThan(r.requestedAmount)) {
        errors.push({ path: 'amount', message: `Der geprüfte Betrag muss größer als 0,00 € und höchstens ${r.requestedAmount.formatEur()} sein.` });
      } else if (checked.lessThan(r.requestedAmount) && !note?.trim()) {
        errors.push({ path: 'note', message: 'Bei einer Kürzung bitte die Begründung angeben.' });
      }
      if (errors.length) throw paymentRequestInvalid(errors);
      const gaps = paymentCheckGaps(checklist, note);
      if (gaps.length > 0) throw paymentCheckIncomplete(gaps);
      const { decision, version } = await this.payableDecision(em, scope, r.decisionId);
      const preview = await this.limitFor(decision, version, { ...r, requestedAmount: checked });
      if (preview.allowed.lessThan(checked)) throw exceedsLimit(preview.allowed, checked, preview.limit.reasons);
      const before = requestSnapshot(r);
      const kept = PAYMENT_CHECKLIST.map((p) => checklist!.find((c) => c.code === p.code)!).map(({ code, result, note: n }) => ({ code, result, note: n?.trim() || null }));
      Object.assign(r, { status: to, checkedAmount: checked, checkNote: note!.trim(), checkChecklist: kept, checkedBy: scope.userId, checkedAt: this.clock.now(), limit: preview.limit });
      await em.save(PaymentRequest, r);
      await this.audit.record(em, scope, { action: 'payment-request.check', entity: 'PaymentRequest', entityId: id, before, after: requestSnapshot(r) });
      return r;
    });
  }

  /**
   * Freigabe zur Auszahlung by a second person: reserves the amount against the Höchstbetrag
   * (conditional update), books the DISBURSEMENT with its Land/Kreis split, and creates the payout
   * that a payment file will carry. All in one transaction.
   */
  async approve(scope: Scope, id: string): Promise<{ request: PaymentRequest; disbursement: Disbursement }> {
    return this.tx.run(async (em) => {
      const r = await this.get(scope, id, em, true);
      // Four eyes against the checker (PAYMENT_SAME_APPROVER): the table's guard, no other check.
      const to = paymentRequestLifecycle.transition(r.status, 'approve', scope, { firstActorId: r.checkedBy });
      const org = await this.organisations.get(scope, r.providerId, em);
      if (org.bankAccountStatus !== BankAccountStatus.CONFIRMED) throw bankAccountUnconfirmed();
      if (org.iban !== r.iban) throw bankAccountChanged();
      const amount = r.checkedAmount ?? r.requestedAmount;
      const { decision } = await this.decisions.currentVersion(em, r.decisionId);
      if (!decisionPermits(decision.status, 'paymentRequest')) throw decisionNotPayable();
      if (!(await this.decisions.reserveDisbursement(em, r.decisionId, amount))) {
        const { decision: fresh } = await this.decisions.currentVersion(em, r.decisionId);
        throw exceedsMaxAmount(fresh.maxAmount, fresh.disbursedAmount);
      }
      const { year } = await this.budgetYears.get(scope, r.budgetYearId);
      const split = splitBySource(amount, year.stateRatePercent);
      const entry = await this.ledger.post(em, scope, {
        budgetYearId: r.budgetYearId,
        kind: LedgerKind.DISBURSEMENT,
        amount,
        stateShare: split.state,
        providerId: r.providerId,
        fieldOfActionCode: decision.fieldOfActionCode,
        socialAreaCode: decision.socialAreaCode,
        referenceType: 'Decision',
        referenceId: decision.id,
        note: `Mittelabruf ${r.reference}`,
        bookingDate: this.clock.today().toISOString(),
      });
      const disbursement = em.create(Disbursement, {
        paymentRequestId: r.id,
        decisionId: r.decisionId,
        providerId: r.providerId,
        budgetYearId: r.budgetYearId,
        amount,
        stateShare: split.state,
        districtShare: split.district,
        status: DisbursementStatus.APPROVED,
        iban: r.iban!,
        bic: r.bic,
        accountHolder: r.accountHolder!,
        requestedValueDate: r.requestedValueDate,
        ledgerEntryId: entry.id,
        paymentFileId: null,
        paidOn: null,
      });
      await em.save(Disbursement, disbursement);
      const before = requestSnapshot(r);
      Object.assign(r, { status: to, approvedBy: scope.userId, approvedAt: this.clock.now() });
      await em.save(PaymentRequest, r);
      await this.audit.record(em, scope, {
        action: 'payment-request.approve',
        entity: 'PaymentRequest',
        entityId: id,
        before,
        after: { ...requestSnapshot(r), disbursementId: disbursement.id, amount: amount.toApiString(), stateShare: split.state.toApiString(), districtShare: split.district.toApiString() },
      });
      return { request: r, disbursement };
    });
  }

  /**
   * Approves several checked requests in one step of the approver. Each goes through `approve`
   * in its own transaction, so the rules apply to each exactly as to a single approval (four
   * eyes against its checker, its status, the bank account, the Höchstbetrag) and one refusal
   * does not undo the others. The answer says per id what happened, in the order given.
   */
  async approveMany(scope: Scope, ids: readonly string[]): Promise<BulkApprovalOutcome[]> {
    const outcomes: BulkApprovalOutcome[] = [];
    for (const id of ids) {
      try {
        const { request, disbursement } = await this.approve(scope, id);
        outcomes.push({ id, outcome: 'APPROVED', reference: request.reference, amount: disbursement.amount, code: null, detail: null });
      } catch (err) {
        if (!(err instanceof DomainError)) {
          // Not a rule but a fault: logged with its stack; the others still get their answer.
          this.logger.error(`bulk approval of payment request ${id} failed`, err instanceof Error ? err.stack : String(err));
          outcomes.push({ id, outcome: 'REFUSED', reference: null, amount: null, code: 'INTERNAL_ERROR', detail: 'Die Freigabe ist an einem unerwarteten Fehler gescheitert. Bitte einzeln erneut versuchen.' });
          continue;
        }
        outcomes.push({ id, outcome: 'REFUSED', reference: await this.referenceOf(scope, id), amount: null, code: err.code, detail: err.detail });
      }
    }
    return outcomes;
  }

  /** The Abruf-Nr. of a request the caller may see, for naming a refusal; null when it cannot see it. */
  private async referenceOf(scope: Scope, id: string): Promise<string | null> {
    return (await this.requests.find(scope, id))?.reference ?? null;
  }

  async reject(scope: Scope, id: string, reason: string): Promise<PaymentRequest> {
    return this.transition(scope, id, 'reject', { rejectionReason: reason });
  }

  /**
   * Payment requests waiting for me: STAFF check submitted ones, APPROVERs release checked ones
   * that someone else checked. Same shape as the decisions worklist, so the api can merge both.
   */
  async worklist(scope: Scope): Promise<{ kind: string; entity: 'PaymentRequest'; id: string; reference: string; title: string; providerName: string; dueDate: string; since: Date; action: string }[]> {
    const waiting = await this.requests.waiting(scope);
    const actionOf = (r: PaymentRequest): 'check' | 'approve' => (r.status === PaymentRequestStatus.SUBMITTED ? 'check' : 'approve');
    return waiting
      .filter((r) => paymentRequestLifecycle.permits(r.status, actionOf(r), scope, { firstActorId: r.checkedBy }))
      .map((r) => ({
        kind: actionOf(r) === 'check' ? 'CHECK_PAYMENT' : 'APPROVE_PAYMENT',
        entity: 'PaymentRequest' as const,
        id: r.id,
        reference: r.reference,
        title: `Mittelabruf über ${r.requestedAmount.formatEur()}`,
        providerName: r.provider?.name ?? '',
        dueDate: r.requestedValueDate,
        since: r.checkedAt ?? r.submittedAt ?? r.createdAt,
        action: actionOf(r) === 'check' ? 'Mittelabruf sachlich prüfen' : 'Auszahlung freigeben (Vier-Augen-Prinzip)',
      }));
  }

  /**
   * For the payments lib's file booking: the bank executed the file that carried this request's
   * payout, so the request is paid (the table's `pay`).
   */
  async markPaid(em: EntityManager, scope: Scope, id: string, paidOn: string): Promise<PaymentRequest> {
    const r = await this.get(scope, id, em, true);
    r.status = paymentRequestLifecycle.transition(r.status, 'pay', scope);
    r.paidOn = paidOn;
    await em.save(PaymentRequest, r);
    return r;
  }

  // ───────────────────────────── helpers ─────────────────────────────

  private async transition(scope: Scope, id: string, action: 'withdraw' | 'reject', patch: Partial<PaymentRequest>): Promise<PaymentRequest> {
    return this.tx.run(async (em) => {
      const r = await this.get(scope, id, em, true);
      const before = requestSnapshot(r);
      r.status = paymentRequestLifecycle.transition(r.status, action, scope);
      Object.assign(r, patch);
      await em.save(PaymentRequest, r);
      await this.audit.record(em, scope, { action: `payment-request.${action}`, entity: 'PaymentRequest', entityId: id, before, after: requestSnapshot(r) });
      return r;
    });
  }

  /** The decision a Träger may draw on: its own (404 otherwise), in force, with the version in force. */
  private async payableDecision(em: EntityManager, scope: Scope, decisionId: string, lock = false): Promise<{ decision: Decision; version: DecisionVersion }> {
    // The decisions lib decides who sees the decision (a Träger: its own, once issued; 404 otherwise).
    // Which status takes a Mittelabruf is the decisions lib's rule (issue 18); the refusal keeps its established code.
    const { decision: seen } = await this.decisions.get(scope, decisionId, em);
    if (!decisionPermits(seen.status, 'paymentRequest')) throw decisionNotPayable();
    if (lock) await this.requests.lockDecision(em, decisionId);
    const { decision, version } = await this.decisions.currentVersion(em, decisionId);
    if (!decisionPermits(decision.status, 'paymentRequest')) throw decisionNotPayable();
    return { decision, version };
  }

  private validateInput(version: DecisionVersion, input: PaymentRequestInput): void {
    const errors: FieldError[] = [];
    const implausible = decisionAmountProblem(input.requestedAmount, version.maxAmount, 'Der angeforderte Betrag');
    if (implausible) errors.push({ path: 'requestedAmount', message: implausible });
    if (input.duePayments.length === 0 && !input.dueTotal) {
      errors.push({ path: 'duePayments', message: 'Bitte die fälligen Zahlungen einzeln oder als Summe mit Erläuterung angeben.' });
    }
    if (input.dueTotal && !input.dueExplanation?.trim()) {
      errors.push({ path: 'dueExplanation', message: 'Bitte die Summe der fälligen Zahlungen erläutern.' });
    }
    const start = CalendarDate.parse(version.eligibleFrom ?? version.periodStart);
    const end = CalendarDate.parse(version.periodEnd);
    const valueDate = CalendarDate.parse(input.requestedValueDate, 'requestedValueDate');
    if (valueDate.isAfter(end)) {
      errors.push({ path: 'requestedValueDate', message: `Der Wertstellungstag liegt nach dem Ende des Bewilligungszeitraums (${end.toGermanString()}).` });
    }
    input.duePayments.forEach((p, i) => {
      const due = CalendarDate.parse(p.dueDate, `duePayments[${i}].dueDate`);
      if (due.isBefore(start) || due.isAfter(end)) {
        errors.push({
          path: `duePayments[${i}].dueDate`,
          message: `Die Zahlung ist nicht im Bewilligungszeitraum fällig (${start.toGermanString()} bis ${end.toGermanString()}).`,
        });
      }
      if (!Money.of(p.amount).isPositive()) errors.push({ path: `duePayments[${i}].amount`, message: 'Der Betrag muss größer als 0,00 € sein.' });
    });
    if (errors.length) throw paymentRequestInvalid(errors);
  }

  /** DOMAIN §2 step 5 via libs/rules, with the programme's horizon in force on the value date. */
  private async limitFor(decision: Decision, version: DecisionVersion, input: Pick<PaymentRequestInput, 'requestedAmount' | 'duePayments' | 'dueTotal' | 'requestedValueDate'>): Promise<LimitPreview> {
    // the Träger's own decision's year (a Träger asks too): read as the system
    const { year } = await this.budgetYears.get(systemScope(), decision.budgetYearId);
    const valueDate = CalendarDate.parse(input.requestedValueDate, 'requestedValueDate');
    const params = await this.parameters.inForce(year.programmeId, valueDate, year.districtId);
    const horizonEnd = valueDate.addMonths(params.paymentRequestHorizonMonths);
    const due = input.dueTotal
      ? input.dueTotal
      : sumPaymentsDueWithinHorizon(
          input.duePayments.map((p) => ({ dueDate: CalendarDate.parse(p.dueDate), amount: Money.of(p.amount) })),
          valueDate,
          params.paymentRequestHorizonMonths,
        );
    const totals = (version.approvedPlan as { totals?: { totalCosts?: string } }).totals;
    const result = calculatePaymentRequestLimit({
      financingType: version.financingType ?? 'FULL',
      fundingRate: version.fundingRatePercent ?? undefined,
      plannedTotalCosts: totals?.totalCosts ? Money.of(totals.totalCosts) : undefined,
      approvedGrant: version.maxAmount,
      requestedAmount: input.requestedAmount,
      paymentsDueWithinHorizon: due,
      maxAmount: version.maxAmount,
      alreadyDisbursed: decision.disbursedAmount,
    });
    return {
      allowed: result.allowedAmount,
      requested: input.requestedAmount,
      limit: {
        horizonEnd: horizonEnd.toISOString(),
        paymentsDueWithinHorizon: due.toApiString(),
        sharePercent: result.share.toPercentString(),
        allowedAmount: result.allowedAmount.toApiString(),
        rejectedAmount: result.rejectedAmount.toApiString(),
        remainingUntilMaxAmount: result.remainingUntilMaxAmount.toApiString(),
        reasons: result.reasons,
        computedOn: this.clock.today().toISOString(),
      },
    };
  }
}

