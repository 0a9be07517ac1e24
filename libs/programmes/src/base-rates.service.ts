import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CalendarDate, Dec, hasRole, parseDecimalStrict, Rate, Role, Scope } from '@foerderfluss/core';
import { pgErrorCode, TransactionRunner } from '@foerderfluss/database';
import { AuditService } from '@foerderfluss/audit';
import { BaseRate } from './base-rate.entity';
import { BaseRateRepository } from './base-rate.repository';
import { adminOnly, baseRateInvalid, baseRateNotFound, baseRateValidFromTaken, stale } from './programmes.errors';

/** One row as libs/rules reads the Basiszinssatz table (structurally its BaseRateEntry). */
export interface BaseRateTableEntry {
  validFrom: CalendarDate;
  /** Percent, may be negative. */
  ratePercent: Dec;
}

export interface BaseRateInput {
  validFrom: string;
  ratePercent: string;
}

export interface BaseRateChange {
  validFrom?: string;
  ratePercent?: string;
  version?: number;
}

// Plausibility bounds of an admin's input (numeric(9,6) holds up to ±999.999999).
const RATE_BOUND = 100;
const RATE_DECIMALS = 6;

export function baseRateSnapshot(r: BaseRate): Record<string, unknown> {
  return { id: r.id, validFrom: r.validFrom, ratePercent: r.rate.toPercentString(), version: r.version };
}

/** § 247 BGB: the Basiszinssatz changes on 1 January and 1 July only. */
export function parseBaseRateValidFrom(input: string, path = 'validFrom'): string {
  const date = CalendarDate.parse(input, path);
  if (date.day !== 1 || (date.month !== 1 && date.month !== 7)) {
    throw baseRateInvalid(path, 'Der Basiszinssatz ändert sich nur zum 1. Januar und zum 1. Juli (§ 247 BGB).');
  }
  return date.toISOString();
}

export function parseBaseRatePercent(input: string, path = 'ratePercent'): Rate {
  const r = parseDecimalStrict(input, { min: -RATE_BOUND, max: RATE_BOUND, maxDecimals: RATE_DECIMALS });
  if (!r.ok) throw baseRateInvalid(path, r.message.replace('Der Wert', 'Der Basiszinssatz'));
  return Rate.fromPercent(r.value);
}

/**
 * The Basiszinssatz table: read by everyone who computes interest, edited by ADMIN only, each
 * edit one transaction with its audit event.
 */
@Injectable()
export class BaseRatesService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly rates: BaseRateRepository,
  ) {}

  list(em: EntityManager = this.tx.manager): Promise<BaseRate[]> {
    return this.rates.all(em);
  }

  /** The table in the shape the interest rules take. */
  async table(): Promise<BaseRateTableEntry[]> {
    return (await this.list()).map((r) => ({ validFrom: CalendarDate.parse(r.validFrom), ratePercent: r.rate.percent }));
  }

  /** Last day a rate is known for: the end of the half-year of the newest entry. */
  static coveredUntil(rows: readonly BaseRate[]): CalendarDate | null {
    const last = rows[rows.length - 1];
    return last ? CalendarDate.parse(last.validFrom).endOfHalfYear() : null;
  }

  async add(scope: Scope, input: BaseRateInput): Promise<BaseRate> {
    assertAdmin(scope);
    const validFrom = parseBaseRateValidFrom(input.validFrom);
    const rate = parseBaseRatePercent(input.ratePercent);
    return this.tx.run(async (em) => {
      const row = em.create(BaseRate, { validFrom, rate });
      await this.save(em, row);
      await this.audit.record(em, scope, { action: 'base-rate.create', entity: 'BaseRate', entityId: row.id, after: baseRateSnapshot(row) });
      return row;
    });
  }

  /** Correct a rate or its date; a no-op writes nothing. */
  async update(scope: Scope, id: string, input: BaseRateChange): Promise<BaseRate> {
    assertAdmin(scope);
    const validFrom = input.validFrom === undefined ? undefined : parseBaseRateValidFrom(input.validFrom);
    const rate = input.ratePercent === undefined ? undefined : parseBaseRatePercent(input.ratePercent);
    return this.tx.run(async (em) => {
      const row = await this.lock(em, id, input.version);
      const before = baseRateSnapshot(row);
      if (validFrom !== undefined) row.validFrom = validFrom;
      if (rate !== undefined) row.rate = rate;
      const after = baseRateSnapshot(row);
      if (after.validFrom === before.validFrom && after.ratePercent === before.ratePercent) return row;
      await this.save(em, row);
      await this.audit.record(em, scope, {
        action: 'base-rate.update',
        entity: 'BaseRate',
        entityId: row.id,
        before,
        after: baseRateSnapshot(row),
      });
      return row;
    });
  }

  async remove(scope: Scope, id: string, version?: number): Promise<void> {
    assertAdmin(scope);
    await this.tx.run(async (em) => {
      const row = await this.lock(em, id, version);
      const before = baseRateSnapshot(row);
      await em.delete(BaseRate, { id: row.id });
      await this.audit.record(em, scope, { action: 'base-rate.delete', entity: 'BaseRate', entityId: row.id, before });
    });
  }

  private async lock(em: EntityManager, id: string, version: number | undefined): Promise<BaseRate> {
    const row = await this.rates.lock(em, id);
    if (!row) throw baseRateNotFound();
    if (version !== undefined && version !== row.version) throw stale('Der Basiszinssatz');
    return row;
  }

  private async save(em: EntityManager, row: BaseRate): Promise<void> {
    try {
      await em.save(BaseRate, row);
    } catch (err) {
      if (pgErrorCode(err) === '23505') throw baseRateValidFromTaken(row.validFrom);
      throw err;
    }
  }
}

function assertAdmin(scope: Scope): void {
  if (!hasRole(scope, Role.ADMIN)) throw adminOnly();
}
