import { Injectable } from '@nestjs/common';
import { Clock, FieldError, Money, Rate, Scope, validationError } from '@foerderfluss/core';
import { splitBySource } from '@foerderfluss/rules';
import { MonitoringRepository } from './monitoring.repository';
import { FundingRow, IndicatorRow, MONITORING_GROUP_BY, MONITORING_MAX_YEARS, MonitoringGroupBy, MonitoringQuery, SourceShares } from './monitoring.types';

interface Split {
  state: Money;
  district: Money;
}
const ZERO: Split = { state: Money.ZERO, district: Money.ZERO };
const plus = (a: Split, b: Split): Split => ({ state: a.state.plus(b.state), district: a.district.plus(b.district) });
const total = (a: Split): string => a.state.plus(a.district).toApiString();
const shares = (a: Split): SourceShares => ({ state: a.state.toApiString(), district: a.district.toApiString() });
const split = (state: string, district: string): Split => ({ state: Money.of(state), district: Money.of(district) });
const num = (v: string | null): number | null => (v === null ? null : Number(v));

/** Label of money booked without a group (should not happen for project money; shown rather than lost). */
const UNASSIGNED_LABEL = 'Ohne Zuordnung';

/**
 * Indikatorengestütztes Monitoring (issue 19): Kennzahlen (Ist against Soll) and money (gebunden,
 * ausgezahlt, nachgewiesen, zurückgefordert, zurückerhalten) over years, grouped by Handlungsfeld,
 * Sozialraum, Träger or year. The definitions are in docs/architecture.md ("Monitoring"); the
 * monitoring API, the MONITORING and ANNUAL_REPORT exports and the pages all read this service, so
 * they show the same figures. A Träger sees only its own organisation's figures.
 */
@Injectable()
export class MonitoringService {
  constructor(
    private readonly repo: MonitoringRepository,
    private readonly clock: Clock,
  ) {}

  /** The query with its defaults (to = this year, from = to − 2, by Handlungsfeld), checked: a German 400 naming the parameter. */
  normalise(q: Partial<MonitoringQuery>): MonitoringQuery {
    const to = q.to ?? Number(this.clock.today().toISOString().slice(0, 4));
    const from = q.from ?? to - 2;
    const groupBy = q.groupBy ?? 'fieldOfAction';
    const errors: FieldError[] = [];
    if (!MONITORING_GROUP_BY.includes(groupBy as MonitoringGroupBy)) errors.push({ path: 'groupBy', message: `Erlaubt sind nur diese Werte: ${MONITORING_GROUP_BY.join(', ')}.` });
    if (!Number.isInteger(from)) errors.push({ path: 'from', message: 'Bitte ein Jahr als ganze Zahl angeben.' });
    if (!Number.isInteger(to)) errors.push({ path: 'to', message: 'Bitte ein Jahr als ganze Zahl angeben.' });
    if (errors.length === 0 && from > to) errors.push({ path: 'from', message: `Das Jahr „von“ (${from}) darf nicht nach dem Jahr „bis“ (${to}) liegen.` });
    if (errors.length === 0 && to - from + 1 > MONITORING_MAX_YEARS) {
      errors.push({ path: 'to', message: `Es können höchstens ${MONITORING_MAX_YEARS} Jahre auf einmal ausgewertet werden (${from} bis ${to} sind ${to - from + 1}).` });
    }
    if (errors.length > 0) throw validationError(errors);
    return { from, to, groupBy, fieldOfAction: q.fieldOfAction, socialArea: q.socialArea, providerId: q.providerId };
  }

  /** Ist and Soll of every Kennzahl per group; every active Handlungsfeld, Sozialraum and year of the range is a group, with 0 where nothing was reported. */
  async indicators(scope: Scope, query: MonitoringQuery): Promise<IndicatorRow[]> {
    const q = this.normalise(query);
    const rows = await this.repo.indicators(scope, q);
    return rows.map((r) => ({
      group: r.key,
      groupLabel: r.label,
      indicator: r.code,
      indicatorId: r.definition_id,
      indicatorName: r.name,
      fieldOfAction: r.field_of_action_code,
      unit: r.unit,
      aggregation: r.aggregation,
      actual: Number(r.actual),
      target: num(r.target),
      deviation: num(r.deviation),
      reports: Number(r.reports),
    }));
  }

  /** Handlungsfeld code → German name (reference data, no records: the same for every caller). */
  async fieldOfActionLabels(): Promise<Map<string, string>> {
    return new Map((await this.repo.fieldOfActionNames()).map((f) => [f.code, f.name]));
  }

  /** The money per group, from the ledger and the approved Festsetzungen; the same zero groups as `indicators`. */
  async funding(scope: Scope, query: MonitoringQuery): Promise<FundingRow[]> {
    const q = this.normalise(query);
    const [ledger, settlements] = await Promise.all([this.repo.funding(scope, q), this.repo.proven(scope, q)]);
    // Z split into Land and Kreis as the ledger splits every amount of the year (splitBySource, per Festsetzung).
    const proven = new Map<string, Split>();
    for (const s of settlements) {
      const part = splitBySource(Money.of(s.final_grant), Rate.fromPercent(s.state_rate_percent));
      proven.set(s.key, plus(proven.get(s.key) ?? ZERO, { state: part.state, district: part.district }));
    }
    const rows: FundingRow[] = ledger.map((r) => {
      const p = (r.key !== null ? proven.get(r.key) : undefined) ?? ZERO;
      if (r.key !== null) proven.delete(r.key);
      const committed = split(r.cs, r.cd);
      const paid = split(r.ps, r.pd);
      const recovered = split(r.rrs, r.rrd);
      return {
        group: r.key ?? '',
        groupLabel: r.label ?? (r.key === null ? UNASSIGNED_LABEL : r.key),
        committed: total(committed),
        paid: total(paid),
        proven: total(p),
        recovered: total(recovered),
        recoveriesDue: total(split(r.rds, r.rdd)),
        projects: Number(r.projects),
        shares: { committed: shares(committed), paid: shares(paid), proven: shares(p), recovered: shares(recovered) },
      };
    });
    // A Festsetzung in a group the ledger query did not list (cannot happen while every settled decision has a commitment; kept so no money is lost).
    for (const [key, p] of proven) {
      const zero = shares(ZERO);
      rows.push({ group: key, groupLabel: key, committed: '0.00', paid: '0.00', proven: total(p), recovered: '0.00', recoveriesDue: '0.00', projects: 0, shares: { committed: zero, paid: zero, proven: shares(p), recovered: zero } });
    }
    return rows;
  }
}
