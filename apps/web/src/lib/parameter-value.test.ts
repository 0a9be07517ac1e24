import { describe, expect, it } from 'vitest';
import { parameterValueProblem, parameterValueSchemaFor, parameterValueToApi } from './schemas';
import { formatParameterValue } from '../pages/admin/ParametersPage';

describe('a programme parameter value typed in German', () => {
  it('is checked by its unit with a message a person understands', () => {
    expect(parameterValueProblem('PERCENT', 'zehn')).toBe('Bitte eine Zahl angeben, z. B. „12,5“.');
    expect(parameterValueProblem('PERCENT', '12,5')).toBeNull();
    expect(parameterValueProblem('DAYS', '2,5')).toBe('Bitte eine ganze Zahl von Tagen angeben, z. B. „14“.');
    expect(parameterValueProblem('DAYS', '21')).toBeNull();
    expect(parameterValueProblem('EUR', '1.234,50')).toBeNull();
    expect(parameterValueProblem('EUR', 'viel')).toMatch(/Betrag|Zahl/);
    expect(parameterValueProblem('MM-DD', '30.04.')).toMatch(/MM-TT/);
    expect(parameterValueProblem('DAY_COUNT_CONVENTION', 'ACT_360')).toBeNull(); // the API answers with the allowed codes
  });

  it('goes to the API as a decimal string', () => {
    expect(parameterValueToApi('PERCENT', ' 12,5 ')).toBe('12.5');
    expect(parameterValueToApi('EUR', '1.234,50')).toBe('1234.50');
    expect(parameterValueToApi('EUR', '2000')).toBe('2000.00');
    expect(parameterValueToApi('DAYS', '21')).toBe('21');
    expect(parameterValueToApi('MM-DD', '04-30')).toBe('04-30');
  });

  it('the form refuses an empty value and a missing date', () => {
    const r = parameterValueSchemaFor('PERCENT').safeParse({ value: ' ', validFrom: '' });
    expect(r.success).toBe(false);
    expect([...new Set(r.error?.issues.map((i) => i.path.join('.')))].sort()).toEqual(['validFrom', 'value']);
  });

  it('is shown in German', () => {
    expect(formatParameterValue('EUR', '500.00')).toBe('500,00\u00a0€');
    expect(formatParameterValue('PERCENT', '12.5')).toBe('12,5\u00a0%');
    expect(formatParameterValue('MM-DD', '04-30')).toBe('30.04.');
    expect(formatParameterValue('DAYS', '14')).toBe('14 Tage');
    expect(formatParameterValue('PERCENTAGE_POINTS', '5')).toBe('5 Prozentpunkte');
  });
});
