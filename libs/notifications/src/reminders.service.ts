import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig, CalendarDate, Clock, Money, Role, systemScope } from '@foerderfluss/core';
import { TransactionRunner } from '@foerderfluss/database';
import { AuditService } from '@foerderfluss/audit';
import { ProofKind, ProofsService } from '@foerderfluss/proof-of-use';
import { MessageText, paymentApprovalText, proofDueText, recoveryOverdueProviderText, recoveryOverdueText } from './mail-texts';
import { NotificationKind } from './notification.entity';
import { ActiveUser, NotificationSourceRepository } from './notification-source.repository';
import { deadlineStage } from './reminder-rules';
import { writeNotifications } from './notification-writer';

/** One thing found due, with the users it goes to. */
interface Finding {
  kind: NotificationKind;
  stage: string;
  entity: 'Decision' | 'PaymentRequest' | 'Recovery';
  entityId: string;
  subKey: string | number | null;
  reference: string;
  dueDate: string | null;
  link: string;
  text: MessageText;
  recipients: Recipient[];
}

interface Recipient {
  id: string;
  email: string;
}

export interface ScanResult {
  /** Notifications (and mails) written by this scan; 0 when everything had been found before. */
  created: number;
  outboxIds: string[];
  /** Findings today, whether new or not, by kind. */
  found: Record<NotificationKind, number>;
}

/**
 * The reminder scan (issue 9 item 6). One transaction finds what is due and writes one notification
 * per finding and user, each with its mail in the outbox: either all of a scan is stored or none.
 * A unique key per finding (kind, record, due date, stage, user) makes a second scan, a retried job
 * or two workers scanning at once write nothing twice (INSERT … ON CONFLICT DO NOTHING waits for the
 * other transaction and then skips). Sending is the outbox's business, after the commit.
 *
 * What is due:
 * - Verwendungsnachweis and Zwischennachweis not yet submitted, at each configured number of days
 *   before the due date (REMINDER_DAYS_BEFORE, e.g. 30 and 7) and once overdue → the Träger's
 *   users; overdue also → staff.
 * - Mittelabrufe checked and waiting for approval → approvers (not the person who checked).
 * - Rückforderungen past their due date and not settled → staff.
 */
@Injectable()
export class RemindersService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly proofs: ProofsService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly source: NotificationSourceRepository,
  ) {}

  async scan(requestId: string | null = null): Promise<ScanResult> {
    const scope = systemScope(requestId);
    return this.tx.run(async (em) => {
      const today = this.clock.today();
      const users = await this.source.activeUsers(em);
      const withRole = (role: Role) => users.filter((u) => u.roles.includes(role));
      const findings = [
        ...(await this.proofFindings(em, scope, today, users, withRole(Role.STAFF))),
        ...(await this.approvalFindings(em, withRole(Role.APPROVER))),
        ...(await this.recoveryFindings(em, today, users, withRole(Role.STAFF))),
      ];
      const outboxIds = await writeNotifications(em, findings, { smtpFrom: this.config.smtp.from });
      const found = Object.fromEntries(Object.values(NotificationKind).map((k) => [k, new Set(findings.filter((f) => f.kind === k).map((f) => `${f.entityId}|${f.subKey ?? ''}`)).size])) as ScanResult['found'];
      if (outboxIds.length > 0) {
        await this.audit.record(em, scope, {
          action: 'reminders.scan',
          entity: 'ReminderScan',
          entityId: today.toISOString(),
          after: { created: outboxIds.length, found },
        });
      }
      return { created: outboxIds.length, outboxIds, found };
    });
  }

  private link(path: string): string {
    return `${this.config.appPublicUrl}${path}`;
  }

  private signature() {
    return { name: this.config.letterhead.name, department: this.config.letterhead.department };
  }

  private async proofFindings(em: EntityManager, scope: ReturnType<typeof systemScope>, today: CalendarDate, users: ActiveUser[], staff: ActiveUser[]): Promise<Finding[]> {
    const open = await this.proofs.deadlines(scope, { onlyOpen: true });
    const titles = new Map<string, string>();
    const districts = new Map<string, string>();
    if (open.length > 0) {
      const rows = await this.source.decisionTitles(em, [...new Set(open.map((o) => o.decisionId))]);
      for (const r of rows) {
        titles.set(r.id, r.title);
        districts.set(r.id, r.district_id);
      }
    }
    const findings: Finding[] = [];
    for (const item of open) {
      const stage = deadlineStage(today, CalendarDate.parse(item.due), this.config.reminderDaysBefore);
      if (!stage) continue;
      const providerUsers = users.filter((u) => u.organisation_id === item.providerId && u.roles.includes(Role.PROVIDER));
      const recipients = stage.stage === 'OVERDUE' ? [...providerUsers, ...ofKreis(staff, districts.get(item.decisionId))] : providerUsers;
      findings.push({
        kind: item.kind === ProofKind.FINAL ? NotificationKind.PROOF_DUE : NotificationKind.INTERIM_PROOF_DUE,
        stage: stage.stage,
        entity: 'Decision',
        entityId: item.decisionId,
        subKey: item.coveredYear,
        reference: item.decisionReference,
        dueDate: item.due,
        link: this.link(decisionPath(item.decisionId)),
        text: proofDueText(
          { kind: item.kind, coveredYear: item.coveredYear, reference: item.decisionReference, projectTitle: titles.get(item.decisionId) ?? '', due: item.due, daysLeft: stage.daysLeft },
          this.link(decisionPath(item.decisionId)),
          this.signature(),
        ),
        recipients: unique(recipients),
      });
    }
    return findings;
  }

  private async approvalFindings(em: EntityManager, approvers: ActiveUser[]): Promise<Finding[]> {
    const rows = await this.source.checkedPaymentRequests(em, this.config.timezone);
    return rows.map((r) => ({
      kind: NotificationKind.PAYMENT_APPROVAL,
      stage: 'WAITING',
      entity: 'PaymentRequest' as const,
      entityId: r.id,
      subKey: null,
      reference: r.reference,
      dueDate: r.checked_on,
      link: this.link(decisionPath(r.decision_id)),
      text: paymentApprovalText(
        { reference: r.reference, providerName: r.provider_name, amount: Money.of(r.amount), checkedOn: r.checked_on, valueDate: r.value_date },
        this.link(decisionPath(r.decision_id)),
        this.signature(),
      ),
      // Four eyes: whoever checked it cannot approve it, so is not asked to.
      recipients: unique(ofKreis(approvers, r.district_id).filter((a) => a.id !== r.checked_by)),
    }));
  }

  private async recoveryFindings(em: EntityManager, today: CalendarDate, users: ActiveUser[], staff: ActiveUser[]): Promise<Finding[]> {
    const rows = await this.source.overdueRecoveries(em, today.toISOString());
    return rows.flatMap((r) => {
      const base = {
        kind: NotificationKind.RECOVERY_OVERDUE,
        stage: 'OVERDUE',
        entity: 'Recovery' as const,
        entityId: r.id,
        subKey: null,
        reference: r.reference,
        dueDate: r.due_date,
      };
      const daysOverdue = CalendarDate.parse(r.due_date).daysUntil(today);
      const staffLink = this.link(decisionPath(r.decision_id));
      const providerLink = this.link(`/rueckforderungen/${r.id}`);
      // The Träger owes the money, so it is told too, in its own words (issue 14): one finding
      // per audience, the dedup key per user keeps each single.
      const providerUsers = users.filter((u) => u.organisation_id === r.provider_id && u.roles.includes(Role.PROVIDER));
      return [
        {
          ...base,
          link: staffLink,
          text: recoveryOverdueText(
            { reference: r.reference, providerName: r.provider_name, outstanding: Money.of(r.outstanding), due: r.due_date, daysOverdue },
            staffLink,
            this.signature(),
          ),
          recipients: unique(ofKreis(staff, r.district_id)),
        },
        {
          ...base,
          link: providerLink,
          text: recoveryOverdueProviderText({ reference: r.reference, outstanding: Money.of(r.outstanding), due: r.due_date, daysOverdue }, providerLink, this.signature()),
          recipients: unique(providerUsers),
        },
      ];
    });
  }
}

/** The page of the decision in the web front end (Mittelabrufe and Rückforderungen are shown there too). */
function decisionPath(decisionId: string): string {
  return `/bescheide/${decisionId}`;
}

function unique(users: ActiveUser[]): Recipient[] {
  const seen = new Map<string, Recipient>();
  for (const u of users) if (!seen.has(u.id)) seen.set(u.id, { id: u.id, email: u.email });
  return [...seen.values()];
}

/** The Landratsamt people of the record's Kreis: another Kreis's staff and the Land are never told (issue 20). */
function ofKreis(people: ActiveUser[], districtId: string | undefined): ActiveUser[] {
  return people.filter((u) => districtId !== undefined && u.organisation_id === districtId);
}
