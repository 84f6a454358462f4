import { createHash } from 'node:crypto';

import { Decimal } from 'decimal.js';

/**
 * A canonical text of an input: object keys sorted, decimals as exact text, so that the same
 * request hashes the same whatever the key order or trailing zeros ("10.5" and "10.50").
 */
export function canonicalJson(value: unknown): string {
  if (value instanceof Decimal) return JSON.stringify(value.toFixed());
  if (value === undefined || value === null) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function requestHash(operation: string, input: unknown): string {
  return createHash('sha256').update(operation).update('\n').update(canonicalJson(input)).digest('hex');
}
