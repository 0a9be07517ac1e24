import { FieldError } from './domain-error';

/** The result of one point of a Prüfcheckliste; OPEN means nobody has decided it yet. */
export type CheckResult = 'OPEN' | 'OK' | 'NOT_OK' | 'NOT_APPLICABLE';

export const CHECK_RESULTS: readonly CheckResult[] = ['OPEN', 'OK', 'NOT_OK', 'NOT_APPLICABLE'];

/** One point of a checklist as data: a code and the one German label the API and letters print. */
export interface ChecklistPoint<C extends string = string> {
  readonly code: C;
  readonly label: string;
}

/** What a reviewer recorded for a point. */
export interface ChecklistEntry {
  code: string;
  result: CheckResult;
  note: string | null;
}

export interface LabelledChecklistEntry extends ChecklistEntry {
  label: string;
}

/**
 * The points of `points` that keep a proposal from going to the second pair of eyes (four eyes
 * with context, issue 16): a point not decided (missing or OPEN), and a point found NOT_OK
 * without a Vermerk saying why, since the approver must be able to follow it. One field error per
 * point, addressed `checklist.<CODE>`, in German. `noteOnNotOk: false` where the checklist is
 * derived from a record that can no longer be edited (the completed Prüfvermerk).
 */
export function checklistGaps(
  points: readonly ChecklistPoint[],
  entries: readonly ChecklistEntry[] | null | undefined,
  options: { basePath?: string; noteOnNotOk?: boolean } = {},
): FieldError[] {
  const basePath = options.basePath ?? 'checklist';
  const errors: FieldError[] = [];
  for (const p of points) {
    const entry = entries?.find((e) => e.code === p.code);
    if (!entry || entry.result === 'OPEN') {
      errors.push({ path: `${basePath}.${p.code}`, message: `Der Prüfpunkt „${p.label}“ ist noch offen.` });
    } else if (entry.result === 'NOT_OK' && options.noteOnNotOk !== false && !entry.note?.trim()) {
      errors.push({ path: `${basePath}.${p.code}`, message: `Der Prüfpunkt „${p.label}“ ist nicht erfüllt: bitte im Vermerk begründen.` });
    }
  }
  return errors;
}

/** The checklist in the order of its definition, each point with its label; undecided points read OPEN. */
export function labelledChecklist(points: readonly ChecklistPoint[], entries: readonly ChecklistEntry[] | null | undefined): LabelledChecklistEntry[] {
  return points.map((p) => {
    const entry = entries?.find((e) => e.code === p.code);
    return { code: p.code, label: p.label, result: entry?.result ?? 'OPEN', note: entry?.note ?? null };
  });
}

/**
 * The German sentence naming what is missing, for the `detail` of a 409: "Es fehlt noch: der
 * Prüfpunkt „Antrag vollständig“, die Begründung des Votums." Each error's own message is the
 * precise one; this line lets a reader see everything at once.
 */
export function missingDetail(intro: string, missing: readonly string[]): string {
  return `${intro} Es fehlt noch: ${missing.join(', ')}.`;
}
