import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Scope } from '@foerderfluss/core';
import { RepositoryDefinition, ScopedRepository, timestampSortKey } from '@foerderfluss/database';
import { RecoveryDunning } from './recovery-dunning.entity';
import { RecoveryStatus } from './recovery-state';
import { recoveryNotFound } from './proofs.errors';

/** The filters of a recovery's Mahnungen. */
export interface RecoveryDunningFilter {
  recoveryId?: string;
}

/** A recovery the dunning scan looks at: not (fully) paid. */
export interface DunningCandidateRow {
  id: string;
  due_date: string;
  decision_id: string;
  /** The recovery's Kreis, whose own Mahnfristen apply. */
  district_id: string;
}

/** A recovery whose 2nd Mahnung went unpaid past its deadline (worklist „Vollstreckung prüfen“). */
export interface EnforcementRow {
  id: string;
  reference: string;
  title: string;
  provider_name: string;
  payment_deadline: string;
  since: Date;
}

/**
 * Mahnungen as the caller may see them: staff and auditors all, a Träger its own (they are letters
 * to it). The scan writes them with a unique (recovery, level), so each exists once.
 */
@Injectable()
export class RecoveryDunningRepository extends ScopedRepository<RecoveryDunning, RecoveryDunningFilter> {
  protected readonly definition: RepositoryDefinition<RecoveryDunning, RecoveryDunningFilter> = {
    entity: RecoveryDunning,
    alias: 'n',
    visibility: { providerColumn: 'n.provider_id', districtColumn: 'n.district_id' },
    sort: {
      level: { sql: 'n.level', value: (n) => n.level },
      issuedOn: { sql: 'n.issued_on', value: (n) => n.issuedOn },
      createdAt: timestampSortKey('n.created_at', (n) => n.createdAt),
    },
    defaultSort: ['level'],
    filters: {
      recoveryId: (qb, v) => qb.andWhere('n.recovery_id = :recoveryId', { recoveryId: v }),
    },
    notFound: recoveryNotFound,
  };

  /** The Mahnungen of these recoveries the caller may see, by recovery and level. */
  async ofRecoveries(scope: Scope, recoveryIds: readonly string[], em?: EntityManager): Promise<RecoveryDunning[]> {
    if (recoveryIds.length === 0) return [];
    return this.scoped(scope, em)
      .andWhere('n.recovery_id IN (:...recoveryIds)', { recoveryIds: [...recoveryIds] })
      .orderBy('n.recovery_id', 'ASC')
      .addOrderBy('n.level', 'ASC')
      .getMany();
  }

  /** Every Mahnung of one recovery (the scan, under the recovery's row lock). */
  levelsOf(em: EntityManager, recoveryId: string): Promise<RecoveryDunning[]> {
    return em.getRepository(RecoveryDunning).find({ where: { recoveryId }, order: { level: 'ASC' } });
  }

  /** Inserts the Mahnung unless its level exists; the new row's id, or null. */
  async insert(em: EntityManager, row: Omit<RecoveryDunning, 'id' | 'recovery' | 'createdAt' | 'districtId'>): Promise<string | null> {
    const rows = (await em.query(
      `INSERT INTO recovery_dunning (recovery_id, provider_id, level, issued_on, payment_deadline, outstanding_principal, interest, interest_outstanding, interest_until, total_due)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (recovery_id, level) DO NOTHING RETURNING id`,
      [
        row.recoveryId,
        row.providerId,
        row.level,
        row.issuedOn,
        row.paymentDeadline,
        row.outstandingPrincipal.toApiString(),
        row.interest.toApiString(),
        row.interestOutstanding.toApiString(),
        row.interestUntil,
        row.totalDue.toApiString(),
      ],
    )) as { id: string }[];
    return rows[0]?.id ?? null;
  }

  byIds(em: EntityManager, ids: readonly string[]): Promise<RecoveryDunning[]> {
    return ids.length === 0 ? Promise.resolve([]) : em.getRepository(RecoveryDunning).find({ where: { id: In([...ids]) } });
  }

  /** Recoveries not (fully) paid: what the dunning scan looks at (system scope: the whole database). */
  candidates(em: EntityManager = this.tx.manager): Promise<DunningCandidateRow[]> {
    return em.query(
      `SELECT r.id, to_char(r.due_date, 'YYYY-MM-DD') AS due_date, r.decision_id, r.district_id
         FROM recovery r WHERE r.status IN ($1, $2) ORDER BY r.due_date, r.reference`,
      [RecoveryStatus.OPEN, RecoveryStatus.PARTIALLY_PAID],
    ) as Promise<DunningCandidateRow[]>;
  }

  /** Unpaid recoveries whose 2nd Mahnung's deadline lies before `today` (staff-side worklist: no Träger filter). */
  enforcementCases(today: string, em: EntityManager = this.tx.manager): Promise<EnforcementRow[]> {
    return em.query(
      `SELECT r.id, r.reference, a.title, o.name AS provider_name, to_char(n.payment_deadline, 'YYYY-MM-DD') AS payment_deadline, n.created_at AS since
         FROM recovery_dunning n
         JOIN recovery r ON r.id = n.recovery_id
         JOIN decision d ON d.id = r.decision_id
         JOIN application a ON a.id = d.application_id
         JOIN organisation o ON o.id = r.provider_id
        WHERE n.level = 2 AND n.payment_deadline < $1 AND r.status <> $2`,
      [today, RecoveryStatus.SETTLED],
    ) as Promise<EnforcementRow[]>;
  }
}
