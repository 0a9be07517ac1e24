/**
 * "A Träger sees a decision only once it is issued" (DOMAIN: a proposal is internal until the
 * second pair of eyes approves it), as SQL on the alias of a joined `decision` row. Every
 * repository whose Träger visibility depends on the decision uses this one condition.
 */
export function decisionIssuedCondition(decisionAlias: string): string {
  return `${decisionAlias}.current_version_no IS NOT NULL`;
}
