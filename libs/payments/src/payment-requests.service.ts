import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  CalendarDate,
  clampLimit,
  Clock,
  decodeCursor,
  FieldError,
  hasRole,
  Money,
  Page,
  restrictToOrganisation,
  Role,
  Scope,
  toPage,
} from '@foerderfluss/core';
import { TransactionRunner } from '@foerderfluss/database';
import { AuditService } from '@foerderfluss/audit';
import { BankAccountStatus, Organisation } from '@foerderfluss/organisations';
import { ParametersService } from '@foerderfluss/programmes';
import { BudgetYear, LedgerKind, LedgerService } from '@foerderfluss/funding';
import { Decision, decisionNotFound, DecisionsService, DecisionStatus, DecisionVersion } from '@foerderfluss/decisions';
import { calculatePaymentRequestLimit, splitBySource, sumPaymentsDueWithinHorizon } from '@foerderfluss/rules';
import { Disbursement, DisbursementStatus, DuePaymentDoc, LimitDoc, PaymentRequest } from './payment.entity';
import { nextPaymentStatus, PaymentRequestStatus } from './payment-request-state';
import {
  bankAccountChanged,
  bankAccountMissing,
  bankAccountUnconfirmed,
  decisionNotPayable,
  exceedsLimit,
  exceedsMaxAmount,
  paymentRequestInvalid,
  paymentRequestNotEditable,
  paymentRequestNotFound,
  samePaymentApprover,
  valueDateInPast,
} from './payments.errors';

export interface PaymentRequestInput {
  requestedAmount: Money;
  duePayments: DuePaymentDoc[];
  dueTotal: Money | null;
  dueExplanation: string | null;
  requestedValueDate: string;
}

export interface LimitPreview {
  limit: LimitDoc;
  allowed: Money;
  requested: Money;
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
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly decisions: DecisionsService,
    private readonly ledger: LedgerService,
    private readonly parameters: ParametersService,
    private readonly clock: Clock,
  ) {}

  // ───────────────────────────── reading ─────────────────────────────

  async list(scope: Scope, q: { status?: PaymentRequestStatus; decisionId?: string; budgetYearId?: string; providerId?: string; limit?: number; cursor?: string }): Promise<Page<PaymentRequest>> {
    const limit = clampLimit(q.limit);
    const qb = this.tx.manager.getRepository(PaymentRequest).createQueryBuilder('r').leftJoinAndSelect('r.provider', 'provider').leftJoinAndSelect('r.decision', 'decision');
    const own = restrictToOrganisation(scope);
    if (own !== null) qb.andWhere('r.provider_id = :own', { own });
    if (q.status) qb.andWhere('r.status = :status', { status: q.status });
    if (q.decisionId) qb.andWhere('r.decision_id = :d', { d: q.decisionId });
    if (q.budgetYearId) qb.andWhere('r.budget_year_id = :y', { y: q.budgetYearId });
    if (q.providerId) qb.andWhere('r.provider_id = :p', { p: q.providerId });
    const c = decodeCursor(q.cursor, 1);
    if (c) qb.andWhere('r.reference > :ref', { ref: String(c[0]) });
    const rows = await qb.orderBy('r.reference', 'ASC').take(limit + 1).getMany();
    return toPage(rows, limit, (r) => [r.reference]);
  }

  async get(scope: Scope, id: string, em: EntityManager = this.tx.manager, lock = false): Promise<PaymentRequest> {
    const own = restrictToOrganisation(scope);
    const r = await em.getRepository(PaymentRequest).findOne({
      where: own === null ? { id } : { id, providerId: own },
      // Reads carry the Bescheid reference and Träger name like the list; a locking read cannot
      // (FOR UPDATE does not apply to the nullable side of an outer join) and needs neither.
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : { relations: { decision: true, provider: true } }),
    });
    if (!r) throw paymentRequestNotFound();
    return r;
  }

  async disbursementOf(em: EntityManager, requestId: string): Promise<Disbursement | null> {
    return em.getRepository(Disbursement).findOneBy({ paymentRequestId: requestId });
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
      const [{ n }] = (await em.query('SELECT count(*)::int AS n FROM payment_request WHERE decision_id = $1', [decision.id])) as { n: number }[];
      const sequence = n + 1;
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
      return request;
    });
  }

  async update(scope: Scope, id: string, input: Partial<PaymentRequestInput>): Promise<PaymentRequest> {
    return this.tx.run(async (em) => {
      const r = await this.get(scope, id, em, true);
      if (r.status !== PaymentRequestStatus.DRAFT) throw paymentRequestNotEditable();
      const before = requestSnapshot(r);
      Object.assign(r, Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)));
      const { version } = await this.decisions.currentVersion(em, r.decisionId);
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
      const to = nextPaymentStatus(r.status, 'submit');
      const { decision, version } = await this.payableDecision(em, scope, r.decisionId);
      const today = this.clock.today();
      if (CalendarDate.parse(r.requestedValueDate).isBefore(today)) throw valueDateInPast(today);
      const preview = await this.limitFor(decision, version, r);
      if (preview.allowed.lessThan(r.requestedAmount)) throw exceedsLimit(preview.allowed, r.requestedAmount, preview.limit.reasons);
      const org = await em.getRepository(Organisation).findOneByOrFail({ id: r.providerId });
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

  /** Sachliche Prüfung: confirm or reduce (with reason); the limit is checked again as of today. */
  async check(scope: Scope, id: string, amount: Money | null, note: string | null): Promise<PaymentRequest> {
    return this.tx.run(async (em) => {
      const r = await this.get(scope, id, em, true);
      const to = nextPaymentStatus(r.status, 'check');
      const checked = amount ?? r.requestedAmount;
      const errors: FieldError[] = [];
      if (!checked.isPositive() || checked.greaterThan(r.requestedAmount)) {
        errors.push({ path: 'amount', message: `Der geprüfte Betrag muss größer als 0,00 € und höchstens ${r.requestedAmount.formatEur()} sein.` });
      } else if (checked.lessThan(r.requestedAmount) && !note?.trim()) {
        errors.push({ path: 'note', message: 'Bei einer Kürzung bitte die Begründung angeben.' });
      }
      if (errors.length) throw paymentRequestInvalid(errors);
      const { decision, version } = await this.payableDecision(em, scope, r.decisionId);
      const preview = await this.limitFor(decision, version, { ...r, requestedAmount: checked });
      if (preview.allowed.lessThan(checked)) throw exceedsLimit(preview.allowed, checked, preview.limit.reasons);
      const before = requestSnapshot(r);
      Object.assign(r, { status: to, checkedAmount: checked, checkNote: note, checkedBy: scope.userId, checkedAt: this.clock.now(), limit: preview.limit });
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
      const to = nextPaymentStatus(r.status, 'approve');
      if (r.checkedBy === scope.userId) throw samePaymentApprover();
      const org = await em.getRepository(Organisation).findOneByOrFail({ id: r.providerId });
      if (org.bankAccountStatus !== BankAccountStatus.CONFIRMED) throw bankAccountUnconfirmed();
      if (org.iban !== r.iban) throw bankAccountChanged();
      const amount = r.checkedAmount ?? r.requestedAmount;
      const decision = await em.getRepository(Decision).findOneByOrFail({ id: r.decisionId });
      if (decision.status !== DecisionStatus.IN_FORCE) throw decisionNotPayable();
      if (!(await this.decisions.reserveDisbursement(em, r.decisionId, amount))) {
        const fresh = await em.getRepository(Decision).findOneByOrFail({ id: r.decisionId });
        throw exceedsMaxAmount(fresh.maxAmount, fresh.disbursedAmount);
      }
      const year = await em.getRepository(BudgetYear).findOneByOrFail({ id: r.budgetYearId });
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

  async reject(scope: Scope, id: string, reason: string): Promise<PaymentRequest> {
    return this.transition(scope, id, 'reject', { rejectionReason: reason });
  }

  /** Approved requests not yet in a file, oldest first: what the approver's next payment file can carry. */
  async selectable(em: EntityManager = this.tx.manager): Promise<Disbursement[]> {
    return em.getRepository(Disbursement).find({ where: { status: DisbursementStatus.APPROVED }, relations: { paymentRequest: true }, order: { createdAt: 'ASC' } });
  }

  /**
   * Payment requests waiting for me: STAFF check submitted ones, APPROVERs release checked ones
   * that someone else checked. Same shape as the decisions worklist, so the api can merge both.
   */
  async worklist(scope: Scope): Promise<{ kind: string; entity: 'PaymentRequest'; id: string; reference: string; title: string; providerName: string; dueDate: string; since: Date; action: string }[]> {
    const wantsCheck = hasRole(scope, Role.STAFF, Role.ADMIN);
    const wantsApproval = hasRole(scope, Role.APPROVER);
    if (!wantsCheck && !wantsApproval) return [];
    const rows = (await this.tx.manager.query(
      `SELECT r.id, r.reference, r.status, r.requested_amount::text AS amount, o.name AS provider_name,
              to_char(r.requested_value_date, 'YYYY-MM-DD') AS due, coalesce(r.checked_at, r.submitted_at) AS since
         FROM payment_request r JOIN organisation o ON o.id = r.provider_id
        WHERE (r.status = 'SUBMITTED' AND $1) OR (r.status = 'CHECKED' AND $2 AND r.checked_by IS DISTINCT FROM $3)`,
      [wantsCheck, wantsApproval, scope.userId],
    )) as { id: string; reference: string; status: string; amount: string; provider_name: string; due: string; since: Date }[];
    return rows.map((r) => ({
      kind: r.status === 'SUBMITTED' ? 'CHECK_PAYMENT' : 'APPROVE_PAYMENT',
      entity: 'PaymentRequest' as const,
      id: r.id,
      reference: r.reference,
      title: `Mittelabruf über ${Money.of(r.amount).formatEur()}`,
      providerName: r.provider_name,
      dueDate: r.due,
      since: r.since,
      action: r.status === 'SUBMITTED' ? 'Mittelabruf sachlich prüfen' : 'Auszahlung freigeben (Vier-Augen-Prinzip)',
    }));
  }

  // ───────────────────────────── helpers ─────────────────────────────

  private async transition(scope: Scope, id: string, action: 'withdraw' | 'reject', patch: Partial<PaymentRequest>): Promise<PaymentRequest> {
    return this.tx.run(async (em) => {
      const r = await this.get(scope, id, em, true);
      const before = requestSnapshot(r);
      r.status = nextPaymentStatus(r.status, action);
      Object.assign(r, patch);
      await em.save(PaymentRequest, r);
      await this.audit.record(em, scope, { action: `payment-request.${action}`, entity: 'PaymentRequest', entityId: id, before, after: requestSnapshot(r) });
      return r;
    });
  }

  /** The decision a Träger may draw on: its own (404 otherwise), in force, with the version in force. */
  private async payableDecision(em: EntityManager, scope: Scope, decisionId: string, lock = false): Promise<{ decision: Decision; version: DecisionVersion }> {
    const own = restrictToOrganisation(scope);
    const decision = await em.getRepository(Decision).findOne({
      where: own === null ? { id: decisionId } : { id: decisionId, providerId: own },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!decision || (own !== null && decision.currentVersionNo === null)) throw decisionNotFound();
    if (decision.status !== DecisionStatus.IN_FORCE) throw decisionNotPayable();
    const { version } = await this.decisions.currentVersion(em, decisionId);
    return { decision, version };
  }

  private validateInput(version: DecisionVersion, input: PaymentRequestInput): void {
    const errors: FieldError[] = [];
    if (!input.requestedAmount.isPositive()) errors.push({ path: 'requestedAmount', message: 'Der angeforderte Betrag muss größer als 0,00 € sein.' });
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
    const year = await this.tx.manager.getRepository(BudgetYear).findOneByOrFail({ id: decision.budgetYearId });
    const valueDate = CalendarDate.parse(input.requestedValueDate, 'requestedValueDate');
    const params = await this.parameters.inForce(year.programmeId, valueDate);
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

