/**
 * The API tells the web what the caller may do with a record (`allowedActions`, computed from the
 * record's lifecycle table, the roles and four eyes). The web shows a button only when its action
 * is listed and keeps no copy of the lifecycle: no status comparisons decide buttons.
 */
export interface WithActions<A extends string> {
  allowedActions: readonly A[];
}

export function can<A extends string>(record: WithActions<A> | null | undefined, action: A): boolean {
  return record?.allowedActions.includes(action) ?? false;
}

export function canAny<A extends string>(record: WithActions<A> | null | undefined, ...actions: A[]): boolean {
  return actions.some((a) => can(record, a));
}
