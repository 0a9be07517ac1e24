import { ArgumentMetadata, ValidationError, ValidationPipe, ValidationPipeOptions } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { FieldError, validationError } from '@foerderfluss/core';
import { lineBreakProblems, rawInputProblems } from './text-input';

/**
 * German messages for class-validator constraints, with the decorator's own arguments
 * (looked up in class-validator's metadata), so DTOs need no per-field message boilerplate.
 */
const MESSAGES: Partial<Record<string, (args: unknown[]) => string>> = {
  whitelistValidation: () => 'Dieses Feld ist nicht vorgesehen und darf nicht gesendet werden.',
  isDefined: () => 'Dieses Feld ist erforderlich.',
  isNotEmpty: () => 'Dieses Feld darf nicht leer sein.',
  isString: () => 'Bitte einen Text angeben.',
  isBoolean: () => 'Bitte true oder false angeben.',
  isInt: () => 'Bitte eine ganze Zahl angeben.',
  isNumber: () => 'Bitte eine Zahl angeben.',
  isArray: () => 'Bitte eine Liste angeben.',
  isObject: () => 'Bitte ein Objekt angeben.',
  nestedValidation: () => 'Bitte ein Objekt mit den vorgesehenen Feldern angeben.',
  isEmail: () => 'Bitte eine gültige E-Mail-Adresse angeben.',
  isUuid: () => 'Bitte eine gültige ID (UUID) angeben.',
  isUUID: () => 'Bitte eine gültige ID (UUID) angeben.',
  isEnum: (a) => `Erlaubt sind nur diese Werte: ${enumValues(a[0]).join(', ')}.`,
  isIn: (a) => `Erlaubt sind nur diese Werte: ${(Array.isArray(a[0]) ? a[0] : []).join(', ')}.`,
  isISO8601: () => 'Bitte ein Datum im Format JJJJ-MM-TT angeben.',
  isDateString: () => 'Bitte ein Datum im Format JJJJ-MM-TT angeben.',
  isIsoDate: () => 'Bitte ein gültiges Datum im Format JJJJ-MM-TT angeben.',
  isDecimalAmount: () => 'Bitte einen Betrag als Dezimalzahl mit höchstens zwei Nachkommastellen angeben, z. B. "1234.56".',
  minLength: (a) => `Bitte mindestens ${String(a[0])} Zeichen angeben.`,
  maxLength: (a) => `Bitte höchstens ${String(a[0])} Zeichen angeben.`,
  min: (a) => `Der Wert muss mindestens ${String(a[0])} sein.`,
  max: (a) => `Der Wert darf höchstens ${String(a[0])} sein.`,
  arrayMinSize: (a) => `Bitte mindestens ${String(a[0])} Einträge angeben.`,
  arrayMaxSize: (a) => `Bitte höchstens ${String(a[0])} Einträge angeben.`,
  arrayUnique: () => 'Jeder Eintrag darf nur einmal vorkommen.',
  matches: () => 'Das Format ist ungültig.',
  isPostalCode: () => 'Bitte eine gültige Postleitzahl angeben.',
  isPhoneNumber: () => 'Bitte eine gültige Telefonnummer angeben.',
};

function enumValues(e: unknown): string[] {
  if (e && typeof e === 'object') return [...new Set(Object.values(e as Record<string, unknown>).map(String))];
  return [];
}

function constraintArgs(target: object | undefined, property: string, constraint: string): unknown[] {
  if (!target) return [];
  const metas = getMetadataStorage().getTargetValidationMetadatas(
    target.constructor as new () => unknown,
    '',
    true,
    false,
  );
  const meta = metas.find(
    (m) => m.propertyName === property && (m.name === constraint || m.type === constraint),
  );
  return (meta?.constraints as unknown[] | undefined) ?? [];
}

function joinPath(parent: string, property: string): string {
  if (/^\d+$/.test(property)) return `${parent}[${property}]`;
  return parent ? `${parent}.${property}` : property;
}

export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    const path = joinPath(parent, e.property);
    for (const [key, englishMessage] of Object.entries(e.constraints ?? {})) {
      const german = MESSAGES[key];
      // Messages set explicitly on a decorator are already German; keep them.
      const message = german && !hasCustomMessage(e.target, e.property, key) ? german(constraintArgs(e.target, e.property, key)) : englishMessage;
      out.push({ path, message });
    }
    if (e.children && e.children.length > 0) out.push(...flattenValidationErrors(e.children, path));
  }
  return out;
}

function hasCustomMessage(target: object | undefined, property: string, constraint: string): boolean {
  if (!target) return false;
  const metas = getMetadataStorage().getTargetValidationMetadatas(target.constructor as new () => unknown, '', true, false);
  return metas.some(
    (m) => m.propertyName === property && (m.name === constraint || m.type === constraint) && m.message !== undefined,
  );
}

type MetadataStorage = ReturnType<typeof getMetadataStorage>;
type Lookup = MetadataStorage['getTargetValidationMetadatas'];

/**
 * class-validator looks up a DTO's rules on every validation by walking the rules of every DTO
 * class in the app (an `instanceof` per class, for inherited rules): ~2 % of the api's CPU in
 * bench:api for a GET with a query DTO. The rules of a class are complete once the class is
 * defined (decorators run at definition, a parent before its children), so the answer per class
 * and options never changes and is kept. Idempotent.
 */
export function memoiseValidationMetadata(storage: MetadataStorage = getMetadataStorage()): void {
  const marked = storage as MetadataStorage & { ffMemoised?: true };
  if (marked.ffMemoised) return;
  marked.ffMemoised = true;
  const lookup: Lookup = storage.getTargetValidationMetadatas.bind(storage);
  const cache = new WeakMap<object, Map<string, ReturnType<Lookup>>>();
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    let perTarget = cache.get(target);
    if (!perTarget) cache.set(target, (perTarget = new Map()));
    const key = `${schema}\u0000${String(always)}\u0000${String(strictGroups)}\u0000${(groups ?? []).join('\u0001')}`;
    let found = perTarget.get(key);
    if (!found) perTarget.set(key, (found = lookup(target, schema, always, strictGroups, groups)));
    return found;
  };
}

/**
 * class-validator's pipe with the text checks of `text-input.ts` around it: before the DTO is
 * built (depth, control characters in every string and key of body, query and path parameters)
 * and after (tab/CR/LF only in `@MultiLineText()` fields of a body DTO).
 */
export class InputValidationPipe extends ValidationPipe {
  constructor(
    private readonly maxDepth: number,
    options: ValidationPipeOptions,
  ) {
    super(options);
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const { type } = metadata;
    if (type === 'body' || type === 'query' || type === 'param') {
      // A query or path parameter is always one line; a body's line breaks are the DTO's to allow.
      const raw = rawInputProblems(value, { maxDepth: this.maxDepth, lineBreaks: type === 'body', path: metadata.data ?? '' });
      if (raw.length > 0) throw validationError(raw, raw.length === 1 ? raw[0]!.message : 'Die Eingaben enthalten unzulässige Zeichen oder sind zu tief verschachtelt.');
    }
    const result: unknown = await super.transform(value, metadata);
    if (type === 'body' && isDtoInstance(result)) {
      const lines = lineBreakProblems(result, metadata.data ?? '');
      if (lines.length > 0) throw validationError(lines);
    }
    return result;
  }
}

function isDtoInstance(v: unknown): v is object {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto !== Object.prototype && proto !== null;
}

export function createValidationPipe(maxDepth: number): ValidationPipe {
  memoiseValidationMetadata();
  return new InputValidationPipe(maxDepth, {
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: true, value: false },
    exceptionFactory: (errors) => validationError(flattenValidationErrors(errors)),
  });
}
