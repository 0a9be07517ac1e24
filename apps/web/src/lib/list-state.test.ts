import { describe, expect, it } from 'vitest';
import { activeFilterCount, nextSort, readListState, sortDirection, writeListState } from './list-state';

const options = { filters: ['status', 'providerId', 'budgetYear', 'dueAfter', 'q'] as const, sortKeys: ['reference', 'requestedAmount'], statuses: ['SUBMITTED', 'IN_REVIEW', 'APPROVED'] };

describe('list state in the address', () => {
  it('reads sort, several statuses and the filters the list names; drops what the API would refuse', () => {
    const params = new URLSearchParams(
      'sort=-requestedAmount&status=SUBMITTED,GEHEIM,IN_REVIEW,SUBMITTED&providerId=kein-uuid&budgetYear=2026&dueAfter=2026-02-30x&socialArea=ALTENBURG&q=Sprach',
    );
    expect(readListState(params, options)).toEqual({ sort: '-requestedAmount', pageSize: null, status: ['SUBMITTED', 'IN_REVIEW'], values: { budgetYear: '2026', q: 'Sprach' } });
  });

  it('an unknown sort key falls back to the default order (null); only the offered page sizes are taken', () => {
    expect(readListState(new URLSearchParams('sort=-geheim'), options).sort).toBeNull();
    expect(readListState(new URLSearchParams('limit=25'), options).pageSize).toBe(25);
    expect(readListState(new URLSearchParams('limit=5000'), options).pageSize).toBeNull();
    expect(writeListState(new URLSearchParams('limit=25&sort=reference'), { pageSize: null }).toString()).toBe('sort=reference');
  });

  it('writes a change and keeps the page’s other parameters; an empty value removes its parameter', () => {
    const before = new URLSearchParams('tab=2&status=SUBMITTED&q=alt');
    const after = writeListState(before, { status: ['SUBMITTED', 'APPROVED'], values: { q: '', budgetYear: '2027' } });
    expect(after.toString()).toBe('tab=2&status=SUBMITTED%2CAPPROVED&budgetYear=2027');
    expect(before.toString()).toBe('tab=2&status=SUBMITTED&q=alt');
  });

  it('a prefix keeps two lists of one page apart', () => {
    const params = writeListState(new URLSearchParams('sort=reference'), { sort: '-reference' }, 'datei.');
    expect(params.get('sort')).toBe('reference');
    expect(readListState(params, { ...options, prefix: 'datei.' }).sort).toBe('-reference');
  });

  it('a column sorts ascending first, then descending, then ascending again; aria-sort follows, the default included', () => {
    expect(nextSort(null, 'requestedAmount', 'reference')).toBe('requestedAmount');
    expect(nextSort('requestedAmount', 'requestedAmount', 'reference')).toBe('-requestedAmount');
    expect(nextSort('-requestedAmount', 'requestedAmount', 'reference')).toBe('requestedAmount');
    expect(nextSort(null, 'reference', 'reference')).toBe('-reference');
    expect(sortDirection(null, 'reference', 'reference')).toBe('ascending');
    expect(sortDirection('-reference', 'reference', 'reference')).toBe('descending');
    expect(sortDirection('-reference', 'requestedAmount', 'reference')).toBe('none');
  });

  it('counts the filters set (several statuses count once)', () => {
    expect(activeFilterCount({ sort: '-reference', pageSize: 10, status: ['A', 'B'], values: { q: 'x', budgetYear: '2026' } })).toBe(3);
    expect(activeFilterCount({ sort: null, pageSize: null, status: [], values: {} })).toBe(0);
  });
  it('takes a Kreis (districtId) from the address only as a uuid, and only where the list names it', () => {
    const id = '6f1c2a7e-1b2c-4d3e-8f90-0123456789ab';
    const withDistrict = { ...options, filters: [...options.filters, 'districtId'] as const };
    expect(readListState(new URLSearchParams(`districtId=${id}`), withDistrict).values.districtId).toBe(id);
    expect(readListState(new URLSearchParams('districtId=GREIZ'), withDistrict).values.districtId).toBeUndefined();
    expect(readListState(new URLSearchParams(`districtId=${id}`), options).values.districtId).toBeUndefined();
  });
});
