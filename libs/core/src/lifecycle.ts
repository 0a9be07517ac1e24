import { DomainError, forbidden } from './domain-error';
import { isStateLevel, Role, Scope } from './scope';

/**
 * One step of a lifecycle: in `from`, `action` leads to `to`, taken by one of `roles`.
 * An action that changes no status (editing a draft) is a step with `to` equal to `from`.
 */
export interface Transition<S extends string, A extends string> {
  readonly from: S | readonly S[];
  readonly action: A;
  readonly to: S;
  readonly roles: readonly Role[];
  /** The second pair of eyes: the caller must not be the person who took the first step. */
  readonly fourEyes?: boolean;
}

/** What a lifecycle needs to know of the record besides its status. */
export interface ActionContext {
  /** Who took the step a four-eyes action confirms (proposer, checker); null when nobody yet. */
  readonly firstActorId?: string | null;
}

export interface LifecycleText<S extends string, A extends string> {
  /** e.g. 'APPLICATION' → code APPLICATION_ILLEGAL_TRANSITION */
  readonly codePrefix: string;
  /** German noun with article for the 409 message, e.g. "Ein Antrag". */
  readonly recordDe: string;
  readonly statusDe: Readonly<Record<S, string>>;
  /** Past participle for "… kann nicht <x> werden", e.g. submit → "eingereicht". */
  readonly actionDe: Readonly<Record<A, string>>;
  /** The key under which the current status is reported in the problem's extensions. */
  readonly statusKey?: string;
  /** The lib's own four-eyes refusal (e.g. DECISION_SAME_APPROVER with its German text). */
  readonly sameActor: () => DomainError;
  /**
   * Whose records these are (issue 20): a Kreis's (default) are moved by Kreis staff and Träger, never
   * by the Land, which reads them; the Land's own (Zuweisung, Prüfung of a Kreis's proof) only by Land users.
   */
  readonly level?: 'DISTRICT' | 'STATE';
}

/** Whether the caller acts at the lifecycle's level: the Land never moves a Kreis's records, and only the Land (or the system) its own. */
function actsAtLevel(level: 'DISTRICT' | 'STATE', scope: Scope): boolean {
  if (level === 'DISTRICT') return !isStateLevel(scope);
  return isStateLevel(scope) || scope.userId === null;
}

/**
 * A record type's lifecycle as one table (ARCHITECTURE.md "Decided once"). The owning lib moves its
 * records only through `transition()`; the API reports `allowedActions()` so the web keeps no copy.
 */
export class Lifecycle<S extends string, A extends string> {
  private readonly byAction = new Map<A, Transition<S, A>[]>();

  constructor(
    readonly transitions: readonly Transition<S, A>[],
    private readonly text: LifecycleText<S, A>,
  ) {
    for (const t of transitions) {
      const list = this.byAction.get(t.action) ?? [];
      list.push(t);
      this.byAction.set(t.action, list);
    }
  }

  get actions(): A[] {
    return [...this.byAction.keys()];
  }

  get statuses(): S[] {
    return Object.keys(this.text.statusDe) as S[];
  }

  statusLabel(status: S): string {
    return this.text.statusDe[status];
  }

  /** The step for `action` out of `from`, or undefined when the table has none. */
  step(from: S, action: A): Transition<S, A> | undefined {
    return this.byAction.get(action)?.find((t) => (typeof t.from === 'string' ? t.from === from : t.from.includes(from)));
  }

  /** The target status; 409 in German naming the current status when the table has no such step. */
  next(from: S, action: A): S {
    const step = this.step(from, action);
    if (!step) throw this.illegal(from, action);
    return step.to;
  }

  /**
   * Table, role and four eyes in one check: 409 for a step the lifecycle does not have, 403 for a
   * caller whose role may not take it or who took the first step of a four-eyes pair.
   */
  transition(from: S, action: A, scope: Scope, ctx: ActionContext = {}): S {
    const step = this.step(from, action);
    if (!step) throw this.illegal(from, action);
    if (!actsAtLevel(this.text.level ?? 'DISTRICT', scope)) {
      throw forbidden(
        'FORBIDDEN_LEVEL',
        this.text.level === 'STATE' ? 'Diesen Schritt nimmt nur das Land vor.' : 'Das Land sieht die Vorgänge der Kreise ein; ändern kann sie nur der Kreis.',
      );
    }
    if (!scope.roles.some((r) => step.roles.includes(r))) {
      throw forbidden('FORBIDDEN', 'Für diesen Schritt fehlt Ihnen die Berechtigung.');
    }
    if (step.fourEyes) assertFourEyes(ctx.firstActorId ?? null, scope.userId, this.text.sameActor);
    return step.to;
  }

  /** Whether `transition` would pass for this caller, without throwing. */
  permits(from: S, action: A, scope: Scope, ctx: ActionContext = {}): boolean {
    const step = this.step(from, action);
    if (!step) return false;
    if (!actsAtLevel(this.text.level ?? 'DISTRICT', scope)) return false;
    if (!scope.roles.some((r) => step.roles.includes(r))) return false;
    if (step.fourEyes && !differentPeople(ctx.firstActorId ?? null, scope.userId)) return false;
    return true;
  }

  /**
   * Whether four eyes alone keep this caller from `action`: the step exists and the caller's role
   * may take it, but they took the first step themselves. The record then says why the button is
   * missing (e.g. `approvalBlockedReason`), instead of the web guessing it from roles.
   */
  fourEyesBlocks(from: S, action: A, scope: Scope, ctx: ActionContext = {}): boolean {
    const step = this.step(from, action);
    if (!step?.fourEyes) return false;
    if (!scope.roles.some((r) => step.roles.includes(r))) return false;
    return !differentPeople(ctx.firstActorId ?? null, scope.userId);
  }

  /** The actions this caller may take now, in table order. */
  allowedActions(from: S, scope: Scope, ctx: ActionContext = {}): A[] {
    return this.actions.filter((a) => this.permits(from, a, scope, ctx));
  }

  private illegal(from: S, action: A): DomainError {
    const statusDe = this.text.statusDe[from] ?? from;
    const actionDe = this.text.actionDe[action] ?? action;
    return new DomainError(
      `${this.text.codePrefix}_ILLEGAL_TRANSITION`,
      409,
      `${this.text.recordDe} im Status „${statusDe}“ kann nicht ${actionDe} werden.`,
      [],
      { [this.text.statusKey ?? 'status']: from, action },
    );
  }
}

function differentPeople(first: string | null, second: string | null): boolean {
  return first === null || second === null || first !== second;
}

/**
 * The one four-eyes guard (DOMAIN: Zeichnungsbefugnis): whoever took the first step may not take
 * the second. Each lib passes its own refusal so the established codes and texts stay
 * (DECISION_SAME_APPROVER, PAYMENT_SAME_APPROVER, SETTLEMENT_SAME_APPROVER).
 */
export function assertFourEyes(firstActorId: string | null, secondActorId: string | null, refusal: () => DomainError): void {
  if (!differentPeople(firstActorId, secondActorId)) throw refusal();
}
