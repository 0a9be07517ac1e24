import { Injectable } from '@nestjs/common';
import { Money, Scope, validationError } from '@foerderfluss/core';
import { TransactionRunner } from '@foerderfluss/database';
import { AuditService } from '@foerderfluss/audit';
import { StateDistributionVersion } from './distribution-version.entity';
import { distribute, DistributionShare } from './distribution';
import { DistributionRepository } from './distribution.repository';
import { assertLand } from './land-access';
import { StateGrantRepository } from './state-grant.repository';

export interface DistributionView {
  programmeId: string;
  year: number;
  /** The version in force, null while none was recorded. */
  current: StateDistributionVersion | null;
  shares: (DistributionShare & { districtName: string })[];
  history: StateDistributionVersion[];
  /** Display names of the users in `history[].changedBy`. */
  changedByNames: Map<string, string>;
}

export interface DistributionInput {
  programmeId: string;
  year: number;
  annualAmount: Money;
  weights: { districtId: string; weight: string }[];
  reason: string;
}

const WEIGHT = /^\d{1,12}(\.\d{1,6})?$/;

/** The Land's annual money and its Verteilungsschlüssel per year, append-only (issue 20 item 1). */
@Injectable()
export class DistributionService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly repo: DistributionRepository,
    private readonly grants: StateGrantRepository,
  ) {}

  async view(programmeId: string, year: number): Promise<DistributionView> {
    const history = await this.repo.history(programmeId, year);
    const current = history[0] ?? null;
    const names = await this.repo.districtNames();
    const shares = current
      ? distribute(current.annualAmount, current.weights).map((s) => ({ ...s, districtName: names.get(s.districtId) ?? '' }))
      : [];
    const changedByNames = await this.repo.userNames(history.flatMap((v) => (v.changedBy ? [v.changedBy] : [])));
    return { programmeId, year, current, shares, history, changedByNames };
  }

  /** The programme named, or the only one of the install; 400 at programmeId when there are several. */
  async programme(id: string | undefined): Promise<string> {
    const p = id ?? (await this.grants.defaultProgrammeId());
    if (!p) throw validationError([{ path: 'programmeId', message: 'Bitte das Förderprogramm angeben.' }]);
    return p;
  }

  /** The share of one Kreis in the version in force, or null. */
  async shareOf(programmeId: string, year: number, districtId: string): Promise<Money | null> {
    const v = await this.view(programmeId, year);
    return v.shares.find((s) => s.districtId === districtId)?.amount ?? null;
  }

  /** A new version (never an overwrite): Land users only, with a reason. */
  async record(scope: Scope, input: DistributionInput): Promise<DistributionView> {
    assertLand(scope);
    const errors: { path: string; message: string }[] = [];
    if (input.annualAmount.isNegative()) errors.push({ path: 'annualAmount', message: 'Der Betrag darf nicht negativ sein.' });
    if (!input.reason.trim()) errors.push({ path: 'reason', message: 'Bitte begründen Sie die Änderung.' });
    const seen = new Set<string>();
    const districts = await this.repo.districtNames();
    input.weights.forEach((w, i) => {
      if (!WEIGHT.test(w.weight)) errors.push({ path: `weights.${i}.weight`, message: 'Das Gewicht ist eine Zahl ab 0 mit höchstens sechs Nachkommastellen (Punkt als Trennzeichen).' });
      if (!districts.has(w.districtId)) errors.push({ path: `weights.${i}.districtId`, message: 'Diesen Kreis gibt es nicht.' });
      if (seen.has(w.districtId)) errors.push({ path: `weights.${i}.districtId`, message: 'Jeder Kreis erscheint nur einmal.' });
      seen.add(w.districtId);
    });
    if (errors.length === 0 && input.annualAmount.isPositive() && !Money.sum(input.weights.map((w) => Money.of(w.weight))).isPositive()) {
      errors.push({ path: 'weights', message: 'Mindestens ein Kreis braucht ein Gewicht größer als 0, sonst lässt sich nichts verteilen.' });
    }
    if (errors.length) throw validationError(errors);
    await this.tx.run(async (em) => {
      const previous = await this.repo.lockLatest(em, input.programmeId, input.year);
      const row = em.create(StateDistributionVersion, {
        programmeId: input.programmeId,
        year: input.year,
        version: (previous?.version ?? 0) + 1,
        annualAmount: input.annualAmount,
        weights: input.weights.map((w) => ({ districtId: w.districtId, weight: w.weight })),
        reason: input.reason.trim(),
        changedBy: scope.userId,
      });
      await em.save(StateDistributionVersion, row);
      await this.audit.record(em, scope, {
        action: 'state-distribution.version',
        entity: 'StateDistributionVersion',
        entityId: row.id,
        before: previous ? { version: previous.version, annualAmount: previous.annualAmount.toApiString(), weights: previous.weights } : null,
        after: { year: row.year, version: row.version, annualAmount: row.annualAmount.toApiString(), weights: row.weights, reason: row.reason },
      });
    });
    return this.view(input.programmeId, input.year);
  }
}
