import { Injectable } from '@nestjs/common';
import { isKreisSide, isStateLevel, Money, Scope } from '@foerderfluss/core';
import { DistrictBudgetYearRow, DistrictOverviewRepository, DistrictSelection } from './district-overview.repository';
import { districtNotFound } from './land.errors';

/** Money of a Kreis for one budget year (decimal strings), null for a Träger (it sees the Kreis, not its money). */
export interface DistrictFigures {
  allocated: Money;
  drawn: Money;
  paidToProviders: Money;
  proven: Money;
  refunded: Money;
}

export interface DistrictSummary {
  id: string;
  code: string | null;
  name: string;
  figures: DistrictFigures | null;
}

export interface DistrictOverview {
  year: number;
  items: DistrictSummary[];
  totals: DistrictFigures | null;
}

export interface DistrictDetail extends DistrictSummary {
  year: number;
  budgetYears: DistrictBudgetYearRow[] | null;
}

/**
 * The Land's overview of the Kreise (issue 20 item 5, CONTRACT `GET /districts`): Land users see every
 * Kreis, a Kreis user its own, a Träger the Kreise it works in without figures.
 *
 * The figures for the year: `allocated` is the Land's issued Zuweisung (H_land), else the Kreis's STATE
 * allocation in its budget year (an install without the Land level); `drawn` the Land money received
 * (STATE_DRAWDOWN); `paidToProviders` the payouts to Träger executed (both sources); `proven` Z_land of
 * the Land's Festsetzung once settled, before that the Z_land the Kreis's submitted Verwendungsnachweis
 * computes (p_land × A_kreis capped at H_land), 0 while none is submitted; `refunded` the refunds the
 * Kreis paid back to the Land (STATE_REFUND).
 */
@Injectable()
export class DistrictsService {
  constructor(private readonly repo: DistrictOverviewRepository) {}

  async overview(scope: Scope, year: number): Promise<DistrictOverview> {
    const rows = await this.repo.figures(year, selection(scope));
    const withFigures = isKreisSide(scope);
    const items = rows.map((r) => summary(r, withFigures));
    return { year, items, totals: withFigures ? totals(items) : null };
  }

  async detail(scope: Scope, id: string, year: number): Promise<DistrictDetail> {
    const rows = await this.repo.figures(year, selection(scope), id);
    const row = rows[0];
    if (!row) throw districtNotFound();
    const withFigures = isKreisSide(scope);
    return { ...summary(row, withFigures), year, budgetYears: withFigures ? await this.repo.budgetYears(id) : null };
  }
}

function selection(scope: Scope): DistrictSelection {
  if (isStateLevel(scope)) return { kind: 'ALL' };
  if (scope.districtId) return { kind: 'ONE', districtId: scope.districtId };
  if (!isKreisSide(scope)) return { kind: 'PROVIDER', providerId: scope.organisationId ?? '00000000-0000-0000-0000-000000000000' };
  return { kind: 'ALL' };
}

function summary(r: { id: string; code: string | null; name: string; allocated: string; drawn: string; paid_to_providers: string; proven: string; refunded: string }, withFigures: boolean): DistrictSummary {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    figures: withFigures
      ? { allocated: Money.of(r.allocated), drawn: Money.of(r.drawn), paidToProviders: Money.of(r.paid_to_providers), proven: Money.of(r.proven), refunded: Money.of(r.refunded) }
      : null,
  };
}

function totals(items: DistrictSummary[]): DistrictFigures {
  const f = items.map((i) => i.figures!);
  return {
    allocated: Money.sum(f.map((x) => x.allocated)),
    drawn: Money.sum(f.map((x) => x.drawn)),
    paidToProviders: Money.sum(f.map((x) => x.paidToProviders)),
    proven: Money.sum(f.map((x) => x.proven)),
    refunded: Money.sum(f.map((x) => x.refunded)),
  };
}
