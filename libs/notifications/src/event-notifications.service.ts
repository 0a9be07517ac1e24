import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig, Clock, Money } from '@foerderfluss/core';
import { AuditChange, AuditService } from '@foerderfluss/audit';
import { CASE_TYPE_DE, casePath, caseTypeOfEntity } from '@foerderfluss/cases';
import {
  applicationReceivedText,
  applicationRejectedText,
  callDeadlineExtendedText,
  caseAssignedText,
  changesRequestedText,
  decisionIssuedText,
  dunningText,
  followUpAddedText,
  MessageText,
  paymentRequestApprovedText,
  paymentRequestRefusedText,
  payoutExecutedText,
  recoveryDueText,
  settlementMadeText,
  Signature,
} from './mail-texts';
import { NotificationKind } from './notification.entity';
import { NotificationSourceRepository } from './notification-source.repository';
import { NotificationDraft, writeNotifications } from './notification-writer';

/** What one event tells the Träger (or the people named on a case), before the recipients are known. */
interface Notice {
  kind: NotificationKind;
  stage: string;
  entity: 'Application' | 'Decision' | 'PaymentRequest' | 'ProofOfUse' | 'Settlement' | 'Recovery' | 'FundingCall';
  entityId: string;
  subKey: string | number | null;
  reference: string;
  dueDate: string | null;
  /** Path of the record in the web app, e.g. `/antraege/<id>`. */
  path: string;
  text: (link: string) => MessageText;
  /** To every active user of this Träger … */
  providerId?: string;
  /** … or to these users of the Landratsamt (assignee, stand-in), if still active. */
  userIds?: string[];
}

type Handler = (em: EntityManager, change: AuditChange, eventId: string, actorId: string | null) => Promise<Notice[]>;

/**
 * Tells the Träger's users what happened to their records (issue 14 item 4): Antrag received,
 * changes requested, Bescheid or Ablehnung issued, Mittelabruf approved or refused, payout executed,
 * Festsetzung made, Rückforderung due, a Mahnung written (the dunning scan's event); and every
 * Träger when a Projektaufruf's Ausschlussfrist is extended. (Deadlines and overdue recoveries come
 * from the reminder scan.)
 *
 * Why an audit listener: every state change already records its audit event inside its own
 * transaction, and notifications sits above applications, decisions, payments and proof-of-use, which
 * must not import it. Listening to the audit events (AuditService.addListener, registered at module
 * init) writes the notification and its outbox mail in the very transaction of the change, so a
 * rolled-back change tells nobody and a committed one is never lost; the lower libs stay unaware of
 * notifications. The dedup key (kind, record, occurrence, stage, user) makes a replayed event write
 * nothing twice.
 */
@Injectable()
export class EventNotificationsService implements OnModuleInit, OnModuleDestroy {
  private unregister: (() => void) | null = null;

  private readonly handlers: Record<string, Handler> = {
    'application.submit': (em, c, eventId) => this.applicationReceived(em, c.entityId, eventId),
    'application.request-changes': (em, c, eventId) => this.changesRequested(em, c.entityId, eventId),
    'decision.approve': (em, c) => this.decisionApproved(em, c),
    'payment-request.approve': (em, c) => this.paymentRequest(em, c.entityId, 'APPROVED'),
    'payment-request.reject': (em, c) => this.paymentRequest(em, c.entityId, 'REFUSED'),
    'payment-file.book': (em, c) => this.payouts(em, c.entityId),
    'settlement.approve': (em, c) => this.settlement(em, c.entityId),
    'call.extend': (em, c, eventId) => this.callDeadlineExtended(em, c, eventId),
    'recovery.dunning': (em, c) => this.dunning(em, c),
    'case.assign': (em, c, eventId, actorId) => this.caseAssigned(em, c, eventId, actorId),
    'case.follow-up.add': (em, c, eventId, actorId) => this.followUpAdded(em, c, eventId, actorId),
  };

  constructor(
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly source: NotificationSourceRepository,
  ) {}

  onModuleInit(): void {
    this.unregister = this.audit.addListener(async (em, scope, change, event) => {
      // The mails wait in the outbox; mail.drain (MAIL_DRAIN_CRON) hands them to the sender after the commit.
      await this.onEvent(em, change, event.id, scope.userId);
    });
  }

  onModuleDestroy(): void {
    this.unregister?.();
  }

  /**
   * Writes the notifications an audited change calls for; returns the outbox ids written. `eventId`
   * (the audit event's id) identifies an occurrence that may repeat on the same record, such as a
   * second request for changes; other events are keyed by what they produced (version, payout).
   */
  async onEvent(em: EntityManager, change: AuditChange, eventId: string, actorId: string | null = null): Promise<string[]> {
    const handler = this.handlers[change.action];
    if (!handler) return [];
    const notices = await handler(em, change, eventId, actorId);
    if (notices.length === 0) return [];
    const recipients = await this.providerUsers(em, [...new Set(notices.flatMap((n) => (n.providerId ? [n.providerId] : [])))]);
    const named = await this.source.activeUsersById(em, [...new Set(notices.flatMap((n) => n.userIds ?? []))]);
    const drafts: NotificationDraft[] = notices.map((n) => {
      const link = `${this.config.appPublicUrl}${n.path}`;
      return {
        kind: n.kind,
        stage: n.stage,
        entity: n.entity,
        entityId: n.entityId,
        subKey: n.subKey,
        reference: n.reference,
        dueDate: n.dueDate,
        link,
        text: n.text(link),
        recipients: n.providerId ? (recipients.get(n.providerId) ?? []) : named.filter((u) => n.userIds?.includes(u.id)),
      };
    });
    return writeNotifications(em, drafts, { smtpFrom: this.config.smtp.from, createdAt: this.clock.now() });
  }

  private signature(): Signature {
    return { name: this.config.letterhead.name, department: this.config.letterhead.department };
  }

  /** All active users of each Träger (role PROVIDER in that organisation). */
  private async providerUsers(em: EntityManager, providerIds: string[]): Promise<Map<string, { id: string; email: string }[]>> {
    const rows = await this.source.providerUsers(em, providerIds);
    const byProvider = new Map<string, { id: string; email: string }[]>();
    for (const r of rows) byProvider.set(r.organisation_id, [...(byProvider.get(r.organisation_id) ?? []), { id: r.id, email: r.email }]);
    return byProvider;
  }

  private today(): string {
    return this.clock.today().toISOString();
  }

  private async application(em: EntityManager, id: string) {
    const [a] = await this.source.application(em, id);
    return a;
  }

  private applicationReceived(em: EntityManager, id: string, eventId: string): Promise<Notice[]> {
    // One Eingangsbestätigung per submission: a resubmission is received again.
    return this.applicationNotice(em, id, eventId, NotificationKind.APPLICATION_RECEIVED, 'RECEIVED', (a, on, link) =>
      applicationReceivedText({ reference: a.reference, title: a.title, receivedOn: on, versionNo: a.submitted_version }, link, this.signature()),
    );
  }

  private changesRequested(em: EntityManager, id: string, eventId: string): Promise<Notice[]> {
    // A later round of changes is a new occurrence.
    return this.applicationNotice(em, id, eventId, NotificationKind.CHANGES_REQUESTED, 'REQUESTED', (a, on, link) =>
      changesRequestedText({ reference: a.reference, title: a.title, requestedOn: on }, link, this.signature()),
    );
  }

  /** A notice on an Antrag; each occurrence (the audit event) is its own, so repeats are told again. */
  private async applicationNotice(
    em: EntityManager,
    id: string,
    eventId: string,
    kind: NotificationKind,
    stage: string,
    text: (a: { reference: string; title: string; submitted_version: number }, on: string, link: string) => MessageText,
  ): Promise<Notice[]> {
    const a = await this.application(em, id);
    if (!a) return [];
    const on = this.today();
    return [
      {
        kind,
        stage,
        entity: 'Application',
        entityId: a.id,
        subKey: `event-${eventId}`,
        reference: a.reference,
        dueDate: null,
        path: `/antraege/${a.id}`,
        text: (link) => text(a, on, link),
        providerId: a.provider_id,
      },
    ];
  }

  private async decisionApproved(em: EntityManager, change: AuditChange): Promise<Notice[]> {
    const versionId = (change.after as { id?: string } | null)?.id;
    if (!versionId) return [];
    const [v] = await this.source.decisionVersion(em, versionId);
    if (!v) return [];
    const decisionDate = v.decision_date ?? this.today();
    const rejected = v.outcome === 'REJECTION';
    return [
      {
        kind: rejected ? NotificationKind.APPLICATION_REJECTED : NotificationKind.DECISION_ISSUED,
        stage: 'ISSUED',
        entity: 'Decision',
        entityId: v.id,
        subKey: v.version_no,
        reference: v.reference,
        dueDate: null,
        path: `/bescheide/${v.id}`,
        text: (link) =>
          rejected
            ? applicationRejectedText({ reference: v.reference, applicationReference: v.application_reference, title: v.title, decisionDate }, link, this.signature())
            : decisionIssuedText(
                { reference: v.reference, title: v.title, instrument: v.instrument, versionKind: v.kind, versionNo: v.version_no, maxAmount: Money.of(v.max_amount), decisionDate },
                link,
                this.signature(),
              ),
        providerId: v.provider_id,
      },
    ];
  }

  private async paymentRequest(em: EntityManager, id: string, outcome: 'APPROVED' | 'REFUSED'): Promise<Notice[]> {
    const [r] = await this.source.paymentRequest(em, id);
    if (!r) return [];
    return [
      {
        kind: outcome === 'APPROVED' ? NotificationKind.PAYMENT_REQUEST_APPROVED : NotificationKind.PAYMENT_REQUEST_REFUSED,
        stage: outcome,
        entity: 'PaymentRequest',
        entityId: r.id,
        subKey: null,
        reference: r.reference,
        dueDate: null,
        path: `/mittelabrufe/${r.id}`,
        text: (link) =>
          outcome === 'APPROVED'
            ? paymentRequestApprovedText({ reference: r.reference, amount: Money.of(r.amount), valueDate: r.value_date }, link, this.signature())
            : paymentRequestRefusedText({ reference: r.reference, amount: Money.of(r.amount), reason: r.rejection_reason }, link, this.signature()),
        providerId: r.provider_id,
      },
    ];
  }

  /** The payment file is booked: each payout in it is executed, and each Träger hears of its own. */
  private async payouts(em: EntityManager, paymentFileId: string): Promise<Notice[]> {
    const rows = await this.source.paidDisbursements(em, paymentFileId);
    return rows.map((d) => ({
      kind: NotificationKind.PAYOUT_EXECUTED,
      stage: 'PAID',
      entity: 'PaymentRequest' as const,
      entityId: d.request_id,
      subKey: d.id,
      reference: d.reference,
      dueDate: null,
      path: `/mittelabrufe/${d.request_id}`,
      text: (link: string) => payoutExecutedText({ reference: d.reference, amount: Money.of(d.amount), paidOn: d.paid_on, ibanEnd: d.iban_end }, link, this.signature()),
      providerId: d.provider_id,
    }));
  }

  /** Festsetzung approved; where money goes back, the Rückforderung with its due date too. */
  private async settlement(em: EntityManager, settlementId: string): Promise<Notice[]> {
    const [s] = await this.source.approvedSettlement(em, settlementId);
    if (!s) return [];
    const decisionDate = s.decision_date ?? this.today();
    const notices: Notice[] = [
      {
        kind: NotificationKind.SETTLEMENT_MADE,
        stage: 'APPROVED',
        entity: 'Settlement',
        entityId: s.id,
        subKey: null,
        reference: s.reference,
        dueDate: null,
        path: `/festsetzungen/${s.id}`,
        text: (link) =>
          settlementMadeText({ reference: s.reference, title: s.title, finalGrant: Money.of(s.final_grant), recoveryAmount: Money.of(s.recovery_amount), decisionDate }, link, this.signature()),
        providerId: s.provider_id,
      },
    ];
    if (s.recovery_id && s.recovery_reference && s.principal && s.recovery_due) {
      const [recoveryId, reference, principal, due] = [s.recovery_id, s.recovery_reference, Money.of(s.principal), s.recovery_due];
      notices.push({
        kind: NotificationKind.RECOVERY_DUE,
        stage: 'DUE',
        entity: 'Recovery',
        entityId: recoveryId,
        subKey: null,
        reference,
        dueDate: due,
        path: `/rueckforderungen/${recoveryId}`,
        text: (link) => recoveryDueText({ reference, principal, due }, link, this.signature()),
        providerId: s.provider_id,
      });
    }
    return notices;
  }

  /**
   * A Projektaufruf's Ausschlussfrist was extended: every Träger is told (a call belongs to none),
   * with the new date and the reason from the audit event. Each extension is its own occurrence.
   */
  private async callDeadlineExtended(em: EntityManager, change: AuditChange, eventId: string): Promise<Notice[]> {
    const before = change.before as { deadline?: string } | null;
    const after = change.after as { deadline?: string; reason?: string } | null;
    const [call] = await this.source.call(em, change.entityId);
    if (!call || !before?.deadline || !after?.deadline) return [];
    const providers = await this.source.providersWithUsers(em);
    const text = { title: call.title, previousDeadline: before.deadline, deadline: after.deadline, reason: after.reason ?? '' };
    return providers.map(({ organisation_id }) => ({
      kind: NotificationKind.CALL_DEADLINE_EXTENDED,
      stage: 'EXTENDED',
      entity: 'FundingCall' as const,
      entityId: call.id,
      subKey: `event-${eventId}`,
      reference: call.title,
      dueDate: after.deadline!,
      path: `/aufrufe/${call.id}`,
      text: (link: string) => callDeadlineExtendedText(text, link, this.signature()),
      providerId: organisation_id,
    }));
  }

  /**
   * A Mahnung: told as an overdue recovery (the kind the reminder scan uses too), one stage per
   * level, so each Mahnung reaches each user of the Träger once.
   */
  private async dunning(em: EntityManager, change: AuditChange): Promise<Notice[]> {
    const after = (change.after ?? {}) as { dunningId?: string };
    if (!after.dunningId) return [];
    const [n] = await this.source.dunning(em, after.dunningId);
    if (!n) return [];
    return [
      {
        kind: NotificationKind.RECOVERY_OVERDUE,
        stage: `DUNNING_${n.level}`,
        entity: 'Recovery',
        entityId: n.recovery_id,
        subKey: n.level,
        reference: n.reference,
        dueDate: n.payment_deadline,
        path: `/rueckforderungen/${n.recovery_id}`,
        text: (link) => dunningText({ reference: n.reference, title: n.title, level: n.level, totalDue: Money.of(n.total_due), deadline: n.payment_deadline }, link, this.signature()),
        providerId: n.provider_id,
      },
    ];
  }

  /**
   * Assignee or stand-in of a case changed: each person newly named is told, except the one who
   * named them (assigning oneself needs no message).
   */
  private async caseAssigned(em: EntityManager, change: AuditChange, eventId: string, actorId: string | null): Promise<Notice[]> {
    const type = caseTypeOfEntity(change.entity);
    if (!type) return [];
    const before = (change.before ?? {}) as { assigneeId?: string | null; standInId?: string | null };
    const after = (change.after ?? {}) as { assigneeId?: string | null; standInId?: string | null };
    const named: { userId: string; role: 'ASSIGNEE' | 'STAND_IN' }[] = [];
    if (after.assigneeId && after.assigneeId !== before.assigneeId && after.assigneeId !== actorId) named.push({ userId: after.assigneeId, role: 'ASSIGNEE' });
    if (after.standInId && after.standInId !== before.standInId && after.standInId !== actorId) named.push({ userId: after.standInId, role: 'STAND_IN' });
    if (named.length === 0) return [];
    const [facts] = await this.source.caseFacts(em, type, change.entityId);
    if (!facts) return [];
    const names = await this.source.displayNames(em, [actorId, after.assigneeId ?? null]);
    return named.map((n) => ({
      kind: NotificationKind.CASE_ASSIGNED,
      stage: n.role,
      entity: change.entity as Notice['entity'],
      entityId: change.entityId,
      subKey: `event-${eventId}`,
      reference: facts.reference,
      dueDate: null,
      path: casePath(type, change.entityId),
      text: (link: string) =>
        caseAssignedText(
          { caseNoun: CASE_TYPE_DE[type].noun, reference: facts.reference, title: facts.title, role: n.role, assigneeName: names.get(after.assigneeId ?? '') ?? null, by: names.get(actorId ?? '') ?? null },
          link,
          this.signature(),
        ),
      userIds: [n.userId],
    }));
  }

  /** A Wiedervorlage was set: the case's assignee and stand-in are told, except the one who set it. */
  private async followUpAdded(em: EntityManager, change: AuditChange, eventId: string, actorId: string | null): Promise<Notice[]> {
    const type = caseTypeOfEntity(change.entity);
    const after = (change.after ?? {}) as { dueDate?: string; note?: string | null };
    if (!type || !after.dueDate) return [];
    const [facts] = await this.source.caseFacts(em, type, change.entityId);
    if (!facts) return [];
    const people = [facts.assignee_id, facts.stand_in_id].filter((id): id is string => id !== null && id !== actorId);
    if (people.length === 0) return [];
    const names = await this.source.displayNames(em, [actorId]);
    const due = after.dueDate;
    return [
      {
        kind: NotificationKind.FOLLOW_UP_ADDED,
        stage: 'ADDED',
        entity: change.entity as Notice['entity'],
        entityId: change.entityId,
        subKey: `event-${eventId}`,
        reference: facts.reference,
        dueDate: due,
        path: casePath(type, change.entityId),
        text: (link: string) =>
          followUpAddedText({ caseNoun: CASE_TYPE_DE[type].noun, reference: facts.reference, title: facts.title, due, note: after.note ?? null, by: names.get(actorId ?? '') ?? null }, link, this.signature()),
        userIds: people,
      },
    ];
  }
}
