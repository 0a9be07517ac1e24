import { forbidden, type Lifecycle, type Scope } from '@foerderfluss/core';

/**
 * An action of a lifecycle as a conditional UPDATE: every status the table lets the action start
 * from, and the one status it leads to. The worker moves export and letter rows this way (`UPDATE …
 * SET status = to WHERE status IN from`), so two workers racing on a row cannot both take a step and
 * no step the table lacks can be taken. 403 when the caller's role may not take the action.
 */
export function conditionalStep<S extends string, A extends string>(lifecycle: Lifecycle<S, A>, action: A, scope: Scope): { from: S[]; to: S } {
  const steps = lifecycle.transitions.filter((t) => t.action === action);
  const targets = new Set(steps.map((t) => t.to));
  if (steps.length === 0 || targets.size !== 1) throw new Error(`lifecycle action ${action} has no single target status`);
  if (!steps.some((t) => scope.roles.some((r) => t.roles.includes(r)))) throw forbidden('FORBIDDEN', 'Für diesen Schritt fehlt Ihnen die Berechtigung.');
  const from = steps.flatMap((t) => (typeof t.from === 'string' ? [t.from] : [...t.from]));
  return { from: [...new Set(from)], to: steps[0]!.to };
}
