import { applyDecorators, Injectable, PipeTransform } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, registerDecorator, ValidationArguments } from 'class-validator';
import { FieldError, validationError } from '@foerderfluss/core';
import { ReferenceDataService } from '@foerderfluss/programmes';
import { IsIsoDate } from './validators';

/**
 * The query parameters every list shares, declared once: `sort=field,-field`, `status=A,B`, Träger,
 * Handlungsfeld, Sozialraum, Haushaltsjahr and due dates. A list's DTO names the ones its record
 * has; the repository's `filters` apply them. Lists in OpenAPI carry the sort keys and statuses as
 * enums, written comma-separated (`style: form, explode: false`); repeating the parameter
 * (`status=A&status=B`) is understood too.
 */

/** OpenAPI's way of saying "one parameter, values separated by commas" (not in Nest's option types). */
const COMMA_SEPARATED = { style: 'form', explode: false } as object;

/** "A,B" or ["A", "B,C"] → ["A", "B", "C"]; nothing left → undefined (no filter). */
function splitList({ value }: { value: unknown }): unknown {
  if (value === undefined || value === null) return undefined;
  const parts = (Array.isArray(value) ? value : [value]).flatMap((v) => (typeof v === 'string' ? v.split(',') : [v]));
  const cleaned = parts.map((p) => (typeof p === 'string' ? p.trim() : p)).filter((p) => p !== '');
  return cleaned.length > 0 ? cleaned : undefined;
}

/** Every entry a declared sort key, with or without "-"; the message names the first unknown one and the possible keys. */
function IsSortOf(keys: readonly string[]): PropertyDecorator {
  const known = (entry: unknown): boolean => typeof entry === 'string' && keys.includes(entry.startsWith('-') ? entry.slice(1) : entry);
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isSortOf',
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (value: unknown) => Array.isArray(value) && value.every(known),
        defaultMessage: (args?: ValidationArguments) => {
          const wrong = (Array.isArray(args?.value) ? (args.value as unknown[]) : [args?.value]).find((e) => !known(e));
          const field = typeof wrong === 'string' ? wrong.replace(/^-/, '') : String(wrong);
          return `Nach „${field}“ kann diese Liste nicht sortiert werden. Möglich: ${keys.join(', ')}.`;
        },
      },
    });
}

/** `sort=field,-field` over the keys the list's repository declares (its exported `…_SORT_KEYS`). */
export function SortParam(keys: readonly string[], example: string): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      description: `Sortierung: Feldnamen mit Komma getrennt, „-“ davor absteigend, z. B. „${example}“. Möglich: ${keys.join(', ')}. Ein unbekanntes Feld wird mit 400 abgelehnt.`,
      type: String,
      isArray: true,
      enum: keys.flatMap((k) => [k, `-${k}`]),
      ...COMMA_SEPARATED,
    }),
    IsOptional(),
    Transform(splitList),
    IsArray(),
    ArrayMaxSize(5),
    IsSortOf(keys),
  );
}

/** `status=A` or `status=A,B`: rows in any of these statuses. */
export function StatusParam(values: readonly string[], enumName: string): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ description: 'Status, mehrere mit Komma getrennt (einer davon)', enum: values, enumName, isArray: true, ...COMMA_SEPARATED }),
    IsOptional(),
    Transform(splitList),
    IsArray(),
    ArrayMaxSize(values.length),
    IsIn(values, { each: true }),
  );
}

/** The Träger (organisation id). A Träger filtering by another's id gets an empty list: the repository's scope comes first. */
export function ProviderIdParam(): PropertyDecorator {
  return applyDecorators(ApiPropertyOptional({ format: 'uuid', description: 'Träger (Organisations-ID)' }), IsOptional(), IsUUID());
}

const CODE = /^[A-Z0-9_]{1,60}$/;

/** Handlungsfeld code of the reference data (GET /api/v1/reference/fields-of-action); an unknown code is a 400 (`ReferenceCodesPipe`). */
export function FieldOfActionParam(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ description: 'Handlungsfeld (Code aus /api/v1/reference/fields-of-action)', example: 'LABOUR_MARKET' }),
    IsOptional(),
    IsString(),
    Matches(CODE, { message: 'Bitte den Code eines Handlungsfelds angeben, z. B. LABOUR_MARKET.' }),
  );
}

/** Sozialraum code of the reference data (GET /api/v1/reference/social-areas); an unknown code is a 400 (`ReferenceCodesPipe`). */
export function SocialAreaParam(description = 'Sozialraum (Code aus /api/v1/reference/social-areas)'): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ description, example: 'ALTENBURG' }),
    IsOptional(),
    IsString(),
    Matches(CODE, { message: 'Bitte den Code eines Sozialraums angeben, z. B. ALTENBURG.' }),
  );
}

/** Haushaltsjahr as the year (2026). */
export function BudgetYearParam(): PropertyDecorator {
  return applyDecorators(ApiPropertyOptional({ description: 'Haushaltsjahr, z. B. 2026', minimum: 2000, maximum: 2100 }), IsOptional(), Type(() => Number), IsInt(), Min(2000), Max(2100));
}

/** `dueAfter` / `dueBefore` (inclusive); `meaning` says what "due" is for this list. */
export function DueParam(side: 'after' | 'before', meaning: string): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ format: 'date', description: `fällig ${side === 'after' ? 'am oder nach' : 'am oder vor'} diesem Tag; fällig heißt hier: ${meaning}` }),
    IsOptional(),
    IsIsoDate(),
  );
}

/** Free text (a search term): no NUL or other control characters, which PostgreSQL refuses in text. */
export function TextParam(description: string, minLength = 1): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ description, minLength, maxLength: 100 }),
    IsOptional(),
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value)),
    IsString(),
    NoControlCharacters(),
    MaxLength(100),
  );
}

/** Refuses NUL and the other C0 control characters (PostgreSQL cannot store NUL in text; a 500 would follow). */
export function NoControlCharacters(): PropertyDecorator {
  // Spelled as code points: a literal control character in a regular expression is easy to misread.
  const CONTROL = new RegExp(`[${String.fromCharCode(0)}-${String.fromCharCode(0x1f)}${String.fromCharCode(0x7f)}]`);
  return fixedMessageConstraint((value) => typeof value !== 'string' || !CONTROL.test(value), 'noControlCharacters', 'Der Text enthält unzulässige Steuerzeichen.');
}

/** A one-off class-validator constraint with a fixed German message. */
function fixedMessageConstraint(validate: (value: unknown) => boolean, name: string, message: string): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({ name, target: target.constructor, propertyName: String(propertyName), validator: { validate, defaultMessage: () => message } });
}

interface WithReferenceCodes {
  fieldOfAction?: string;
  socialArea?: string;
  socialAreaCode?: string;
}

/**
 * Checks the Handlungsfeld and Sozialraum codes of a list query against the reference data: an
 * unknown code is a 400 naming the parameter and the possible codes, not an empty list that
 * looks like "nothing there". Applied as `@Query(ReferenceCodesPipe)`, after the DTO's validation.
 */
@Injectable()
export class ReferenceCodesPipe implements PipeTransform<WithReferenceCodes, Promise<WithReferenceCodes>> {
  constructor(private readonly reference: ReferenceDataService) {}

  async transform(value: WithReferenceCodes): Promise<WithReferenceCodes> {
    const errors: FieldError[] = [];
    if (value?.fieldOfAction !== undefined) {
      const codes = (await this.reference.fieldsOfAction()).map((f) => f.code);
      if (!codes.includes(value.fieldOfAction)) errors.push({ path: 'fieldOfAction', message: `Ein Handlungsfeld „${value.fieldOfAction}“ gibt es nicht. Möglich: ${codes.join(', ')}.` });
    }
    for (const path of ['socialArea', 'socialAreaCode'] as const) {
      const code = value?.[path];
      if (code === undefined) continue;
      const codes = (await this.reference.socialAreas()).map((s) => s.code);
      if (!codes.includes(code)) errors.push({ path, message: `Einen Sozialraum „${code}“ gibt es nicht. Möglich: ${codes.join(', ')}.` });
    }
    if (errors.length > 0) throw validationError(errors);
    return value;
  }
}
