import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { FieldError, hasRole, Money, parseDecimalStrict, Role, Scope } from '@foerderfluss/core';
import { pgErrorCode, TransactionRunner } from '@foerderfluss/database';
import { AuditService } from '@foerderfluss/audit';
import { IndicatorAggregation, IndicatorDefinition, IndicatorDefinitionVersion, IndicatorTarget } from './indicator.entity';
import { IndicatorRepository } from './indicator.repository';
import { indicatorCodeTaken, indicatorEditorsOnly, indicatorInvalid, indicatorNotFound, indicatorTargetNotFound, stale } from './programmes.errors';

export interface IndicatorInput {
  fieldOfAction: string;
  code: string;
  name: string;
  unit: string;
  aggregation: IndicatorAggregation;
}

/** `code` and `fieldOfAction` are not here on purpose: reports refer to them, so they never change. */
export interface IndicatorChange {
  name?: string;
  unit?: string;
  aggregation?: IndicatorAggregation;
  active?: boolean;
  sortOrder?: number;
  /** The version the editor saw; a different stored one is a 409. */
  version?: number;
}

export interface IndicatorListFilter {
  fieldOfAction?: string;
  includeInactive?: boolean;
}

/** One value of a Sachbericht as the Träger sends it. */
export interface IndicatorValueInput {
  indicatorId: string;
  value: number;
}

/**
 * A reported value as stored in proof_of_use.narrative: the definition as it read when the report
 * was written, so a later rename does not change what the Träger reported.
 */
export interface IndicatorSnapshot {
  indicatorId: string;
  fieldOfAction: string;
  code: string;
  label: string;
  unit: string;
  version: number;
  value: number;
}

// numeric(15,2); a bound as text so no float rounds it.
export const TARGET_BOUNDS = { min: 0, max: '9999999999999.99', maxDecimals: 2 };

export function indicatorSnapshot(d: IndicatorDefinition): Record<string, unknown> {
  return { fieldOfAction: d.fieldOfActionCode, code: d.code, name: d.name, unit: d.unit, aggregation: d.aggregation, sortOrder: d.sortOrder, active: d.active, version: d.version };
}

/**
 * Kennzahlen per Handlungsfeld and their yearly Soll (issue 19). Read by every role (a Träger
 * reports against them; the Soll is a public Kreis figure); changed by ADMIN and STAFF, each change
 * one transaction with its audit event and, for a definition, a new history row.
 */
@Injectable()
export class IndicatorsService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly repo: IndicatorRepository,
  ) {}

  /** In the order of the Handlungsfelder, then the Kreis's order within one. */
  list(filter: IndicatorListFilter = {}, em: EntityManager = this.tx.manager): Promise<IndicatorDefinition[]> {
    return this.repo.list(em, filter);
  }

  async get(id: string, em: EntityManager = this.tx.manager): Promise<IndicatorDefinition> {
    const row = await this.repo.find(em, id);
    if (!row) throw indicatorNotFound();
    return row;
  }

  /** The history, oldest first; version 1 is the definition as created. */
  async versions(id: string): Promise<IndicatorDefinitionVersion[]> {
    await this.get(id);
    return this.repo.versions(this.tx.manager, id);
  }

  async create(scope: Scope, input: IndicatorInput): Promise<IndicatorDefinition> {
    assertEditor(scope);
    const name = input.name.trim();
    const unit = input.unit.trim();
    return this.tx.run(async (em) => {
      const field = await this.repo.fieldOfAction(em, input.fieldOfAction);
      if (!field) throw indicatorInvalid([{ path: 'fieldOfAction', message: `Das Handlungsfeld ${input.fieldOfAction} gibt es nicht.` }]);
      if (await this.repo.codeTaken(em, field.code, input.code)) throw indicatorCodeTaken(input.code, field.name);
      // New ones go to the end of the list; the Kreis reorders with sortOrder.
      const max = await this.repo.maxSortOrder(em);
      const row = Object.assign(new IndicatorDefinition(), { fieldOfActionCode: field.code, code: input.code, name, unit, aggregation: input.aggregation, sortOrder: max + 1, active: true });
      try {
        await this.repo.saveDefinition(em, row);
      } catch (err) {
        // Two editors creating the same code at once: the unique index decides.
        if (pgErrorCode(err) === '23505') throw indicatorCodeTaken(input.code, field.name);
        throw err;
      }
      await this.writeVersion(em, scope, row);
      await this.audit.record(em, scope, { action: 'indicator.create', entity: 'IndicatorDefinition', entityId: row.id, after: indicatorSnapshot(row) });
      return row;
    });
  }

  /** A no-op writes nothing; any change is version + 1 with its history row. */
  async update(scope: Scope, id: string, change: IndicatorChange): Promise<IndicatorDefinition> {
    assertEditor(scope);
    return this.tx.run(async (em) => {
      const row = await this.repo.find(em, id, true);
      if (!row) throw indicatorNotFound();
      if (change.version !== undefined && change.version !== row.version) throw stale('Die Kennzahl');
      const before = indicatorSnapshot(row);
      if (change.name !== undefined) row.name = change.name.trim();
      if (change.unit !== undefined) row.unit = change.unit.trim();
      if (change.aggregation !== undefined) row.aggregation = change.aggregation;
      if (change.active !== undefined) row.active = change.active;
      if (change.sortOrder !== undefined) row.sortOrder = change.sortOrder;
      const unchanged = (['name', 'unit', 'aggregation', 'active', 'sortOrder'] as const).every((k) => before[k] === row[k]);
      if (unchanged) return row;
      await this.repo.saveDefinition(em, row);
      await this.writeVersion(em, scope, row);
      await this.audit.record(em, scope, { action: 'indicator.update', entity: 'IndicatorDefinition', entityId: row.id, before, after: indicatorSnapshot(row) });
      return row;
    });
  }

  targets(year?: number): Promise<IndicatorTarget[]> {
    return this.repo.targets(this.tx.manager, year);
  }

  /** Sets (creates or changes) the Soll of a Kennzahl for a year; an unchanged value writes nothing. */
  async setTarget(scope: Scope, definitionId: string, year: number, target: string, version?: number): Promise<IndicatorTarget> {
    assertEditor(scope);
    const parsed = parseDecimalStrict(target, TARGET_BOUNDS);
    if (!parsed.ok) throw indicatorInvalid([{ path: 'target', message: parsed.message.replace('Der Wert', 'Das Soll') }]);
    // Stored as numeric(15,2); the answer shows the same normal form ("42.50").
    const normal = Money.of(target).toApiString();
    return this.tx.run(async (em) => {
      const definition = await this.get(definitionId, em);
      const existing = await this.repo.lockTarget(em, definitionId, year);
      if (existing) {
        if (version !== undefined && version !== existing.version) throw stale('Das Soll');
        if (existing.target === normal) return existing;
        const before = { definitionId, code: definition.code, year, target: existing.target };
        existing.target = normal;
        await this.repo.saveTarget(em, existing);
        await this.audit.record(em, scope, { action: 'indicator-target.update', entity: 'IndicatorTarget', entityId: existing.id, before, after: { ...before, target: normal } });
        return existing;
      }
      let row: IndicatorTarget;
      try {
        row = await this.repo.saveTarget(em, { definitionId, year, target: normal });
      } catch (err) {
        if (pgErrorCode(err) === '23505') throw stale('Das Soll');
        throw err;
      }
      await this.audit.record(em, scope, { action: 'indicator-target.create', entity: 'IndicatorTarget', entityId: row.id, after: { definitionId, code: definition.code, year, target: normal } });
      return row;
    });
  }

  async removeTarget(scope: Scope, definitionId: string, year: number): Promise<void> {
    assertEditor(scope);
    await this.tx.run(async (em) => {
      const definition = await this.get(definitionId, em);
      const row = await this.repo.lockTarget(em, definitionId, year);
      if (!row) throw indicatorTargetNotFound();
      await this.repo.deleteTarget(em, row.id);
      await this.audit.record(em, scope, { action: 'indicator-target.delete', entity: 'IndicatorTarget', entityId: row.id, before: { definitionId, code: definition.code, year, target: row.target } });
    });
  }

  /**
   * The values of a Sachbericht against the definitions: each must name an active Kennzahl of one
   * of `fields` (the project's Handlungsfelder), once. Answers the snapshots to store, or a 400
   * naming every offending item under `path`.
   */
  async snapshots(em: EntityManager, items: readonly IndicatorValueInput[], fields: readonly string[], path: string): Promise<IndicatorSnapshot[]> {
    const ids = [...new Set(items.map((i) => i.indicatorId))];
    const definitions = await this.repo.byIds(em, ids);
    const byId = new Map(definitions.map((d) => [d.id, d]));
    const names = await this.repo.fieldNames(em);
    const allowed = fields.map((f) => `„${names.get(f) ?? f}“`).join(', ');
    const errors: FieldError[] = [];
    const seen = new Set<string>();
    const out: IndicatorSnapshot[] = [];
    items.forEach((item, i) => {
      const at = `${path}[${i}].indicatorId`;
      const d = byId.get(item.indicatorId);
      if (!d) return void errors.push({ path: at, message: 'Diese Kennzahl gibt es nicht.' });
      if (!d.active) return void errors.push({ path: at, message: `Die Kennzahl „${d.name}“ wird nicht mehr erhoben; bitte entfernen.` });
      if (!fields.includes(d.fieldOfActionCode)) {
        return void errors.push({ path: at, message: `Die Kennzahl „${d.name}“ gehört zum Handlungsfeld „${names.get(d.fieldOfActionCode) ?? d.fieldOfActionCode}“; dieses Projekt berichtet für ${allowed}.` });
      }
      if (seen.has(d.id)) return void errors.push({ path: at, message: `Die Kennzahl „${d.name}“ ist doppelt angegeben; bitte nur einmal mit der Gesamtzahl.` });
      seen.add(d.id);
      out.push({ indicatorId: d.id, fieldOfAction: d.fieldOfActionCode, code: d.code, label: d.name, unit: d.unit, version: d.version, value: item.value });
    });
    if (errors.length) throw indicatorInvalid(errors);
    return out;
  }

  private async writeVersion(em: EntityManager, scope: Scope, row: IndicatorDefinition): Promise<void> {
    await this.repo.appendVersion(em, {
      definitionId: row.id,
      version: row.version,
      name: row.name,
      unit: row.unit,
      aggregation: row.aggregation,
      active: row.active,
      changedBy: scope.userId,
    });
  }
}

function assertEditor(scope: Scope): void {
  if (!hasRole(scope, Role.ADMIN, Role.STAFF)) throw indicatorEditorsOnly();
}
