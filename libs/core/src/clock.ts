import { CalendarDate } from './calendar-date';

/**
 * The time source of all business code. "Today" is a calendar date in the business time zone
 * (Europe/Berlin), not the server's. Injected, so seeds can replay the 2025 application round and
 * tests can stand on a chosen day without touching the system clock.
 */
export abstract class Clock {
  constructor(readonly timeZone: string) {}

  abstract now(): Date;

  today(): CalendarDate {
    return CalendarDate.todayIn(this.timeZone, this.now());
  }
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock that stands still until moved; for seeds and tests. */
export class FixedClock extends Clock {
  constructor(
    timeZone: string,
    private instant: Date,
  ) {
    super(timeZone);
  }

  now(): Date {
    return new Date(this.instant.getTime());
  }

  set(instant: Date | string): void {
    this.instant = typeof instant === 'string' ? new Date(instant) : instant;
  }
}
