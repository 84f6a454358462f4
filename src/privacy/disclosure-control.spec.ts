import { cellKey, deviationOf, PERTURBATION_TABLE, perturb, publish } from './disclosure-control.js';

const secret = Buffer.alloc(32, 7);

describe('cell key method', () => {
  it('gives the same cell the same key and other cells other keys', () => {
    expect(cellKey(secret, ['p', 'EECO01', 4])).toBe(cellKey(secret, ['p', 'EECO01', 4]));
    expect(cellKey(secret, ['p', 'EECO01', 4])).not.toBe(cellKey(secret, ['p', 'EECO01', 5]));
    expect(cellKey(Buffer.alloc(32, 8), ['p', 'EECO01', 4])).not.toBe(cellKey(secret, ['p', 'EECO01', 4]));
  });

  it('draws deviations with the published probabilities', () => {
    const n = 20_000;
    const seen = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      const d = deviationOf(cellKey(secret, ['cell', i]));
      seen.set(d, (seen.get(d) ?? 0) + 1);
    }
    for (const { deviation, probability } of PERTURBATION_TABLE)
      expect(Math.abs(seen.get(deviation)! / n - probability)).toBeLessThan(0.015);
  });

  it('keeps zero at zero, never goes negative, and withholds everything below the threshold', () => {
    expect(perturb(0, 0.99)).toBe(0);
    expect(perturb(1, 0.01)).toBe(0);
    expect(publish(0, 0.5, 5)).toBeNull();
    expect(publish(4, 0.5, 5)).toBeNull();
    expect(publish(7, 0.5, 5)).toBe(7);
  });
});
