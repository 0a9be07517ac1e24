import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Money } from '@foerderfluss/core';
import { caseAssigneeFilter, RepositoryDefinition, ScopedRepository, timestampSortKey } from '@foerderfluss/database';
import { decisionIssuedCondition } from '@foerderfluss/decisions';
import { ProofKind, ProofOfUse } from './proof-of-use.entity';
import { ProofStatus } from './proof-state';
import { proofNotFound } from './proofs.errors';

/** The filters of `GET /api/v1/proofs-of-use`; each is declared once below. */
export interface ProofFilter {
  decisionId?: string;
  status?: ProofStatus;
  kind?: ProofKind;
  budgetYearId?: string;
  /** Assigned to this user (or `me`) as assignee or stand-in (libs/cases); Kreis side only. */
  assigneeId?: string;
}

/**
 * Verwendungsnachweise as the caller may see them: a Träger its own, and only for a decision it can
 * see (issued: `decisionIssuedCondition`), staff and auditors all (of their Kreis).
 */
@Injectable()
export class ProofOfUseRepository extends ScopedRepository<ProofOfUse, ProofFilter> {
  protected readonly definition: RepositoryDefinition<ProofOfUse, ProofFilter> = {
    entity: ProofOfUse,
    alias: 'p',
    joins: (qb) => qb.leftJoinAndSelect('p.provider', 'provider').innerJoinAndSelect('p.decision', 'd'),
    visibility: { providerColumn: 'p.provider_id', providerCondition: decisionIssuedCondition('d') },
    sort: {
      reference: { sql: 'p.reference', value: (p) => p.reference },
      status: { sql: 'p.status', value: (p) => p.status },
      kind: { sql: 'p.kind', value: (p) => p.kind },
      providerName: { sql: "COALESCE(provider.name, '')", value: (p) => p.provider?.name ?? '' },
      createdAt: timestampSortKey('p.created_at', (p) => p.createdAt),
    },
    defaultSort: ['reference'],
    filters: {
      decisionId: (qb, v) => qb.andWhere('p.decision_id = :decisionId', { decisionId: v }),
      status: (qb, v) => qb.andWhere('p.status = :status', { status: v }),
      kind: (qb, v) => qb.andWhere('p.kind = :kind', { kind: v }),
      budgetYearId: (qb, v) => qb.andWhere('p.budget_year_id = :budgetYearId', { budgetYearId: v }),
      assigneeId: caseAssigneeFilter('PROOF_OF_USE', 'p.id'),
    },
    notFound: proofNotFound,
  };

  /** Whether the decision already has this proof (one final, one interim per covered year). */
  exists(em: EntityManager, decisionId: string, kind: ProofKind, coveredYear: number | null): Promise<boolean> {
    return em.getRepository(ProofOfUse).existsBy({ decisionId, kind, ...(coveredYear === null ? {} : { coveredYear }) });
  }

  async insert(em: EntityManager, proof: Partial<ProofOfUse>): Promise<ProofOfUse> {
    return em.save(ProofOfUse, em.create(ProofOfUse, proof));
  }

  /** Writes the proof as loaded and changed by its service (status only ever from the lifecycle table). */
  async save(em: EntityManager, proof: ProofOfUse): Promise<ProofOfUse> {
    return em.save(ProofOfUse, proof);
  }

  async saveFigures(em: EntityManager, proof: ProofOfUse): Promise<void> {
    await em.update(ProofOfUse, { id: proof.id }, { figures: proof.figures, actualCosts: proof.actualCosts });
  }

  /** Kind, year and status of every proof of these decisions (for the deadlines; the decisions are already scoped). */
  async ofDecisions(em: EntityManager, decisionIds: string[]): Promise<{ id: string; decisionId: string; kind: ProofKind; coveredYear: number | null; status: ProofStatus }[]> {
    if (decisionIds.length === 0) return [];
    return em
      .getRepository(ProofOfUse)
      .createQueryBuilder('p')
      .select(['p.id AS "id"', 'p.decision_id AS "decisionId"', 'p.kind AS "kind"', 'p.covered_year AS "coveredYear"', 'p.status AS "status"'])
      .where('p.decision_id = ANY(:ids)', { ids: decisionIds })
      .getRawMany();
  }

  /**
   * The Antrag and call behind a proof's decision: the Träger's VAT position (for the Belege) and the
   * call (for the Anlagen kinds). Read for a proof already loaded through the scope.
   */
  async applicationFrame(em: EntityManager, decisionId: string): Promise<{ vatDeductible: boolean; callId: string; requiredAttachments: string[] }> {
    const [row] = (await em.query(
      `SELECT a.vat_deductible AS "vatDeductible", a.call_id AS "callId", c.required_attachments AS "requiredAttachments"
         FROM decision d JOIN application a ON a.id = d.application_id JOIN funding_call c ON c.id = a.call_id
        WHERE d.id = $1`,
      [decisionId],
    )) as { vatDeductible: boolean; callId: string; requiredAttachments: string[] }[];
    if (!row) throw proofNotFound();
    return row;
  }

  /** The programme whose parameters apply to a proof of this budget year. */
  async programmeOf(em: EntityManager, budgetYearId: string): Promise<string> {
    const [row] = (await em.query('SELECT programme_id AS "programmeId" FROM budget_year WHERE id = $1', [budgetYearId])) as { programmeId: string }[];
    if (!row) throw proofNotFound();
    return row.programmeId;
  }

  /** Paid on the decision for the final grant: approved payouts less voluntary repayments received. */
  async paidOnDecision(em: EntityManager, decisionId: string, recoveryReceivedKind: string): Promise<Money> {
    const [row] = (await em.query(
      `SELECT (d.disbursed_amount - coalesce((SELECT sum(e.amount) FROM budget_ledger_entry e
                 WHERE e.kind = $2 AND e.reference_type = 'Decision' AND e.reference_id = d.id::text), 0))::text AS paid
         FROM decision d WHERE d.id = $1`,
      [decisionId, recoveryReceivedKind],
    )) as { paid: string }[];
    if (!row) throw proofNotFound();
    return Money.of(row.paid);
  }

  /** German names of every Kostenart by code (reference data). */
  async costCategoryNames(em: EntityManager): Promise<Map<string, string>> {
    const rows = (await em.query('SELECT code, name FROM cost_category')) as { code: string; name: string }[];
    return new Map(rows.map((r) => [r.code, r.name]));
  }
}
