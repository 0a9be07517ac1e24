import { CalendarDate } from '@foerderfluss/core';
import { dueDunningLevel, enforcementDue } from './dunning-rules';

const day = (d: string) => CalendarDate.parse(d);
const days = { firstDays: 14, secondDays: 14 };
const recovery = { dueDate: '2025-09-30' };

describe('Mahnwesen: which Mahnung is due', () => {
  it.each([
    ['2025-10-13', [], null],
    ['2025-10-14', [], 1],
    ['2026-03-01', [], 1],
    ['2025-10-27', [{ level: 1, issuedOn: '2025-10-14' }], null],
    ['2025-10-28', [{ level: 1, issuedOn: '2025-10-14' }], 2],
    ['2026-01-01', [{ level: 1, issuedOn: '2025-10-14' }, { level: 2, issuedOn: '2025-10-28' }], null],
  ] as const)('on %s after %j: %s', (today, issued, level) => {
    expect(dueDunningLevel(recovery, issued, day(today), days)).toBe(level);
  });

  it('takes its days from the parameters: other days, other dates', () => {
    expect(dueDunningLevel(recovery, [], day('2025-10-14'), { firstDays: 20, secondDays: 14 })).toBeNull();
    expect(dueDunningLevel(recovery, [], day('2025-10-20'), { firstDays: 20, secondDays: 14 })).toBe(1);
    expect(dueDunningLevel(recovery, [{ level: 1, issuedOn: '2025-10-20' }], day('2025-10-27'), { firstDays: 20, secondDays: 7 })).toBe(2);
  });

  it('enforcement is due the day after the 2nd Mahnung’s deadline, unless settled', () => {
    const issued = [
      { level: 1, paymentDeadline: '2025-10-21' },
      { level: 2, paymentDeadline: '2025-11-04' },
    ];
    expect(enforcementDue(issued, false, day('2025-11-04'))).toBe(false);
    expect(enforcementDue(issued, false, day('2025-11-05'))).toBe(true);
    expect(enforcementDue(issued, true, day('2025-11-05'))).toBe(false);
    expect(enforcementDue(issued.slice(0, 1), false, day('2026-01-01'))).toBe(false);
  });
});
