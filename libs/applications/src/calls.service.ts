import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CalendarDate, Clock, FieldError, Money, Page, Scope, validationError } from '@foerderfluss/core';
import { ListParams, TransactionRunner } from '@foerderfluss/database';
import { AuditService } from '@foerderfluss/audit';
import { ProgrammesService } from '@foerderfluss/programmes';
import { BudgetYearStatus } from '@foerderfluss/funding';
import { CallStatus, FundingCall } from './funding-call.entity';
import { callDeadlineInPast, callStepRefused } from './applications.errors';
import { FundingCallFilter, FundingCallRepository } from './funding-call.repository';
import { CALL_LIFECYCLE, CallAction, callDisplay, CallDisplay, isDeadlinePassed } from './funding-call-state';
import { REQUIRABLE_ATTACHMENT_KINDS } from './attachments/attachment-kinds';

export interface CallInput {
  budgetYearId: string;
  title: string;
  text: string;
  openingDate: string;
  deadline: string;
  eligibleFieldsOfAction: string[];
  eligibleCostCategories: string[];
  targetSocialAreas: string[];
  /** Pflichtanlagen (AttachmentKind codes); none when omitted. */
  requiredAttachments?: string[];
  /** Richtwert des Fördervolumens; none when omitted or null. */
  budgetIndication?: Money | null;
}

/** `GET /api/v1/calls`: the repository's filters, paging and sort, and whether the deadline has passed (against today). */
export interface CallQuery extends ListParams, Omit<FundingCallFilter, 'deadlineBefore' | 'deadlineFrom'> {
  deadlinePassed?: boolean;
}

/** A call as a reader sees it: the record, what the caller may do with it, and its state today. */
export interface CallView {
  call: FundingCall;
  allowedActions: CallAction[];
  display: CallDisplay;
}

export interface DeadlineExtension {
  deadline: string;
  reason: string;
}

export function callSnapshot(c: FundingCall): Record<string, unknown> {
  const { budgetYear: _by, createdAt: _c, updatedAt: _u, ...rest } = c;
  return rest;
}

/** Projektaufrufe: staff prepare and publish them; Träger see published ones. */
@Injectable()
export class CallsService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly programmes: ProgrammesService,
    private readonly clock: Clock,
    private readonly calls: FundingCallRepository,
  ) {}

  /** A page of the calls the caller may see (a Träger: published and closed ones), each as a view. */
  async list(scope: Scope, q: CallQuery): Promise<Page<CallView>> {
    const { deadlinePassed, ...rest } = q;
    const today = this.clock.today().toISOString();
    // "Frist abgelaufen" as a filter: the same rule as isDeadlinePassed (deadline before today), in SQL.
    const filter = deadlinePassed === undefined ? rest : deadlinePassed ? { ...rest, deadlineBefore: today } : { ...rest, deadlineFrom: today };
    const page = await this.calls.list(scope, filter);
    return { items: page.items.map((c) => this.toView(scope, c)), nextCursor: page.nextCursor };
  }

  /** A draft call is invisible to Träger (404). */
  get(scope: Scope, id: string): Promise<FundingCall> {
    return this.calls.get(scope, id);
  }

  async view(scope: Scope, id: string): Promise<CallView> {
    return this.toView(scope, await this.calls.get(scope, id));
  }

  /** The one place a call's answer is put together: list, detail and every change use it. */
  toView(scope: Scope, call: FundingCall): CallView {
    return { call, allowedActions: this.allowedActions(scope, call), display: callDisplay(call, this.clock.today()) };
  }

  /** What the caller may do with this call now (from the lifecycle table and the roles). */
  allowedActions(scope: Scope, call: FundingCall): CallAction[] {
    const actions = CALL_LIFECYCLE.allowedActions(call.status, scope);
    // A draft whose Ausschlussfrist has passed cannot be published (CALL_DEADLINE_PASSED), so the
    // button is not offered; the draft can still be changed to a new deadline.
    return call.status === CallStatus.DRAFT && isDeadlinePassed(call.deadline, this.clock.today()) ? actions.filter((a) => a !== 'publish') : actions;
  }

  async create(scope: Scope, input: CallInput): Promise<FundingCall> {
    return this.tx.run(async (em) => {
      await this.validate(em, input, true, scope);
      const call = em.create(FundingCall, {
        ...input,
        requiredAttachments: [...new Set(input.requiredAttachments ?? [])],
        budgetIndication: input.budgetIndication ?? null,
        status: CallStatus.DRAFT,
        publishedAt: null,
      });
      await em.save(FundingCall, call);
      await this.audit.record(em, scope, { action: 'call.create', entity: 'FundingCall', entityId: call.id, after: callSnapshot(call) });
      // Read back with its budget year, as every other answer of a call.
      return this.calls.get(scope, call.id, { em });
    });
  }

  async update(scope: Scope, id: string, patch: Partial<CallInput>): Promise<FundingCall> {
    return this.tx.run(async (em) => {
      const call = await this.calls.get(scope, id, { em, lock: true });
      this.step(scope, call, 'update');
      const before = callSnapshot(call);
      Object.assign(call, Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)));
      // The year is saved by its id (which the patch may change), not through the loaded relation.
      delete call.budgetYear;
      call.requiredAttachments = [...new Set(call.requiredAttachments)];
      // A deadline already in the past is refused when it is set, not when an old draft is touched.
      await this.validate(em, call, patch.deadline !== undefined && patch.deadline !== before.deadline, scope);
      await em.save(FundingCall, call);
      await this.audit.record(em, scope, { action: 'call.update', entity: 'FundingCall', entityId: id, before, after: callSnapshot(call) });
      return this.calls.get(scope, id, { em });
    });
  }

  async setStatus(scope: Scope, id: string, status: CallStatus.PUBLISHED | CallStatus.CLOSED): Promise<FundingCall> {
    return this.tx.run(async (em) => {
      const call = await this.calls.get(scope, id, { em, lock: true });
      const before = callSnapshot(call);
      const action = status === CallStatus.PUBLISHED ? 'publish' : 'close';
      call.status = this.step(scope, call, action);
      if (action === 'publish') {
        // Publishing a call nobody can apply to any more would only mislead the Träger.
        if (isDeadlinePassed(call.deadline, this.clock.today())) throw callDeadlineInPast(call.deadline);
        call.publishedAt = this.clock.now();
      }
      await em.save(FundingCall, call);
      await this.audit.record(em, scope, { action: `call.${action}`, entity: 'FundingCall', entityId: id, before, after: callSnapshot(call) });
      return call;
    });
  }

  /**
   * Verlängerung der Ausschlussfrist of a published call, also after the old one has passed (the
   * call then reads "veröffentlicht" again). The reason is stored with the call and in the audit
   * event; every Träger is told (notifications listen to `call.extend`).
   */
  async extend(scope: Scope, id: string, input: DeadlineExtension): Promise<FundingCall> {
    return this.tx.run(async (em) => {
      const call = await this.calls.get(scope, id, { em, lock: true });
      this.step(scope, call, 'extend');
      const reason = input.reason.trim();
      const errors: FieldError[] = [];
      if (reason === '') errors.push({ path: 'reason', message: 'Bitte geben Sie einen Grund für die Verlängerung an; die Träger erhalten ihn mit der Nachricht.' });
      const next = CalendarDate.parse(input.deadline, 'deadline');
      const current = CalendarDate.parse(call.deadline, 'deadline');
      const today = this.clock.today();
      if (!next.isAfter(current)) {
        errors.push({ path: 'deadline', message: `Die neue Ausschlussfrist muss nach der bisherigen (${current.toGermanString()}) liegen.` });
      } else if (next.isBefore(today)) {
        errors.push({ path: 'deadline', message: `Die neue Ausschlussfrist darf nicht in der Vergangenheit liegen (heute ist der ${today.toGermanString()}).` });
      }
      if (errors.length > 0) throw validationError(errors);
      const before = callSnapshot(call);
      call.originalDeadline ??= call.deadline;
      call.deadline = next.toISOString();
      call.deadlineExtendedAt = this.clock.now();
      call.deadlineExtensionReason = reason;
      await em.save(FundingCall, call);
      await this.audit.record(em, scope, { action: 'call.extend', entity: 'FundingCall', entityId: id, before, after: { ...callSnapshot(call), reason } });
      return call;
    });
  }

  /** The table decides; a step it does not have keeps the established 409 code (CALL_NOT_EDITABLE) with a German text for the step. */
  private step(scope: Scope, call: FundingCall, action: CallAction): CallStatus {
    if (!CALL_LIFECYCLE.step(call.status, action)) throw callStepRefused(call.status, action);
    return CALL_LIFECYCLE.transition(call.status, action, scope);
  }

  private async validate(em: EntityManager, input: CallInput, newDeadline: boolean, scope: Scope): Promise<void> {
    const errors: FieldError[] = [];
    if (newDeadline && isDeadlinePassed(input.deadline, this.clock.today())) {
      errors.push({ path: 'deadline', message: 'Die Ausschlussfrist darf nicht in der Vergangenheit liegen.' });
    }
    if (input.title.trim() === '') errors.push({ path: 'title', message: 'Bitte geben Sie einen Titel an.' });
    const year = await this.calls.budgetYear(input.budgetYearId, em, scope.districtId ?? null);
    if (!year) errors.push({ path: 'budgetYearId', message: 'Dieses Haushaltsjahr gibt es nicht.' });
    else if (year.status !== BudgetYearStatus.OPEN) errors.push({ path: 'budgetYearId', message: 'Das Haushaltsjahr ist abgeschlossen.' });
    if (CalendarDate.parse(input.deadline, 'deadline').isBefore(CalendarDate.parse(input.openingDate, 'openingDate'))) {
      errors.push({ path: 'deadline', message: 'Die Ausschlussfrist liegt vor dem Beginn des Aufrufs.' });
    }
    (input.requiredAttachments ?? []).forEach((code, i) => {
      if (!(REQUIRABLE_ATTACHMENT_KINDS as string[]).includes(code)) {
        errors.push({ path: `requiredAttachments[${i}]`, message: `Unbekannte Pflichtanlage ${code}. Möglich sind: ${REQUIRABLE_ATTACHMENT_KINDS.join(', ')}.` });
      }
    });
    const fields = await this.calls.fieldsOfAction(input.eligibleFieldsOfAction, em);
    input.eligibleFieldsOfAction.forEach((code, i) => {
      if (!fields.some((f) => f.code === code)) errors.push({ path: `eligibleFieldsOfAction[${i}]`, message: `Unbekanntes Handlungsfeld ${code}.` });
    });
    const areas = await this.calls.socialAreas(input.targetSocialAreas, em);
    input.targetSocialAreas.forEach((code, i) => {
      if (!areas.some((a) => a.code === code)) errors.push({ path: `targetSocialAreas[${i}]`, message: `Unbekannter Sozialraum ${code}.` });
    });
    if (year) {
      const eligible = (await this.programmes.eligibleCostCategories(year.programmeId, em)).map((c) => c.code);
      input.eligibleCostCategories.forEach((code, i) => {
        if (!eligible.includes(code)) {
          errors.push({ path: `eligibleCostCategories[${i}]`, message: `Die Kostenart ${code} ist in diesem Förderprogramm nicht zuwendungsfähig.` });
        }
      });
    }
    if (errors.length > 0) throw validationError(errors);
  }
}
