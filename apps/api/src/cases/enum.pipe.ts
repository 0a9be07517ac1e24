import { PipeTransform } from '@nestjs/common';
import { DomainError } from '@foerderfluss/core';

/** A path segment that must be one of `values`; anything else names no record and answers 404, like a malformed id. */
export function enumPipe<T extends string>(values: readonly T[]): PipeTransform<string, T> {
  return {
    transform(value: string): T {
      if ((values as readonly string[]).includes(value)) return value as T;
      throw new DomainError('NOT_FOUND', 404, 'Der angeforderte Datensatz wurde nicht gefunden.');
    },
  };
}
