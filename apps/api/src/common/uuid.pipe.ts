import { ParseUUIDPipe } from '@nestjs/common';
import { DomainError } from '@foerderfluss/core';

/**
 * A malformed id can name no record, so it answers 404 like a missing one: callers cannot
 * tell "wrong format" from "exists but not yours".
 */
export const uuidPipe = new ParseUUIDPipe({
  exceptionFactory: () => new DomainError('NOT_FOUND', 404, 'Der angeforderte Datensatz wurde nicht gefunden.'),
});
