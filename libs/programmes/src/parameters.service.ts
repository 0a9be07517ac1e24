import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CalendarDate, Clock, DomainError, hasRole, isStateLevel, Role, Scope } from '@foerderfluss/core';
import { pgErrorCode, TransactionRunner } from '@foerderfluss/database';
import { AuditService } from '@foerderfluss/audit';
import { DistrictSettingRepository } from '@foerderfluss/organisations';
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
import { DistrictProgrammeParameter } from './district-programme-parameter.entity';
import { ProgrammeParameterDefinition } from './programme-parameter-definition.entity';
import { ProgrammesService } from './programmes.service';
import { ProgrammeParameterRepository } from './programme-parameter.repository';
import {
  adminOnly,
  districtNotFound,
  parameterMissing,
  parameterSetByState,
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
  /** The Kreis whose own value it is; null for the programme's value. */
  districtId: string | null;
}

/**
 * Where a new or corrected value goes: the programme's values (the Land's in a Land-wide install,
 * the Kreis's own in a single-Kreis install) or a Kreis's own value of a parameter it may choose.
 */
export type ParameterLevel = 'PROGRAMME' | 'DISTRICT';

/** A stored value of either level. */
export type StoredParameterValue = ProgrammeParameter | DistrictProgrammeParameter;

export interface ParametersInForce {
  programme: Programme;
  onDate: CalendarDate;
  values: ProgrammeParameterValues;
  sources: Record<ProgrammeParameterField, ParameterValueSource>;
}

export interface ParameterOverview {
  definition: ProgrammeParameterDefinition;
  label: string;
  /** The programme's values, newest first. */
  values: ProgrammeParameter[];
  /** The Kreis's own values (newest first); empty without a Kreis or for a parameter the Land sets alone. */
  districtValues: DistrictProgrammeParameter[];
  /** The value in force for the Kreis (its own if it set one, else the programme's) on the day asked for. */
  inForce: StoredParameterValue | null;
  /** Whether the caller may add a value at its level (`writeLevel` of the list). */
  mayAdd: boolean;
}

export interface ParameterList {
  programme: Programme;
  on: CalendarDate;
  /** The Kreis whose values are shown (the caller's own for Kreis staff), null for the programme's alone. */
  district: { id: string; name: string } | null;
  /** Where the caller's new values go; null if the caller may not change parameters. */
  writeLevel: ParameterLevel | null;
  parameters: ParameterOverview[];
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
  /** The Kreis whose own values apply (the caller's), null for the programme's alone. */
  districtId: string | null;
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
export function parameterSnapshot(p: StoredParameterValue, programmeCode: string): Record<string, unknown> {
  const base = { id: p.id, programmeCode, code: p.code, value: p.value, validFrom: p.validFrom, version: p.version };
  return p instanceof DistrictProgrammeParameter ? { ...base, districtId: p.districtId } : base;
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
    private readonly districts: DistrictSettingRepository,
  ) {}

  /**
   * The parameters for a case of the Kreis `districtId` (null: the programme's alone), on the day
   * `parameterDay` chooses, saying which day and why.
   */
  async forCase(
    programmeRef: string | Programme,
    sel: { parametersOn?: string; caseDate: CaseDate | null },
    districtId: string | null,
  ): Promise<ParametersForCase> {
    const programme = typeof programmeRef === 'string' ? await this.programmes.getProgramme(programmeRef) : programmeRef;
    const day = parameterDay(sel, this.clock.today(), programme.validFrom);
    return { ...(await this.inForceDetailed(programme, day.on, districtId)), basis: day.basis, caseDate: sel.caseDate };
  }

  /**
   * For a what-if calculation: loads the programme's parameters only if the request leaves one out;
   * a named programme is checked in any case, so a typo in programmeCode never goes unnoticed.
   */
  async forCalculation(req: CalculationParameterRequest): Promise<{ programme: Programme | null; inForce: ParametersForCase | null }> {
    const lookUp = !req.complete || req.programmeCode !== undefined;
    const programme = req.programme ?? (lookUp ? await this.programmes.resolve(req.programmeCode) : null);
    if (req.complete || !programme) return { programme, inForce: null };
    return { programme, inForce: await this.forCase(programme, req, req.districtId) };
  }

  /**
   * Every parameter of the programme, typed, as in force on `onDate` for the Kreis `districtId`: its
   * own value where it chose one, else the programme's. Null: the programme's values alone (the Land's
   * own steps). 422 if one is missing.
   */
  async inForce(programme: string | Programme, onDate: CalendarDate, districtId: string | null): Promise<ProgrammeParameterValues> {
    return (await this.inForceDetailed(programme, onDate, districtId)).values;
  }

  async inForceDetailed(programmeRef: string | Programme, onDate: CalendarDate, districtId: string | null): Promise<ParametersInForce> {
    const em = this.tx.manager;
    const programme = typeof programmeRef === 'string' ? await this.programmes.getProgramme(programmeRef, em) : programmeRef;
    const day = onDate.toISOString();
    const [programmeRows, districtRows] = await Promise.all([
      this.values.validOnOrBefore(em, programme.id, day),
      districtId ? this.values.districtValidOnOrBefore(em, districtId, programme.id, day) : Promise.resolve([]),
    ]);
    const values: Partial<Record<ProgrammeParameterField, unknown>> = {};
    const sources: Partial<Record<ProgrammeParameterField, ParameterValueSource>> = {};
    for (const code of PROGRAMME_PARAMETER_CODES) {
      const def = parameterDefinition(code);
      const row: StoredParameterValue | null =
        valueInForce(
          districtRows.filter((r) => r.code === code),
          onDate,
        ) ??
        valueInForce(
          programmeRows.filter((r) => r.code === code),
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
      sources[def.field] = { id: row.id, code, value: row.value, validFrom: row.validFrom, districtId: row instanceof DistrictProgrammeParameter ? row.districtId : null };
    }
    // Complete: PROGRAMME_PARAMETER_DEFINITIONS fills every field (checked at compile time).
    return {
      programme,
      onDate,
      values: values as ProgrammeParameterValues,
      sources: sources as Record<ProgrammeParameterField, ParameterValueSource>,
    };
  }

  /**
   * The parameter screen: each definition with its dated values, the Kreis's own values and the one in
   * force for the Kreis on `on` (default today). Kreis staff always see their own Kreis (another
   * Kreis's id is a 404); the Land may name any Kreis or none.
   */
  async list(scope: Scope, programmeRef: string, on?: string | CalendarDate, districtRef?: string): Promise<ParameterList> {
    const onDate = on === undefined ? this.clock.today() : typeof on === 'string' ? CalendarDate.parse(on, 'on') : on;
    const em = this.tx.manager;
    const programme = await this.programmes.getProgramme(programmeRef, em);
    const district = await this.districtShown(em, scope, districtRef);
    const [definitions, rows, districtRows, writeLevel] = await Promise.all([
      this.values.definitions(em),
      this.values.values(em, programme.id),
      district ? this.values.districtValues(em, district.id, programme.id) : Promise.resolve([]),
      this.writeLevel(em, scope),
    ]);
    const parameters = definitions.map((definition) => {
      const values = rows.filter((r) => r.code === definition.code);
      const districtValues = definition.districtChoice ? districtRows.filter((r) => r.code === definition.code) : [];
      const mayAdd =
        writeLevel === 'PROGRAMME' || (writeLevel === 'DISTRICT' && definition.districtChoice && district?.id === scope.districtId);
      return {
        definition,
        label: isProgrammeParameterCode(definition.code) ? parameterDefinition(definition.code).label : definition.code,
        values,
        districtValues,
        inForce: valueInForce<StoredParameterValue>(districtValues, onDate) ?? valueInForce(values, onDate),
        mayAdd,
      };
    });
    return { programme, on: onDate, district, writeLevel, parameters };
  }

  /** A new dated value (e.g. a changed Bagatellgrenze from next year on). */
  async addValue(scope: Scope, programmeRef: string, code: string, input: NewParameterValue): Promise<StoredParameterValue> {
    assertAdmin(scope);
    const definition = this.definitionOf(code);
    const value = canonicalValue(definition.unit, input.value);
    const validFrom = CalendarDate.parse(input.validFrom, 'validFrom').toISOString();
    return this.tx.run(async (em) => {
      const programme = await this.programmes.getProgramme(programmeRef, em);
      const districtId = await this.districtWritten(em, scope, code);
      const row: StoredParameterValue = districtId
        ? em.create(DistrictProgrammeParameter, { districtId, programmeId: programme.id, code, value, validFrom, createdBy: scope.userId })
        : em.create(ProgrammeParameter, { programmeId: programme.id, code, value, validFrom });
      try {
        await em.save(row);
      } catch (err) {
        if (pgErrorCode(err) === '23505') throw parameterValidFromTaken(code, validFrom);
        throw err;
      }
      await this.audit.record(em, scope, {
        action: districtId ? 'programme.parameter.district.create' : 'programme.parameter.create',
        entity: districtId ? 'DistrictProgrammeParameter' : 'ProgrammeParameter',
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
  ): Promise<StoredParameterValue> {
    assertAdmin(scope);
    const definition = this.definitionOf(code);
    const value = input.value === undefined ? undefined : canonicalValue(definition.unit, input.value);
    const validFrom = input.validFrom === undefined ? undefined : CalendarDate.parse(input.validFrom, 'validFrom').toISOString();
    return this.tx.run(async (em) => {
      const programme = await this.programmes.getProgramme(programmeRef, em);
      const districtId = await this.districtWritten(em, scope, code);
      const row = districtId
        ? await this.lockDistrictValue(em, districtId, programme.id, code, id)
        : await this.lockValue(em, programme.id, code, id);
      if (input.version !== undefined && input.version !== row.version) throw stale('Der Parameterwert');
      const before = parameterSnapshot(row, programme.code);
      if (value !== undefined) row.value = value;
      if (validFrom !== undefined) row.validFrom = validFrom;
      if (row.value === before.value && row.validFrom === before.validFrom) return row;
      try {
        await em.save(row);
      } catch (err) {
        if (pgErrorCode(err) === '23505') throw parameterValidFromTaken(code, row.validFrom);
        throw err;
      }
      await this.audit.record(em, scope, {
        action: districtId ? 'programme.parameter.district.correct' : 'programme.parameter.correct',
        entity: districtId ? 'DistrictProgrammeParameter' : 'ProgrammeParameter',
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

  private async lockDistrictValue(em: EntityManager, districtId: string, programmeId: string, code: string, id: string): Promise<DistrictProgrammeParameter> {
    const row = await this.values.lockDistrictValue(em, districtId, programmeId, code, id);
    if (!row) throw parameterNotFound();
    return row;
  }

  /**
   * The one rule for the level an ADMIN writes at: the Land's ADMIN, and the ADMIN of a single-Kreis
   * install (no Land level), write the programme's values; a Kreis's ADMIN in a Land-wide install
   * writes the Kreis's own values. Null for everyone else.
   */
  private async writeLevel(em: EntityManager, scope: Scope): Promise<ParameterLevel | null> {
    if (!hasRole(scope, Role.ADMIN)) return null;
    if (isStateLevel(scope) || !scope.districtId) return 'PROGRAMME';
    return (await this.values.hasStateLevel(em)) ? 'DISTRICT' : 'PROGRAMME';
  }

  /** The Kreis whose own value a write changes (null: the programme's), refusing what the Land sets alone. */
  private async districtWritten(em: EntityManager, scope: Scope, code: string): Promise<string | null> {
    if ((await this.writeLevel(em, scope)) !== 'DISTRICT') return null;
    const definitions = await this.values.definitions(em);
    if (definitions.some((d) => d.code === code && d.districtChoice)) return scope.districtId ?? null;
    const label = (c: string) => (isProgrammeParameterCode(c) ? parameterDefinition(c).label : c);
    throw parameterSetByState(label(code), definitions.filter((d) => d.districtChoice).map((d) => label(d.code)));
  }

  /** The Kreis whose values the screen shows: a Kreis user's own, or the one the Land names. */
  private async districtShown(em: EntityManager, scope: Scope, requested: string | undefined): Promise<{ id: string; name: string } | null> {
    if (scope.districtId && requested !== undefined && requested !== scope.districtId) throw districtNotFound();
    const id = scope.districtId ?? (isStateLevel(scope) ? requested : undefined);
    if (!id) return null;
    const district = await this.districts.district(em, id);
    if (!district) throw districtNotFound();
    return { id, name: district.name };
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
