import { CalendarDate, Dec, DomainError } from '@foerderfluss/core';
import { InputProblems } from './validation';

/** One row of the Basiszinssatz table (§ 247 BGB): the rate in percent in force from `validFrom`. */
export interface BaseRateEntry {
  validFrom: CalendarDate;
  /** Percent, may be negative ("-0.88"). */
  ratePercent: Dec;
}

/**
 * The Basiszinssatz table as the rules read it: sorted, free of duplicates, with its coverage.
 * The rate in force on a day is the latest entry with validFrom ≤ day. The table covers the days
 * from the first entry up to the end of the half-year of the last entry (the Bundesbank publishes
 * the next rate for the next 1 January or 1 July, so nothing beyond that half-year is known).
 */
export class BaseRateTable {
  private readonly entries: readonly BaseRateEntry[];
  readonly coveredUntil: CalendarDate | null;

  constructor(entries: readonly BaseRateEntry[], path = 'baseRates') {
    const problems = new InputProblems();
    const sorted = [...entries].sort((a, b) => a.validFrom.compareTo(b.validFrom));
    for (let i = 1; i < sorted.length; i++) {
      if (sorted[i].validFrom.equals(sorted[i - 1].validFrom)) {
        problems.add(path, `Für den ${sorted[i].validFrom.toGermanString()} ist der Basiszinssatz mehrfach hinterlegt.`);
      }
    }
    problems.throwIfAny();
    this.entries = sorted;
    const last = sorted[sorted.length - 1];
    this.coveredUntil = last ? last.validFrom.endOfHalfYear() : null;
  }

  /** The validFrom dates, for splitting periods where a rate changes off the half-year grid. */
  get changeDates(): CalendarDate[] {
    return this.entries.map((e) => e.validFrom);
  }

  /** Percent in force on `day`; throws BASE_RATE_MISSING (422) naming the half-year when not covered. */
  rateOn(day: CalendarDate): Dec {
    let found: BaseRateEntry | undefined;
    for (const entry of this.entries) {
      if (entry.validFrom.isOnOrBefore(day)) found = entry;
      else break;
    }
    if (!found || (this.coveredUntil && day.isAfter(this.coveredUntil))) throw baseRateMissing(day);
    return found.ratePercent;
  }
}

export function baseRateMissing(day: CalendarDate): DomainError {
  return new DomainError(
    'BASE_RATE_MISSING',
    422,
    `Für das ${day.halfYear}. Halbjahr ${day.year} ist kein Basiszinssatz hinterlegt.`,
    [],
    { year: day.year, halfYear: day.halfYear },
  );
}

/**
 * How far interest can be computed with the rates entered: the Basiszinssatz of a half-year is
 * published only on its 1 January or 1 July, so a Rückforderung due next year always reaches
 * beyond the table. Interest is then "known so far": up to the last covered day (or the requested
 * day, whichever is earlier), and the rest is added once the rate is entered. Nothing fails.
 */
export interface KnownInterestLimit {
  /** The last interest-bearing day that can be computed; null when no rate is entered at all. */
  computedUntil: CalendarDate | null;
  /** The first day whose rate is missing, when that cut the computation short. */
  missingFrom: CalendarDate | null;
  /** German, for the person reading the figures: up to which day and why. */
  reason: string;
}

export function knownInterestLimit(entries: readonly BaseRateEntry[] | BaseRateTable, requested: CalendarDate): KnownInterestLimit {
  const table = entries instanceof BaseRateTable ? entries : new BaseRateTable(entries);
  const covered = table.coveredUntil;
  if (covered === null) {
    return {
      computedUntil: null,
      missingFrom: requested,
      reason: 'Es ist noch kein Basiszinssatz hinterlegt; Zinsen werden berechnet, sobald er eingetragen ist.',
    };
  }
  if (!requested.isAfter(covered)) {
    return { computedUntil: requested, missingFrom: null, reason: `Zinsen sind bis zum Stichtag ${requested.toGermanString()} berechnet.` };
  }
  const missingFrom = covered.addDays(1);
  return {
    computedUntil: covered,
    missingFrom,
    reason:
      `Für das ${missingFrom.halfYear}. Halbjahr ${missingFrom.year} ist noch kein Basiszinssatz veröffentlicht; ` +
      `Zinsen sind bis ${covered.toGermanString()} berechnet und werden ergänzt, sobald er eingetragen ist.`,
  };
}

/** The Basiszinssatz in percent in force on `day`. */
export function baseRateOn(entries: readonly BaseRateEntry[], day: CalendarDate): Dec {
  return new BaseRateTable(entries).rateOn(day);
}
