import 'reflect-metadata';
import { FieldError } from '@foerderfluss/core';

/**
 * Text a client sends is checked before anything reads it (issue 18 item 2):
 * - control characters (Unicode Cc: C0, DEL, C1) are refused in every string and every key of a
 *   body, a query and a path parameter: PostgreSQL cannot store NUL in text or jsonb (a 500 would
 *   follow), and the others are never typed by a person, so they are a client's mistake or an attack;
 * - tab, CR and LF are the exception, and only in fields declared `@MultiLineText()` (a Sachbericht,
 *   a Begründung, a note: what the web shows as a textarea); a name, a number or a code is one line;
 * - a body nested deeper than JSON_MAX_DEPTH is refused before class-transformer walks it
 *   recursively (thousands of levels overflow its stack).
 * Each refusal is a 400 problem+json naming the field, in German.
 */

const MULTI_LINE = Symbol('ff:multiLineText');

/** This string field (or each string of this array) may contain tab, CR and LF. */
export function MultiLineText(): PropertyDecorator {
  return (target: object, propertyKey: string | symbol) => Reflect.defineMetadata(MULTI_LINE, true, target, propertyKey);
}

function isMultiLine(instance: object, key: string): boolean {
  return Reflect.getMetadata(MULTI_LINE, instance, key) === true;
}

const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;

/** A control character (Cc), other than tab/CR/LF when `lineBreaks` are allowed. */
function forbiddenCode(code: number, lineBreaks: boolean): boolean {
  if (lineBreaks && (code === TAB || code === LF || code === CR)) return false;
  return code <= 0x1f || (code >= 0x7f && code <= 0x9f);
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/**
 * The first forbidden code unit: a control character, or half of a UTF-16 surrogate pair. JSON may
 * carry a lone surrogate ("\ud800"), which is no character at all: stored it would turn into U+FFFD
 * or fail deep below (the random-body property test met a 500 with one), so it is refused here.
 */
function firstForbidden(text: string, lineBreaks: boolean): number | null {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (forbiddenCode(code, lineBreaks)) return code;
    if (isHighSurrogate(code)) {
      if (i + 1 < text.length && isLowSurrogate(text.charCodeAt(i + 1))) {
        i++;
        continue;
      }
      return code;
    }
    if (isLowSurrogate(code)) return code;
  }
  return null;
}

function describe(code: number): string {
  if (isHighSurrogate(code) || isLowSurrogate(code)) return `ein ungültiges Zeichen (ein halbes Unicode-Zeichenpaar, U+${code.toString(16).toUpperCase()})`;
  if (code === 0) return 'ein NUL-Zeichen';
  if (code === TAB) return 'einen Tabulator';
  if (code === LF || code === CR) return 'einen Zeilenumbruch';
  return `ein Steuerzeichen (U+${code.toString(16).toUpperCase().padStart(4, '0')})`;
}

function textMessage(code: number, multiLineAllowed: boolean): string {
  if (!multiLineAllowed && (code === TAB || code === LF || code === CR)) {
    return `Der Text enthält ${describe(code)}; dieses Feld ist einzeilig. Bitte ohne Zeilenumbruch und Tabulator eingeben.`;
  }
  return `Der Text enthält ${describe(code)}; solche Zeichen sind nicht zulässig. Bitte den Text ohne Steuerzeichen eingeben (oft hilft es, ihn neu zu tippen statt einzufügen).`;
}

/** A key as it can be shown in a path: control characters escaped, so the message itself stays clean. */
function showKey(key: string): string {
  return firstForbidden(key, false) === null ? key : JSON.stringify(key).slice(1, -1).replace(/[\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function joinPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return parent ? `${parent}.${showKey(key)}` : showKey(key);
}

const MAX_ERRORS = 20;

export interface RawCheckOptions {
  /** Deepest nesting allowed (the value itself at depth 1 when it is an object or array). */
  maxDepth: number;
  /** Tab/CR/LF are left to the DTO check (a body); a query or path parameter is always one line. */
  lineBreaks: boolean;
  /** The path of the value itself ('' for a whole body or query object). */
  path: string;
}

/**
 * Walks a parsed JSON value without recursion (so no input can overflow the stack here) and names
 * every string or key with a control character, and the first place nested deeper than allowed.
 */
export function rawInputProblems(value: unknown, options: RawCheckOptions): FieldError[] {
  const errors: FieldError[] = [];
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: options.path, depth: 1 }];
  while (stack.length > 0 && errors.length < MAX_ERRORS) {
    const { value: v, path, depth } = stack.pop()!;
    if (typeof v === 'string') {
      const code = firstForbidden(v, options.lineBreaks);
      if (code !== null) errors.push({ path, message: textMessage(code, options.lineBreaks) });
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (depth > options.maxDepth) {
      return [{ path, message: `Die Daten sind zu tief verschachtelt (höchstens ${options.maxDepth} Ebenen).` }];
    }
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], path: joinPath(path, i), depth: depth + 1 });
      continue;
    }
    const keys = Object.keys(v);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i]!;
      const childPath = joinPath(path, key);
      const code = firstForbidden(key, false);
      if (code !== null) {
        errors.push({ path: childPath, message: `Der Feldname enthält ${describe(code)}; solche Zeichen sind nicht zulässig.` });
        continue;
      }
      stack.push({ value: (v as Record<string, unknown>)[key], path: childPath, depth: depth + 1 });
    }
  }
  return errors;
}

/**
 * After the DTO transformation: tab, CR or LF in a string that no `@MultiLineText()` field holds.
 * A string inside a plain object or array belongs to the nearest DTO property above it. The raw
 * check ran first, so the depth here is bounded and no other control character is left.
 */
export function lineBreakProblems(dto: unknown, path = ''): FieldError[] {
  const errors: FieldError[] = [];
  const stack: { value: unknown; path: string; multiLine: boolean }[] = [{ value: dto, path, multiLine: false }];
  while (stack.length > 0 && errors.length < MAX_ERRORS) {
    const { value: v, path: p, multiLine } = stack.pop()!;
    if (typeof v === 'string') {
      if (!multiLine) {
        const code = firstForbidden(v, false);
        if (code !== null) errors.push({ path: p, message: textMessage(code, false) });
      }
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], path: joinPath(p, i), multiLine });
      continue;
    }
    const isDto = Object.getPrototypeOf(v) !== Object.prototype && Object.getPrototypeOf(v) !== null;
    const keys = Object.keys(v);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i]!;
      stack.push({ value: (v as Record<string, unknown>)[key], path: joinPath(p, key), multiLine: isDto ? isMultiLine(v, key) : multiLine });
    }
  }
  return errors;
}
