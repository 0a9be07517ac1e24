/**
 * Every error of the API is application/problem+json with a German `detail` and `errors[]`
 * ({path, message}) naming the fields. ApiError carries it to the page, which shows the field
 * errors next to their fields and the rest in one alert.
 */
export interface FieldProblem {
  path: string;
  message: string;
}

export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  code?: string;
  errors?: FieldProblem[];
  requestId?: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string | undefined;
  readonly detail: string;
  readonly fieldErrors: FieldProblem[];
  readonly requestId: string | undefined;

  constructor(problem: Problem) {
    const detail = problem.detail || problem.title || fallbackDetail(problem.status);
    super(detail);
    this.name = 'ApiError';
    this.status = problem.status;
    this.code = problem.code;
    this.detail = detail;
    this.fieldErrors = Array.isArray(problem.errors) ? problem.errors.filter((e) => e && typeof e.path === 'string') : [];
    this.requestId = problem.requestId;
  }

  get isNotFound(): boolean {
    return this.status === 404;
  }
}

export function fallbackDetail(status: number): string {
  if (status === 0) return 'Der Server ist nicht erreichbar. Bitte prüfen Sie die Verbindung und versuchen Sie es erneut.';
  if (status === 401) return 'Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.';
  if (status === 403) return 'Dafür fehlt Ihnen die Berechtigung.';
  if (status === 404) return 'Nicht gefunden.';
  if (status === 409) return 'Der Vorgang passt nicht zum aktuellen Stand. Bitte laden Sie die Seite neu.';
  if (status === 413) return 'Die Anfrage ist zu groß.';
  if (status === 429) return 'Zu viele Anfragen. Bitte warten Sie einen Moment.';
  if (status >= 500) return 'Auf dem Server ist ein Fehler aufgetreten. Bitte versuchen Sie es später erneut.';
  return 'Die Anfrage konnte nicht verarbeitet werden.';
}

/** Reads a problem body from whatever the server sent (JSON problem, plain JSON, or nothing). */
export function toProblem(status: number, body: unknown): Problem {
  if (body && typeof body === 'object') {
    const b = body as Record<string, unknown>;
    return {
      status,
      type: typeof b.type === 'string' ? b.type : undefined,
      title: typeof b.title === 'string' ? b.title : undefined,
      detail: typeof b.detail === 'string' ? b.detail : undefined,
      code: typeof b.code === 'string' ? b.code : undefined,
      errors: Array.isArray(b.errors) ? (b.errors as FieldProblem[]) : [],
      requestId: typeof b.requestId === 'string' ? b.requestId : undefined,
    };
  }
  return { status };
}

/** `financingPlan.costLines.0.amount`, `financingPlan.costLines[0].amount` → one form: dots only. */
export function normalisePath(path: string): string {
  return path.replace(/\[(\d+)\]/g, '.$1').replace(/^\./, '');
}

/** Field errors by normalised path; the first message per field wins. */
export function fieldErrorMap(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (error instanceof ApiError) {
    for (const e of error.fieldErrors) {
      const p = normalisePath(e.path);
      if (p && !(p in out)) out[p] = e.message;
    }
  }
  return out;
}
