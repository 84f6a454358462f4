import { randomInt } from 'node:crypto';

/** Crockford base 32: no I, L, O, U, so a pseudonym read aloud is not misheard. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A random pseudonym such as "TN-7K3M9Q2P" (40 bits: collisions in a project are negligible and refused by a unique key). */
export function newPseudonym(next: (max: number) => number = randomInt): string {
  let code = '';
  for (let i = 0; i < 8; i++) code += ALPHABET[next(ALPHABET.length)];
  return `TN-${code}`;
}
