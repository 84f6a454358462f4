import { Decimal } from 'decimal.js';

import { canonicalJson, requestHash } from './request-hash.js';

describe('idempotency request hash', () => {
  it('ignores key order and trailing zeros of amounts', () => {
    const a = { amount: new Decimal('10.50'), lines: [{ b: 1, a: 'x' }], note: undefined };
    const b = { lines: [{ a: 'x', b: 1 }], amount: new Decimal('10.5') };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(requestHash('op', a)).toBe(requestHash('op', b));
  });

  it('differs for a different amount, order of lines or operation', () => {
    const base = { amount: new Decimal('10.50'), lines: [1, 2] };
    expect(requestHash('op', base)).not.toBe(requestHash('op', { ...base, amount: new Decimal('10.51') }));
    expect(requestHash('op', base)).not.toBe(requestHash('op', { ...base, lines: [2, 1] }));
    expect(requestHash('op', base)).not.toBe(requestHash('other', base));
  });
});
