import { createHmac } from 'node:crypto';

/**
 * Statistical disclosure control for analyst aggregates, after the German statistical offices'
 * cell key method (Thompson, Broadfoot and Elazar 2013; Giessing and Tent 2019; sdcTools
 * `cellKey`), in a keyed-hash form (README "Disclosure control"):
 *
 * - every cell gets a cell key in [0, 1): a keyed HMAC (the service's hash key, never published)
 *   of what defines the cell: project, indicator, period bounds, breakdown key, and the persons it
 *   counts (their number). The same cell gets the same key in every table and every query, so
 *   repeating a query or asking for the same cell in another table gives nothing new;
 * - the perturbation table turns the key into a deviation: −2, −1, 0, +1, +2 with probabilities
 *   5, 20, 50, 20, 5 % (mean 0, variance 0.8); an empty cell stays empty, no count goes below 0;
 * - a perturbed count below the threshold is withheld (null), a true zero included, so "withheld"
 *   and "0" no longer tell "at least one" from "nobody".
 *
 * Differencing two published cells (cumulative P minus cumulative P−1, a total minus its shown
 * cells) now gives the true value only when the deviations happen to cancel, which the analyst
 * cannot tell; the result is off by up to 4.
 */
export const PERTURBATION_TABLE: readonly { deviation: number; probability: number }[] = [
  { deviation: -2, probability: 0.05 },
  { deviation: -1, probability: 0.2 },
  { deviation: 0, probability: 0.5 },
  { deviation: 1, probability: 0.2 },
  { deviation: 2, probability: 0.05 },
];

/** A uniform number in [0, 1) from the secret and the parts naming the cell. */
export function cellKey(secret: Buffer, parts: readonly (string | number)[]): number {
  const digest = createHmac('sha256', secret).update(parts.join('\u001f')).digest();
  return digest.readUIntBE(0, 6) / 2 ** 48;
}

/** The deviation the perturbation table assigns to a cell key (cumulative probabilities). */
export function deviationOf(key: number): number {
  let upTo = 0;
  for (const row of PERTURBATION_TABLE) {
    upTo += row.probability;
    if (key < upTo) return row.deviation;
  }
  return PERTURBATION_TABLE[PERTURBATION_TABLE.length - 1].deviation;
}

/** A count as published: 0 stays 0, others move by the cell's deviation, never below 0. */
export function perturb(count: number, key: number): number {
  return count === 0 ? 0 : Math.max(0, count + deviationOf(key));
}

/** The published count, or null when the perturbed count is below the threshold (0 included). */
export function publish(count: number, key: number, threshold: number): number | null {
  const shown = perturb(count, key);
  return shown < threshold ? null : shown;
}

/** Names a cell for `cellKey`; bound to one project, indicator and period. */
export type CellNamer = (cell: string, count: number) => number;

export function cellNamer(secret: Buffer, projectId: string, indicator: string, from: string, to: string): CellNamer {
  return (cell, count) => cellKey(secret, [projectId, indicator, from, to, cell, count]);
}
