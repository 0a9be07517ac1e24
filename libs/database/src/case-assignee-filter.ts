import { ObjectLiteral } from 'typeorm';
import { isKreisSide, Scope } from '@foerderfluss/core';
import { FilterFn } from './scoped-repository';

/** What `assigneeId` may say besides a user id: the caller. */
export const ASSIGNEE_ME = 'me';

/** A user id no row carries: what a filter compares with when the caller names nobody (system scope). */
const NOBODY = '00000000-0000-0000-0000-000000000000';

/**
 * The `assigneeId` filter of the case lists (Anträge, Bescheide, Verwendungsnachweise,
 * Rückforderungen): the rows whose case is assigned to that person as assignee OR as stand-in
 * (Vertretung), so "my cases" include those I stand in for. `me` is the caller.
 *
 * A Träger never learns who works on its records, so for a Träger the filter matches nothing rather
 * than telling which of its records are assigned to whom; a call without scope matches nothing either
 * (fail closed).
 *
 * The table `case_assignment` belongs to libs/cases, which sits above the libs of these lists (it
 * reads their records). The lists name it here in SQL only, the way the worklist reads the tables of
 * the libs it serves; the one definition keeps the four lists alike.
 */
export function caseAssigneeFilter<E extends ObjectLiteral>(caseType: string, idColumn: string): FilterFn<E, string> {
  const typeParam = `caseAssigneeType_${caseType}`;
  const personParam = `caseAssigneePerson_${caseType}`;
  return (qb, value, scope?: Scope) => {
    if (!scope || !isKreisSide(scope)) {
      qb.andWhere('FALSE');
      return;
    }
    const person = value === ASSIGNEE_ME ? (scope.userId ?? NOBODY) : value;
    qb.andWhere(
      `EXISTS (SELECT 1 FROM case_assignment ca_filter
                WHERE ca_filter.case_type = :${typeParam} AND ca_filter.case_id = ${idColumn}
                  AND (ca_filter.assignee_id = :${personParam} OR ca_filter.stand_in_id = :${personParam}))`,
      { [typeParam]: caseType, [personParam]: person },
    );
  };
}
