import { Injectable } from '@nestjs/common';
import { Scope } from '@foerderfluss/core';
import { RepositoryDefinition, ScopedRepository } from '@foerderfluss/database';
import { Decision, decisionIssuedCondition, DecisionVersion, decisionNotFound } from '@foerderfluss/decisions';

export interface DeadlineRow {
  id: string;
  reference: string;
  providerId: string;
  providerName: string;
  proofDue: string | null;
  interimProofsDue: { year: number; due: string }[];
}

/**
 * Decisions as this lib reads them: the one a Träger creates a proof for (its own, issued) and the
 * grants whose proofs fall due. The Träger condition is the decisions lib's single definition.
 */
@Injectable()
export class ProofDecisionRepository extends ScopedRepository<Decision> {
  protected readonly definition: RepositoryDefinition<Decision, Record<string, never>> = {
    entity: Decision,
    alias: 'd',
    visibility: { providerColumn: 'd.provider_id', providerCondition: decisionIssuedCondition('d'), districtColumn: 'd.district_id' },
    sort: { reference: { sql: 'd.reference', value: (d) => d.reference } },
    defaultSort: ['reference'],
    filters: {},
    notFound: decisionNotFound,
  };

  /** Grants in force (or revoked or closed) with their proof dues in the current version. */
  async deadlineRows(scope: Scope): Promise<DeadlineRow[]> {
    return this.scoped(scope)
      .innerJoin(DecisionVersion, 'v', 'v.decision_id = d.id AND v.version_no = d.current_version_no')
      .innerJoin('d.provider', 'o')
      .andWhere(`d.outcome = 'GRANT' AND d.status IN ('IN_FORCE', 'REVOKED', 'CLOSED')`)
      .select([
        'd.id AS "id"',
        'd.reference AS "reference"',
        'd.provider_id AS "providerId"',
        'o.name AS "providerName"',
        `to_char(v.proof_due, 'YYYY-MM-DD') AS "proofDue"`,
        'v.interim_proofs_due AS "interimProofsDue"',
      ])
      .getRawMany<DeadlineRow>();
  }
}
