import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CalendarDate, Clock, DomainError, hasRole, Role, Scope } from '@foerderfluss/core';
import { pgErrorCode, TransactionRunner } from '@foerderfluss/database';
import { AuditService } from '@foerderfluss/audit';
import {
  isProgrammeParameterCode,
  parameterDefinition,
  parseParameterValue,
  PROGRAMME_PARAMETER_CODES,
  ProgrammeParameterCode,
  ProgrammeParameterField,
  ProgrammeParameterValues,
} from './parameter-definitions';
import { Programme } from './programme.entity';
import { ProgrammeParameter } from './programme-parameter.entity';
import { ProgrammeParameterDefinition } from './programme-parameter-definition.entity';
import { ProgrammesService } from './programmes.service';
import { ProgrammeParameterRepository } from './programme-parameter.repository';
import {
  adminOnly,
  parameterMissing,
  parameterNotFound,
  parameterValidFromTaken,
  parameterValueInvalid,
  stale,
} from './programmes.errors';

/** Which stored value a typed parameter came from, so a result can say what it used. */
export interface ParameterValueSource {
  id: string;
  code: ProgrammeParameterCode;
  value: string;
  validFrom: string;
}

export interface ParametersInForce {
  programme: Programme;
  onDate: CalendarDate;
  values: ProgrammeParameterValues;
  sources: Record<ProgrammeParameterField, ParameterValueSource>;
}

export interface ParameterOverview {
  definition: ProgrammeParameterDefinition;
  label: string;
  /** Newest first. */
  values: ProgrammeParameter[];
  /** The value in force on the day asked for, if any. */
  inForce: ProgrammeParameter | null;
}

export interface NewParameterValue {
  value: string;
  validFrom: string;
}

export interface ParameterValueCorrection {
  value?: string;
  validFrom?: string;
  /** Optimistic lock: the version the admin saw. */
  version?: number;
}

/** Why a calculation took the parameters in force on its day. */
export type ParameterDayBasis = 'PARAMETERS_ON' | 'CASE_DATE' | 'TODAY';
export const PARAMETER_DAY_BASES: readonly ParameterDayBasis[] = ['PARAMETERS_ON', 'CASE_DATE', 'TODAY'];

/** The day a case concerns, and the request field it was read from (e.g. `periodEnd`). */
export interface CaseDate {
  field: string;
  on: CalendarDate;
}

export interface ParametersForCase extends ParametersInForce {
  basis: ParameterDayBasis;
  /** The case's own day when the request gave one (also when `parametersOn` overrode it). */
  caseDate: CaseDate | null;
}

/** What a calculation asks for: the programme named (or the only one), the day and whether it lacks a value. */
export interface CalculationParameterRequest {
  programmeCode?: string;
  /** Already resolved by the caller (it needed the programme for other checks). */
  programme?: Programme | null;
  /** An explicit day (`parametersOn`), which wins over the case's day. */
  parametersOn?: string;
  caseDate: CaseDate | null;
  /** Every parameter is given in the request: nothing is loaded, a named programme is still checked. */
  complete: boolean;
}

/**
 * The one rule for the day whose parameter values apply to a case: the day the case concerns — for a
 * Festsetzung and the Prüfung of a Verwendungsnachweis the end of the Bewilligungszeitraum
 * (ReviewService.compute, DecisionsService) — unless a day is named explicitly; without either,
 * today. Never before the programme starts: its first values hold from then on, so e.g. interest
 * for a period before the programme still finds a surcharge.
 */
export function parameterDay(
  sel: { parametersOn?: string; caseDate: CaseDate | null },
  today: CalendarDate,
  programmeStart: string,
): { on: CalendarDate; basis: ParameterDayBasis } {
  const chosen: { on: CalendarDate; basis: ParameterDayBasis } = sel.parametersOn
    ? { on: CalendarDate.parse(sel.parametersOn, 'parametersOn'), basis: 'PARAMETERS_ON' }
    : sel.caseDate
      ? { on: sel.caseDate.on, basis: 'CASE_DATE' }
      : { on: today, basis: 'TODAY' };
  return { on: CalendarDate.max(chosen.on, CalendarDate.parse(programmeStart)), basis: chosen.basis };
}

/** Plain JSON for audit before/after. */
export function parameterSnapshot(p: ProgrammeParameter, programmeCode: string): Record<string, unknown> {
  return { id: p.id, programmeCode, code: p.code, value: p.value, validFrom: p.validFrom, version: p.version };
}

/** The value in force on `onDate`: the one with the latest validFrom on or before it. */
export function valueInForce<T extends { validFrom: string }>(values: readonly T[], onDate: CalendarDate): T | null {
  const day = onDate.toISOString();
  let found: T | null = null;
  for (const v of values) if (v.validFrom <= day && (!found || v.validFrom > found.validFrom)) found = v;
  return found;
}

@Injectable()
export class ParametersService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly programmes: ProgrammesService,
    private readonly clock: Clock,
    private readonly values: ProgrammeParameterRepository,
  ) {}

  /** The parameters for a case, on the day `parameterDay` chooses, saying which day and why. */
  async forCase(programmeRef: string | Programme, sel: { parametersOn?: string; caseDate: CaseDate | null }): Promise<ParametersForCase> {
    const programme = typeof programmeRef === 'string' ? await this.programmes.getProgramme(programmeRef) : programmeRef;
    const day = parameterDay(sel, this.clock.today(), programme.validFrom);
    return { ...(await this.inForceDetailed(programme, day.on)), basis: day.basis, caseDate: sel.caseDate };
  }

  /**
   * For a what-if calculation: loads the programme's parameters only if the request leaves one out;
   * a named programme is checked in any case, so a typo in programmeCode never goes unnoticed.
   */
  async forCalculation(req: CalculationParameterRequest): Promise<{ programme: Programme | null; inForce: ParametersForCase | null }> {
    const lookUp = !req.complete || req.programmeCode !== undefined;
    const programme = req.programme ?? (lookUp ? await this.programmes.resolve(req.programmeCode) : null);
    if (req.complete || !programme) return { programme, inForce: null };
    return { programme, inForce: await this.forCase(programme, req) };
  }

  /** Every parameter of the programme, typed, as in force on `onDate`. 422 if one is missing. */
  async inForce(programme: string | Programme, onDate: CalendarDate): Promise<ProgrammeParameterValues> {
    return (await this.inForceDetailed(programme, onDate)).values;
  }

  async inForceDetailed(programmeRef: string | Programme, onDate: CalendarDate): Promise<ParametersInForce> {
    const em = this.tx.manager;
    const programme = typeof programmeRef === 'string' ? await this.programmes.getProgramme(programmeRef, em) : programmeRef;
    const rows = await this.values.validOnOrBefore(em, programme.id, onDate.toISOString());
    const values: Partial<Record<ProgrammeParameterField, unknown>> = {};
    const sources: Partial<Record<ProgrammeParameterField, ParameterValueSource>> = {};
    for (const code of PROGRAMME_PARAMETER_CODES) {
      const def = parameterDefinition(code);
      const row = valueInForce(
        rows.filter((r) => r.code === code),
        onDate,
      );
      if (!row) throw parameterMissing(programme.shortTitle, code, def.label, onDate.toISOString());
      const parsed = parseParameterValue(def.unit, row.value);
      if (!parsed.ok) {
        // Only possible after a manual database edit: every write path validates.
        throw new DomainError(
          'PROGRAMME_PARAMETER_CORRUPT',
          422,
          `Der gespeicherte Wert „${row.value}“ des Parameters „${def.label}“ (${code}) ab ${CalendarDate.parse(row.validFrom).toGermanString()} ist ungültig: ${parsed.message}`,
        );
      }
      values[def.field] = parsed.value;
      sources[def.field] = { id: row.id, code, value: row.value, validFrom: row.validFrom };
    }
    // Complete: PROGRAMME_PARAMETER_DEFINITIONS fills every field (checked at compile time).
    return {
      programme,
      onDate,
      values: values as ProgrammeParameterValues,
      sources: sources as Record<ProgrammeParameterField, ParameterValueSource>,
    };
  }

  /** The parameter screen: each definition with its dated values and the one in force on `on` (default today). */
  async list(programmeRef: string, on?: string | CalendarDate): Promise<{ programme: Programme; on: CalendarDate; parameters: ParameterOverview[] }> {
    const onDate = on === undefined ? this.clock.today() : typeof on === 'string' ? CalendarDate.parse(on, 'on') : on;
    const em = this.tx.manager;
    const programme = await this.programmes.getProgramme(programmeRef, em);
    const [definitions, rows] = await Promise.all([
      this.values.definitions(em),
      this.values.values(em, programme.id),
    ]);
    const parameters = definitions.map((definition) => {
      const values = rows.filter((r) => r.code === definition.code);
      return {
        definition,
        label: isProgrammeParameterCode(definition.code) ? parameterDefinition(definition.code).label : definition.code,
        values,
        inForce: valueInForce(values, onDate),
      };
    });
    return { programme, on: onDate, parameters };
  }

  /** A new dated value (e.g. a changed Bagatellgrenze from next year on). */
  async addValue(scope: Scope, programmeRef: string, code: string, input: NewParameterValue): Promise<ProgrammeParameter> {
    assertAdmin(scope);
    const definition = this.definitionOf(code);
    const value = canonicalValue(definition.unit, input.value);
    const validFrom = CalendarDate.parse(input.validFrom, 'validFrom').toISOString();
    return this.tx.run(async (em) => {
      const programme = await this.programmes.getProgramme(programmeRef, em);
      const row = em.create(ProgrammeParameter, { programmeId: programme.id, code, value, validFrom });
      try {
        await em.save(ProgrammeParameter, row);
      } catch (err) {
        if (pgErrorCode(err) === '23505') throw parameterValidFromTaken(code, validFrom);
        throw err;
      }
      await this.audit.record(em, scope, {
        action: 'programme.parameter.create',
        entity: 'ProgrammeParameter',
        entityId: row.id,
        after: parameterSnapshot(row, programme.code),
      });
      return row;
    });
  }

  /** Correct a stored value or its valid-from date; a no-op writes nothing. */
  async correctValue(
    scope: Scope,
    programmeRef: string,
    code: string,
    id: string,
    input: ParameterValueCorrection,
  ): Promise<ProgrammeParameter> {
    assertAdmin(scope);
    const definition = this.definitionOf(code);
    const value = input.value === undefined ? undefined : canonicalValue(definition.unit, input.value);
    const validFrom = input.validFrom === undefined ? undefined : CalendarDate.parse(input.validFrom, 'validFrom').toISOString();
    return this.tx.run(async (em) => {
      const programme = await this.programmes.getProgramme(programmeRef, em);
      const row = await this.lockValue(em, programme.id, code, id);
      if (input.version !== undefined && input.version !== row.version) throw stale('Der Parameterwert');
      const before = parameterSnapshot(row, programme.code);
      if (value !== undefined) row.value = value;
      if (validFrom !== undefined) row.validFrom = validFrom;
      if (row.value === before.value && row.validFrom === before.validFrom) return row;
      try {
        await em.save(ProgrammeParameter, row);
      } catch (err) {
        if (pgErrorCode(err) === '23505') throw parameterValidFromTaken(code, row.validFrom);
        throw err;
      }
      await this.audit.record(em, scope, {
        action: 'programme.parameter.correct',
        entity: 'ProgrammeParameter',
        entityId: row.id,
        before,
        after: parameterSnapshot(row, programme.code),
      });
      return row;
    });
  }

  private definitionOf(code: string): ReturnType<typeof parameterDefinition> {
    if (!isProgrammeParameterCode(code)) throw parameterNotFound();
    return parameterDefinition(code);
  }

  private async lockValue(em: EntityManager, programmeId: string, code: string, id: string): Promise<ProgrammeParameter> {
    const row = await this.values.lockValue(em, programmeId, code, id);
    if (!row) throw parameterNotFound();
    return row;
  }
}

function canonicalValue(unit: Parameters<typeof parseParameterValue>[0], raw: string): string {
  const parsed = parseParameterValue(unit, raw);
  if (!parsed.ok) throw parameterValueInvalid(parsed.message);
  return parsed.canonical;
}

function assertAdmin(scope: Scope): void {
  if (!hasRole(scope, Role.ADMIN)) throw adminOnly();
}
