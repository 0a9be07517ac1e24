import type { ApiPropertyOptions } from '@nestjs/swagger';

/**
 * What an audit event recorded as the state before or after the change. A free JSON value: mostly
 * an object with the fields of the record (each aggregate has its own snapshot), sometimes a list
 * or a single value; null when there is none (e.g. `before` of a creation).
 */
export type AuditState = { [key: string]: unknown } | unknown[] | string | number | boolean | null;

export const AUDIT_STATE: ApiPropertyOptions = {
  nullable: true,
  description:
    'Protokollierter Zustand: freier JSON-Wert, meist ein Objekt mit den Feldern des Datensatzes (je Objektart verschieden), ' +
    'selten eine Liste oder ein Einzelwert; null, wenn es keinen gibt',
  oneOf: [{ type: 'object', additionalProperties: true }, { type: 'array', items: {} }, { type: 'string' }, { type: 'number' }, { type: 'boolean' }],
};
