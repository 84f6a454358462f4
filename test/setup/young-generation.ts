import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * For tests that an answer dies young: V8's collector, callable (`gc({ type: 'minor' })` for a
 * young-generation collection only), and the bytes in use in the old generation, where promoted
 * objects stay until a full collection.
 */
setFlagsFromString('--expose-gc');
export const gc = runInNewContext('gc') as (options?: { type: 'minor' | 'major' }) => void;

export const oldGeneration = (): number =>
  getHeapSpaceStatistics()
    .filter((s) => s.space_name === 'old_space' || s.space_name === 'large_object_space')
    .reduce((sum, s) => sum + s.space_used_size, 0);
