import { Money, Rate } from '@foerderfluss/core';
import { canonicalJson, toJsonValue } from './canonical-json';

describe('canonicalJson', () => {
  it('sorts keys at every level and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: undefined }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"z":1}]},"b":1}');
  });

  it('serialises value types through toJSON, as JSON.stringify does', () => {
    expect(canonicalJson({ amount: Money.of('1234.50'), rate: Rate.fromPercent('90'), at: new Date('2026-11-25T10:00:00.123Z') })).toBe(
      '{"amount":"1234.50","at":"2026-11-25T10:00:00.123Z","rate":"90"}',
    );
    expect(toJsonValue({ m: Money.of('1.00') })).toEqual({ m: '1.00' });
  });
});
