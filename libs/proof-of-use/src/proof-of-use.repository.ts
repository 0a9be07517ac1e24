import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Money } from '@foerderfluss/core';
import { anyOf, caseAssigneeFilter, computedSortKey, equals, onOrAfter, onOrBefore, RepositoryDefinition, ScopedRepository, SortKey, timestampSortKey } from '@foerderfluss/database';
import { decisionIssuedCondition } from '@foerderfluss/decisions';
import { ProofKind, ProofOfUse } from './proof-of-use.entity';
import { ProofStatus } from './proof-state';
import { proofNotFound } from './proofs.errors';

/** The filters of `GET /api/v1/proofs-of-use`; each is declared once below. */
export interface ProofFilter {
  /** Only records of this Kreis (issue 20: the Land's drill-down, a Träger's lists). */
  districtId?: string;
  decisionId?: string;
  /** One status or several (any of them). */
  status?: ProofStatus | readonly ProofStatus[];
  kind?: ProofKind;
  budgetYearId?: string;
  /** Assigned to this user (or `me`) as assignee or stand-in (libs/cases); Kreis side only. */
  assigneeId?: string;
  /** Haushaltsjahr as the year (2026). */
  budgetYear?: number;
  providerId?: string;
  /** Handlungsfeld and Sozialraum of the decision proven. */
  fieldOfAction?: string;
  socialArea?: string;
  /** Due = the proof's deadline (`PROOF_DUE_SQL`), on or after / on or before. */
  dueAfter?: string;
  dueBefore?: string;
}

/**
 * The deadline of a proof, from the decision version in force: the Frist Verwendungsnachweis for
 * the final proof, the Zwischennachweis date of its year for an interim one (the same dates as
 * `ProofsService.deadlines`).
 */
const PROOF_DUE_SQL = `(SELECT CASE WHEN p.kind = 'FINAL' THEN dv.proof_due
     ELSE (SELECT (e->>'due')::date FROM jsonb_array_elements(dv.interim_proofs_due) e WHERE (e->>'year')::int = p.covered_year LIMIT 1) END
   FROM decision_version dv WHERE dv.decision_id = p.decision_id AND dv.version_no = d.current_version_no)`;

/** What `GET /api/v1/proofs-of-use` sorts by; the API declares them as its enum. */
export const PROOF_SORT_KEYS = ['reference', 'status', 'kind', 'providerName', 'createdAt', 'submittedAt', 'actualCosts', 'due'] as const;
export type ProofSortKey = (typeof PROOF_SORT_KEYS)[number];

const proofSort: Record<ProofSortKey, SortKey<ProofOfUse>> = {
  reference: { sql: 'p.reference', value: (p) => p.reference },
  status: { sql: 'p.status', value: (p) => p.status },
  kind: { sql: 'p.kind', value: (p) => p.kind },
  providerName: { sql: "COALESCE(provider.name, '')", value: (p) => p.provider?.name ?? '' },
  createdAt: timestampSortKey('p.created_at', (p) => p.createdAt),
  // Drafts were never submitted: they come last.
  submittedAt: computedSortKey(`date_trunc('milliseconds', p.submitted_at)`, `'infinity'::timestamptz`),
  actualCosts: { sql: 'p.actual_costs', value: (p) => p.actualCosts.toApiString() },
  due: computedSortKey(PROOF_DUE_SQL, `'infinity'::date`),
};

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
    visibility: { providerColumn: 'p.provider_id', providerCondition: decisionIssuedCondition('d'), districtColumn: 'p.district_id' },
    sort: proofSort,
    defaultSort: ['reference'],
    filters: {
      districtId: (qb, v) => qb.andWhere('p.district_id = :filterDistrict', { filterDistrict: v }),
      decisionId: (qb, v) => qb.andWhere('p.decision_id = :decisionId', { decisionId: v }),
      status: anyOf('p.status'),
      kind: (qb, v) => qb.andWhere('p.kind = :kind', { kind: v }),
      budgetYearId: (qb, v) => qb.andWhere('p.budget_year_id = :budgetYearId', { budgetYearId: v }),
      assigneeId: caseAssigneeFilter('PROOF_OF_USE', 'p.id'),
      budgetYear: (qb, v) => qb.andWhere('EXISTS (SELECT 1 FROM budget_year fy WHERE fy.id = p.budget_year_id AND fy.year = :proofYear)', { proofYear: v }),
      providerId: equals('p.provider_id'),
      fieldOfAction: equals('d.field_of_action_code'),
      socialArea: equals('d.social_area_code'),
      dueAfter: onOrAfter(PROOF_DUE_SQL),
      dueBefore: onOrBefore(PROOF_DUE_SQL),
    },
    // Nachweis number (the decision's Aktenzeichen with /VN), the project's title or the Träger's name.
    search: { columns: ['p.reference', 'application.title', 'provider.name'], extend: (qb) => qb.leftJoinAndSelect('d.application', 'application') },
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
