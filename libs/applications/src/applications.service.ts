export type { ApplicationContent, ApplicationSnapshotDoc } from './application-content';
import { DistrictSettingsService } from '@foerderfluss/organisations';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ActionContext, CalendarDate, Clock, FieldError, hasRole, isKreisSide, Page, Role, Scope } from '@foerderfluss/core';
import { ListParams, nextReference, TransactionRunner } from '@foerderfluss/database';
import type { ApplicationContent, ApplicationSnapshotDoc } from './application-content';
import { ApplicationFilter, ApplicationRepository } from './application.repository';
import { AuditService } from '@foerderfluss/audit';
import { ProgrammesService } from '@foerderfluss/programmes';
import { OrganisationRepository } from '@foerderfluss/organisations';
import { FundingCallRepository } from './funding-call.repository';
import { ApplicationCommentRepository } from './application-comment.repository';
import { Application } from './application.entity';
import { ApplicationComment, CommentKind } from './application-comment.entity';
import { ApplicationVersion } from './application-version.entity';
import { CallStatus, FundingCall } from './funding-call.entity';
import { EarlyStartConsent } from './early-start-consent.entity';
import { APPLICATION_LIFECYCLE, ApplicationAction, ApplicationStatus, statusLabel } from './application-state';
import { FinancingPlanDoc, planTotals } from './financing-plan';
import { applicationInvalid, applicationNotEditable, applicationNotFound, callNotOpen } from './applications.errors';


export interface ApplicationQuery extends ApplicationFilter, ListParams {}

/** An Antrag with what the caller may do with it now (derived from the lifecycle table). */
export interface ApplicationView {
  application: Application;
  allowedActions: ApplicationAction[];
}

const CONTENT_KEYS: (keyof ApplicationContent)[] = [
  'title', 'purpose', 'targetGroup', 'fieldsOfAction', 'socialAreaCode', 'municipality', 'periodStart', 'periodEnd',
  'plannedStart', 'contactName', 'contactEmail', 'contactPhone', 'projectBegun', 'projectBegunOn', 'vatDeductible',
  'otherPublicFunding', 'betterPositionRespected', 'financingPlan',
];

/** An Antrag's content as submitted, stored with its version (jsonb): the content plus its totals as strings. */

/** The content of an application as a plain document: for versions, audit events and decisions. */
export function applicationSnapshot(a: Application): ApplicationSnapshotDoc {
  const content = Object.fromEntries(CONTENT_KEYS.map((k) => [k, a[k]])) as unknown as ApplicationContent;
  return {
    reference: a.reference,
    callId: a.callId,
    providerId: a.providerId,
    status: a.status,
    ...content,
    totals: {
      totalCosts: a.totalCosts.toApiString(),
      ownFunds: a.ownFunds.toApiString(),
      thirdPartyFunds: a.thirdPartyFunds.toApiString(),
      requestedAmount: a.requestedAmount.toApiString(),
    },
  };
}

/**
 * The Antrag as a record: reading (with allowedActions), the Träger's drafts, comments, and the
 * owner methods other libs and services call inside their transaction. Submission is in
 * ApplicationSubmissionService, the Prüfung in ApplicationReviewService.
 */
@Injectable()
export class ApplicationsService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly programmes: ProgrammesService,
    private readonly clock: Clock,
    private readonly applications: ApplicationRepository,
    private readonly calls: FundingCallRepository,
    private readonly commentRepo: ApplicationCommentRepository,
    private readonly organisations: OrganisationRepository,
    private readonly districtSettings: DistrictSettingsService,
  ) {}

  // ───────────────────────────── reading ─────────────────────────────

  list(scope: Scope, q: ApplicationQuery): Promise<Page<Application>> {
    return this.applications.list(scope, q);
  }

  /** 404 for a missing application and for one of another Träger alike. */
  get(scope: Scope, id: string, em: EntityManager = this.tx.manager, lock = false): Promise<Application> {
    return this.applications.get(scope, id, { em, lock });
  }

  /** The list as the caller sees it, each Antrag with its `allowedActions`. */
  async listView(scope: Scope, q: ApplicationQuery): Promise<Page<ApplicationView>> {
    const page = await this.list(scope, q);
    const actions = await this.allowedActions(scope, page.items);
    return { items: page.items.map((application) => ({ application, allowedActions: actions.get(application.id) ?? [] })), nextCursor: page.nextCursor };
  }

  async view(scope: Scope, id: string): Promise<ApplicationView> {
    const application = await this.get(scope, id);
    return { application, allowedActions: await this.actionsOf(scope, application) };
  }

  /** What the caller may do with this Antrag now. */
  async actionsOf(scope: Scope, app: Application, em: EntityManager = this.tx.manager): Promise<ApplicationAction[]> {
    return (await this.allowedActions(scope, [app], em)).get(app.id) ?? [];
  }

  /**
   * The lifecycle's steps this caller may take on each Antrag: table, role and four eyes against the
   * proposer of the pending decision; of approve and reject only the one the proposal asks for.
   */
  async allowedActions(scope: Scope, apps: readonly Application[], em: EntityManager = this.tx.manager): Promise<Map<string, ApplicationAction[]>> {
    const proposed = hasRole(scope, Role.APPROVER) ? apps.filter((a) => a.status === ApplicationStatus.DECISION_PROPOSED).map((a) => a.id) : [];
    const proposals = await this.applications.pendingProposals(proposed, em);
    return new Map(
      apps.map((a) => {
        const proposal = proposals.get(a.id);
        const actions = APPLICATION_LIFECYCLE.allowedActions(a.status, scope, { firstActorId: proposal?.proposedBy ?? null }).filter((action) => {
          if (action === 'approve') return proposal?.outcome === 'GRANT';
          if (action === 'reject') return proposal?.outcome === 'REJECTION';
          if (action === 'returnProposal') return proposal !== undefined;
          return true;
        });
        return [a.id, actions];
      }),
    );
  }

  async versions(scope: Scope, id: string): Promise<ApplicationVersion[]> {
    await this.get(scope, id);
    return this.applications.versions(id);
  }

  async version(scope: Scope, id: string, versionNo: number): Promise<ApplicationVersion> {
    await this.get(scope, id);
    const v = await this.applications.version(id, versionNo);
    if (!v) throw applicationNotFound();
    return v;
  }

  async comments(scope: Scope, id: string): Promise<ApplicationComment[]> {
    await this.get(scope, id);
    const comments = await this.commentRepo.ofApplication(scope, id);
    // People are named by their display name, also on comments stored earlier with the e-mail address.
    const names = await this.commentRepo.displayNames(comments.map((c) => c.authorId));
    return comments.map((c) => (c.authorId && names.has(c.authorId) ? Object.assign(c, { authorName: names.get(c.authorId)! }) : c));
  }

  async earlyStartConsents(scope: Scope, id: string): Promise<EarlyStartConsent[]> {
    await this.get(scope, id);
    return this.applications.consents(id);
  }

  // ───────────────────────────── drafts and comments ─────────────────────────────

  async create(scope: Scope, callId: string, content: ApplicationContent): Promise<Application> {
    const providerId = scope.organisationId;
    if (!providerId) throw applicationInvalid([{ path: 'organisationId', message: 'Nur Träger können Anträge stellen.' }]);
    return this.tx.run(async (em) => {
      // A Träger never sees a draft call: 404 like a missing one.
      const call = await this.calls.get(scope, callId, { em });
      if (call.status !== CallStatus.PUBLISHED) throw callNotOpen();
      await this.validateContent(em, call, content);
      const app = em.create(Application, {
        ...content,
        callId,
        providerId,
        // The Kreis's prefix, if it has one: GRZ-A-2026-0001.
        reference: await nextReference(em, await this.districtSettings.referenceSeries(em, call.districtId, 'A'), call.budgetYear!.year),
        status: ApplicationStatus.DRAFT,
        submittedVersion: 0,
        firstSubmittedAt: null,
        lastSubmittedAt: null,
        review: null,
        ...this.totals(content.financingPlan),
      });
      await em.save(Application, app);
      // The Träger's first Antrag in a Kreis registers it there (issue 20): that Kreis's staff see it from now on.
      await this.organisations.registerInDistrict(em, call.districtId, providerId);
      await this.audit.record(em, scope, { action: 'application.create', entity: 'Application', entityId: app.id, after: applicationSnapshot(app) });
      return app;
    });
  }

  async update(scope: Scope, id: string, patch: Partial<ApplicationContent>, expectedVersion?: number): Promise<Application> {
    return this.tx.run(async (em) => {
      const app = await this.get(scope, id, em, true);
      // Editing is a step of the table that keeps the status; outside it the established 409 says why.
      if (!APPLICATION_LIFECYCLE.step(app.status, 'update')) throw applicationNotEditable(statusLabel(app.status));
      APPLICATION_LIFECYCLE.transition(app.status, 'update', scope);
      if (expectedVersion !== undefined && expectedVersion !== app.version) {
        throw applicationInvalid([{ path: 'version', message: 'Der Antrag wurde inzwischen geändert. Bitte laden Sie ihn neu.' }]);
      }
      const before = applicationSnapshot(app);
      Object.assign(app, Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)));
      await this.validateContent(em, app.call!, app);
      Object.assign(app, this.totals(app.financingPlan));
      await em.save(Application, app);
      await this.audit.record(em, scope, { action: 'application.update', entity: 'Application', entityId: id, before, after: applicationSnapshot(app) });
      return app;
    });
  }

  async addComment(scope: Scope, id: string, text: string, visibleToProvider: boolean): Promise<ApplicationComment> {
    return this.tx.run(async (em) => {
      await this.get(scope, id, em);
      // A Träger's comment is always visible to the Träger; only the Landratsamt writes internal notes.
      const visible = this.isStaffSide(scope) ? visibleToProvider : true;
      const c = await this.comment(em, scope, id, 'COMMENT', text, visible);
      await this.audit.record(em, scope, { action: 'application.comment', entity: 'Application', entityId: id, after: { commentId: c.id, visibleToProvider: visible } });
      return c;
    });
  }

  /** One step of the table with its status note on the Antrag, in one transaction (withdraw, start of review). */
  async transitionWithNote(scope: Scope, id: string, action: ApplicationAction, note: string, visibleToProvider: boolean): Promise<Application> {
    return this.tx.run(async (em) => {
      const app = await this.applyTransition(em, scope, id, action);
      await this.comment(em, scope, id, 'STATUS', note, visibleToProvider);
      return app;
    });
  }

  /**
   * For the decisions lib: move an application along the table inside the caller's transaction
   * (proposal, approval, rejection, return). `ctx.firstActorId` is the proposer an approval,
   * rejection or return is checked against (four eyes).
   */
  async applyTransition(em: EntityManager, scope: Scope, id: string, action: ApplicationAction, ctx: ActionContext = {}): Promise<Application> {
    const app = await this.get(scope, id, em, true);
    const before = app.status;
    app.status = APPLICATION_LIFECYCLE.transition(app.status, action, scope, ctx);
    await em.save(Application, app);
    await this.audit.record(em, scope, {
      action: `application.${action.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`,
      entity: 'Application',
      entityId: id,
      before: { status: before },
      after: { status: app.status },
    });
    return app;
  }

  async comment(em: EntityManager, scope: Scope, applicationId: string, kind: CommentKind, text: string, visibleToProvider: boolean): Promise<ApplicationComment> {
    const c = em.create(ApplicationComment, {
      applicationId,
      kind,
      text,
      visibleToProvider,
      authorId: scope.userId,
      // The name as it was when written (a display name, never the e-mail address).
      authorName: (await this.commentRepo.displayNames([scope.userId], em)).get(scope.userId ?? '') ?? null,
      createdAt: this.clock.now(),
    });
    return em.save(ApplicationComment, c);
  }

  /** The Kostenarten of the call its programme allows; `call` is loaded with its budget year (the repositories do). */
  async eligibleCategories(em: EntityManager, call: FundingCall): Promise<string[]> {
    const year = call.budgetYear!;
    const programmeEligible = (await this.programmes.eligibleCostCategories(year.programmeId, em)).map((c) => c.code);
    return call.eligibleCostCategories.filter((c) => programmeEligible.includes(c));
  }

  // ───────────────────────────── helpers ─────────────────────────────

  private totals(plan: FinancingPlanDoc): Pick<Application, 'totalCosts' | 'ownFunds' | 'thirdPartyFunds' | 'requestedAmount'> {
    const t = planTotals(plan);
    return { totalCosts: t.totalCosts, ownFunds: t.ownFunds, thirdPartyFunds: t.thirdPartyFunds, requestedAmount: t.requestedGrant };
  }

  /** What must hold for any saved application (draft or not); the money invariant waits for submission (also checked there). */
  async validateContent(em: EntityManager, call: FundingCall, c: ApplicationContent): Promise<void> {
    const errors: FieldError[] = [];
    const year = call.budgetYear!;
    const start = CalendarDate.parse(c.periodStart, 'periodStart');
    const end = CalendarDate.parse(c.periodEnd, 'periodEnd');
    if (end.isBefore(start)) errors.push({ path: 'periodEnd', message: 'Das Ende des Durchführungszeitraums liegt vor seinem Beginn.' });
    if (start.isBefore(CalendarDate.parse(year.periodStart)) || end.isAfter(CalendarDate.parse(year.periodEnd))) {
      errors.push({
        path: 'periodStart',
        message: `Der Durchführungszeitraum muss im Bewilligungszeitraum des Haushaltsjahres liegen (${CalendarDate.parse(year.periodStart).toGermanString()} bis ${CalendarDate.parse(year.periodEnd).toGermanString()}).`,
      });
    }
    const planned = CalendarDate.parse(c.plannedStart, 'plannedStart');
    if (planned.isAfter(end)) errors.push({ path: 'plannedStart', message: 'Der geplante Maßnahmebeginn liegt nach dem Ende des Durchführungszeitraums.' });
    if (c.projectBegun && !c.projectBegunOn) errors.push({ path: 'projectBegunOn', message: 'Bitte angeben, seit wann die Maßnahme läuft.' });
    if (!c.projectBegun && c.projectBegunOn) errors.push({ path: 'projectBegunOn', message: 'Ein Beginndatum ist nur anzugeben, wenn die Maßnahme bereits begonnen hat.' });

    const fields = await this.calls.fieldsOfAction(c.fieldsOfAction, em);
    c.fieldsOfAction.forEach((code, i) => {
      if (!fields.some((f) => f.code === code)) errors.push({ path: `fieldsOfAction[${i}]`, message: `Unbekanntes Handlungsfeld ${code}.` });
      else if (call.eligibleFieldsOfAction.length > 0 && !call.eligibleFieldsOfAction.includes(code)) {
        errors.push({ path: `fieldsOfAction[${i}]`, message: `Das Handlungsfeld ${code} ist in diesem Projektaufruf nicht vorgesehen.` });
      }
    });
    const area = (await this.calls.socialAreas([c.socialAreaCode], em))[0];
    if (!area) errors.push({ path: 'socialAreaCode', message: `Unbekannter Sozialraum ${c.socialAreaCode}.` });
    else if (c.municipality && area.municipalities.length > 0 && !area.municipalities.includes(c.municipality)) {
      errors.push({ path: 'municipality', message: `${c.municipality} gehört nicht zum Sozialraum ${area.name}.` });
    }
    const eligible = await this.eligibleCategories(em, call);
    c.financingPlan.costLines.forEach((l, i) => {
      if (!eligible.includes(l.category)) {
        errors.push({
          path: `financingPlan.costLines[${i}].category`,
          message: `Die Kostenart ${l.category} ist in diesem Projektaufruf nicht zuwendungsfähig (zulässig: ${eligible.join(', ')}).`,
        });
      }
    });
    if (errors.length > 0) throw applicationInvalid(errors);
  }

  private isStaffSide(scope: Scope): boolean {
    return isKreisSide(scope);
  }
}