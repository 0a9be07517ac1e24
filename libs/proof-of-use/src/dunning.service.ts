import { Injectable, Logger } from '@nestjs/common';
import { CalendarDate, Clock, hasRole, Role, Scope, systemScope } from '@foerderfluss/core';
import { TransactionRunner } from '@foerderfluss/database';
import { AuditService } from '@foerderfluss/audit';
import { ParametersService, ProgrammeParameterValues } from '@foerderfluss/programmes';
import { DunningDays, dueDunningLevel, enforcementDue } from './dunning-rules';
import { Recovery } from './recovery.entity';
import { RecoveryDunning } from './recovery-dunning.entity';
import { RecoveryDunningRepository } from './recovery-dunning.repository';
import { RecoveryRepaymentRepository, RecoveryRepository } from './recovery.repository';
import { RecoveryStatus } from './recovery-state';
import { RecoveriesService } from './recoveries.service';

/** What the recovery shows of its Mahnwesen. */
export interface RecoveryDunningView {
  /** Highest Mahnung sent: 0 (none), 1 or 2. */
  level: 0 | 1 | 2;
  dunnings: RecoveryDunning[];
  /** The 2nd Mahnung's deadline passed unpaid: enforcement is to be considered. */
  enforcementDue: boolean;
}

/** One Mahnung the scan wrote. */
export interface DunningIssued {
  dunningId: string;
  recoveryId: string;
  level: 1 | 2;
}

/** An entry of „Was wartet auf mich?“ (the shape of the decisions lib's WorklistEntry). */
export interface EnforcementWorklistEntry {
  kind: 'ENFORCEMENT_REVIEW';
  entity: 'Recovery';
  id: string;
  reference: string;
  title: string;
  providerName: string;
  dueDate: string;
  since: Date;
  action: string;
}

/**
 * Mahnwesen (issue 16 item 4): a Rückforderung not paid in full gets a 1st Mahnung
 * DUNNING_FIRST_DAYS after its due date and a 2nd DUNNING_SECOND_DAYS after the 1st, each with a
 * Zahlungsfrist of DUNNING_PAYMENT_DAYS (programme parameters in force on the day of the scan).
 * Each Mahnung is one transaction: the row (unique per level), its audit event `recovery.dunning`,
 * and, through the audit listeners, its letter (libs/exports) and the Träger's notification
 * (libs/notifications). After the 2nd Mahnung's deadline the case appears in the staff worklist
 * („Vollstreckung prüfen“) and under GET /recoveries?enforcementDue=true.
 */
@Injectable()
export class DunningService {
  private readonly logger = new Logger('Dunning');

  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly parameters: ParametersService,
    private readonly recoveriesService: RecoveriesService,
    private readonly recoveries: RecoveryRepository,
    private readonly repayments: RecoveryRepaymentRepository,
    private readonly dunnings: RecoveryDunningRepository,
  ) {}

  /** The scan (job `recoveries.dunning-scan`): writes every Mahnung due today, once. */
  async scan(requestId: string | null = null): Promise<DunningIssued[]> {
    const today = this.clock.today();
    const scope = systemScope(requestId);
    // Per programme and Kreis: each Kreis may set its own Mahnfristen.
    const daysByProgramme = new Map<string, DunningDays & { paymentDays: number }>();
    const issued: DunningIssued[] = [];
    for (const c of await this.dunnings.candidates()) {
      const programmeId = await this.recoveries.programmeId(c.decision_id);
      const key = `${programmeId}/${c.district_id}`;
      let days = daysByProgramme.get(key);
      if (!days) {
        const p: ProgrammeParameterValues = await this.parameters.inForce(programmeId, today, c.district_id);
        days = { firstDays: p.dunningFirstDays, secondDays: p.dunningSecondDays, paymentDays: p.dunningPaymentDays };
        daysByProgramme.set(key, days);
      }
      // A cheap look first; the decision is taken again under the recovery's lock.
      const existing = await this.dunnings.levelsOf(this.tx.manager, c.id);
      if (dueDunningLevel({ dueDate: c.due_date }, existing, today, days) === null) continue;
      const one = await this.issue(scope, c.id, today, days);
      if (one) issued.push(one);
    }
    if (issued.length > 0) this.logger.log(`${issued.length} Mahnung(en) written`);
    return issued;
  }

  /** One Mahnung, if one is due: row, audit event (and through its listeners letter and notification) in one transaction. */
  private async issue(scope: Scope, recoveryId: string, today: CalendarDate, days: DunningDays & { paymentDays: number }): Promise<DunningIssued | null> {
    return this.tx.run(async (em) => {
      const r = await this.recoveries.get(scope, recoveryId, { em, lock: true });
      if (r.status === RecoveryStatus.SETTLED) return null;
      const existing = await this.dunnings.levelsOf(em, r.id);
      const level = dueDunningLevel(r, existing, today, days);
      if (level === null) return null;
      const state = await this.recoveriesService.computeInterest(r, await this.repayments.ofRecovery(scope, r.id, em), today);
      const totalDue = state.outstandingPrincipal.plus(state.interestOutstanding);
      // Paid in full, only not yet marked (e.g. interest of a later half-year not yet published).
      if (!totalDue.isPositive()) return null;
      const row = {
        recoveryId: r.id,
        providerId: r.providerId,
        level,
        issuedOn: today.toISOString(),
        paymentDeadline: today.addDays(days.paymentDays).toISOString(),
        outstandingPrincipal: state.outstandingPrincipal,
        interest: state.interest,
        interestOutstanding: state.interestOutstanding,
        interestUntil: (state.computedUntil ?? state.asOf).toISOString(),
        totalDue,
      };
      const dunningId = await this.dunnings.insert(em, row);
      if (!dunningId) return null;
      await this.audit.record(em, scope, {
        action: 'recovery.dunning',
        entity: 'Recovery',
        entityId: r.id,
        after: {
          dunningId,
          level,
          issuedOn: row.issuedOn,
          paymentDeadline: row.paymentDeadline,
          outstandingPrincipal: row.outstandingPrincipal.toApiString(),
          interest: row.interest.toApiString(),
          interestOutstanding: row.interestOutstanding.toApiString(),
          totalDue: totalDue.toApiString(),
        },
      });
      return { dunningId, recoveryId: r.id, level };
    });
  }

  /** The Mahnwesen of each recovery, as the caller may see it (the recoveries were read in the same scope). */
  async views(scope: Scope, recoveries: readonly Recovery[]): Promise<Map<string, RecoveryDunningView>> {
    const rows = await this.dunnings.ofRecoveries(
      scope,
      recoveries.map((r) => r.id),
    );
    const today = this.clock.today();
    const out = new Map<string, RecoveryDunningView>();
    for (const r of recoveries) {
      const dunnings = rows.filter((n) => n.recoveryId === r.id);
      const level = dunnings.reduce<0 | 1 | 2>((max, n) => (n.level > max ? n.level : max), 0);
      out.set(r.id, { level, dunnings, enforcementDue: enforcementDue(dunnings, r.status === RecoveryStatus.SETTLED, today) });
    }
    return out;
  }

  /** Today's date for `enforcementDue=true` (the business clock, not the database's). */
  today(): string {
    return this.clock.today().toISOString();
  }

  /** „Vollstreckung prüfen“: the staff's worklist entries (ADMIN, STAFF); nobody else's. */
  async worklist(scope: Scope): Promise<EnforcementWorklistEntry[]> {
    if (!hasRole(scope, Role.ADMIN, Role.STAFF)) return [];
    const rows = await this.dunnings.enforcementCases(this.today());
    return rows.map((r) => ({
      kind: 'ENFORCEMENT_REVIEW',
      entity: 'Recovery',
      id: r.id,
      reference: r.reference,
      title: r.title,
      providerName: r.provider_name,
      dueDate: r.payment_deadline,
      since: r.since,
      action: `Vollstreckung prüfen: Zahlungsfrist der 2. Mahnung am ${CalendarDate.parse(r.payment_deadline).toGermanString()} abgelaufen`,
    }));
  }
}
