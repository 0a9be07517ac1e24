import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { CalendarDate, Clock, FieldError, hasRole, Role, Scope, validationError } from '@foerderfluss/core';
import { TransactionRunner } from '@foerderfluss/database';
import { AuditService } from '@foerderfluss/audit';
import { FieldOfAction, ProgrammesService, SocialArea } from '@foerderfluss/programmes';
import { BudgetYear, BudgetYearStatus } from '@foerderfluss/funding';
import { CallStatus, FundingCall } from './application.entity';
import { callNotEditable, callNotFound } from './applications.errors';
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
  ) {}

  async list(scope: Scope, q: { budgetYearId?: string; status?: CallStatus }): Promise<FundingCall[]> {
    const qb = this.tx.manager.getRepository(FundingCall).createQueryBuilder('c');
    if (!this.isStaffSide(scope)) qb.andWhere(`c.status <> 'DRAFT'`);
    if (q.budgetYearId) qb.andWhere('c.budget_year_id = :y', { y: q.budgetYearId });
    if (q.status) qb.andWhere('c.status = :s', { s: q.status });
    return qb.orderBy('c.deadline', 'DESC').addOrderBy('c.id', 'ASC').getMany();
  }

  /** A draft call is invisible to Träger (404). */
  async get(scope: Scope, id: string): Promise<FundingCall> {
    const call = await this.tx.manager.getRepository(FundingCall).findOneBy({ id });
    if (!call || (call.status === CallStatus.DRAFT && !this.isStaffSide(scope))) throw callNotFound();
    return call;
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
      const call = await em.getRepository(FundingCall).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!call) throw callNotFound();
      if (call.status !== CallStatus.DRAFT) throw callNotEditable();
      const before = callSnapshot(call);
      Object.assign(call, Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)));
      call.requiredAttachments = [...new Set(call.requiredAttachments)];
      await this.validate(em, call);
      await em.save(FundingCall, call);
      await this.audit.record(em, scope, { action: 'call.update', entity: 'FundingCall', entityId: id, before, after: callSnapshot(call) });
      return call;
    });
  }

  async setStatus(scope: Scope, id: string, status: CallStatus.PUBLISHED | CallStatus.CLOSED): Promise<FundingCall> {
    return this.tx.run(async (em) => {
      const call = await em.getRepository(FundingCall).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!call) throw callNotFound();
      const allowed = status === CallStatus.PUBLISHED ? call.status === CallStatus.DRAFT : call.status === CallStatus.PUBLISHED;
      if (!allowed) {
        throw callNotEditable();
      }
      const before = callSnapshot(call);
      call.status = status;
      if (status === CallStatus.PUBLISHED) call.publishedAt = this.clock.now();
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

  private async validate(em: import('typeorm').EntityManager, input: CallInput): Promise<void> {
    const errors: FieldError[] = [];
    const year = await em.getRepository(BudgetYear).findOneBy({ id: input.budgetYearId });
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
    const fields = await em.getRepository(FieldOfAction).findBy({ code: In(input.eligibleFieldsOfAction) });
    input.eligibleFieldsOfAction.forEach((code, i) => {
      if (!fields.some((f) => f.code === code)) errors.push({ path: `eligibleFieldsOfAction[${i}]`, message: `Unbekanntes Handlungsfeld ${code}.` });
    });
    const areas = await em.getRepository(SocialArea).findBy({ code: In(input.targetSocialAreas) });
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

  private isStaffSide(scope: Scope): boolean {
    return hasRole(scope, Role.ADMIN, Role.STAFF, Role.APPROVER, Role.AUDITOR);
  }
}
