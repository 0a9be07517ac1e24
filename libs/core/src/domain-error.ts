/** One field-level problem, addressed by a JSON path such as `costLines[2].amount`. */
export interface FieldError {
  path: string;
  message: string;
}

/**
 * The only error type business code throws. The api's global filter turns it into
 * application/problem+json; `detail` and field messages are German because a Träger reads them.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly detail: string,
    readonly errors: FieldError[] = [],
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(`${code}: ${detail}`);
    this.name = 'DomainError';
  }
}

/** 400 with field errors: the input itself is malformed. */
export function validationError(errors: FieldError[], detail = 'Die Eingaben sind ungültig.'): DomainError {
  return new DomainError('VALIDATION_FAILED', 400, detail, errors);
}

export function notFound(code: string, detail: string): DomainError {
  return new DomainError(code, 404, detail);
}

export function conflict(code: string, detail: string, extensions: Record<string, unknown> = {}): DomainError {
  return new DomainError(code, 409, detail, [], extensions);
}

export function forbidden(code: string, detail: string): DomainError {
  return new DomainError(code, 403, detail);
}

export function unprocessable(code: string, detail: string, errors: FieldError[] = []): DomainError {
  return new DomainError(code, 422, detail, errors);
}
