import { CalendarDate } from '@foerderfluss/core';
import { parameterDay } from './parameters.service';

describe('parameterDay: the day whose parameter values apply to a case', () => {
  const today = CalendarDate.parse('2026-11-25');
  const periodEnd = { field: 'periodEnd', on: CalendarDate.parse('2025-12-31') };
  const day = (sel: Parameters<typeof parameterDay>[0]) => {
    const d = parameterDay(sel, today, '2024-01-01');
    return [d.on.toISOString(), d.basis];
  };

  it('takes the day the case concerns (as the Festsetzung: the period end), not today', () => {
    expect(day({ caseDate: periodEnd })).toEqual(['2025-12-31', 'CASE_DATE']);
  });

  it('an explicit parametersOn wins over the case', () => {
    expect(day({ parametersOn: '2027-03-01', caseDate: periodEnd })).toEqual(['2027-03-01', 'PARAMETERS_ON']);
  });

  it('without a case date: today', () => {
    expect(day({ caseDate: null })).toEqual(['2026-11-25', 'TODAY']);
  });

  it.each([
    [{ caseDate: { field: 'endDate', on: CalendarDate.parse('2020-01-11') } }, ['2024-01-01', 'CASE_DATE']],
    [{ parametersOn: '2021-05-01', caseDate: null }, ['2024-01-01', 'PARAMETERS_ON']],
  ])('never before the programme starts: its first values hold from then on (%#)', (sel, expected) => {
    expect(day(sel)).toEqual(expected);
  });
});
