import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CalendarDate, Clock, FieldError, Scope, validationError } from '@foerderfluss/core';
import { TransactionRunner } from '@foerderfluss/database';
import { AuditService } from '@foerderfluss/audit';
import { ProgrammesService } from '@foerderfluss/programmes';
import { BudgetYearStatus } from '@foerderfluss/funding';
import { CallStatus, FundingCall } from './funding-call.entity';
import { callNotEditable } from './applications.errors';
import { FundingCallFilter, FundingCallRepository } from './funding-call.repository';
import { CALL_LIFECYCLE, CallAction } from './funding-call-state';
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

  list(scope: Scope, q: FundingCallFilter): Promise<FundingCall[]> {
    return this.calls.all(scope, q);
  }

  /** A draft call is invisible to Träger (404). */
  get(scope: Scope, id: string): Promise<FundingCall> {
    return this.calls.get(scope, id);
  }

  /** What the caller may do with this call now (from the lifecycle table and the roles). */
  allowedActions(scope: Scope, call: FundingCall): CallAction[] {
    return CALL_LIFECYCLE.allowedActions(call.status, scope);
  }

  async create(scope: Scope, input: CallInput): Promise<FundingCall> {
    return this.tx.run(async (em) => {
      await this.validate(em, input);
      const call = em.create(FundingCall, { ...input, requiredAttachments: [...new Set(input.requiredAttachments ?? [])], status: CallStatus.DRAFT, publishedAt: null });
      await em.save(FundingCall, call);
      await this.audit.record(em, scope, { action: 'call.create', entity: 'FundingCall', entityId: call.id, after: callSnapshot(call) });
      return call;
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
      await this.validate(em, call);
      await em.save(FundingCall, call);
      await this.audit.record(em, scope, { action: 'call.update', entity: 'FundingCall', entityId: id, before, after: callSnapshot(call) });
      return call;
    });
  }

  async setStatus(scope: Scope, id: string, status: CallStatus.PUBLISHED | CallStatus.CLOSED): Promise<FundingCall> {
    return this.tx.run(async (em) => {
      const call = await this.calls.get(scope, id, { em, lock: true });
      const before = callSnapshot(call);
      call.status = this.step(scope, call, status === CallStatus.PUBLISHED ? 'publish' : 'close');
      if (call.status === CallStatus.PUBLISHED) call.publishedAt = this.clock.now();
      await em.save(FundingCall, call);
      await this.audit.record(em, scope, {
        action: status === CallStatus.PUBLISHED ? 'call.publish' : 'call.close',
        entity: 'FundingCall',
        entityId: id,
        before,
        after: callSnapshot(call),
      });
      return call;
    });
  }

  /** The table decides; a step it does not have keeps the established 409 (CALL_NOT_EDITABLE). */
  private step(scope: Scope, call: FundingCall, action: CallAction): CallStatus {
    if (!CALL_LIFECYCLE.step(call.status, action)) throw callNotEditable();
    return CALL_LIFECYCLE.transition(call.status, action, scope);
  }

  private async validate(em: EntityManager, input: CallInput): Promise<void> {
    const errors: FieldError[] = [];
    const year = await this.calls.budgetYear(input.budgetYearId, em);
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
