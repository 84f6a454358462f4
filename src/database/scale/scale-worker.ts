import { parentPort, workerData } from 'node:worker_threads';

import { IdentityVault } from '../../participants/identity-vault.js';
import { generateScaleProject, type ScaleContext } from './scale-project.js';

/** Worker thread of the scale generator: generates projects while the main thread inserts the previous ones. */
export interface ScaleWorkerData {
  ctx: Omit<ScaleContext, 'vault' | 'categoryIdByCode'> & { categories: [string, string][] };
  encryptionKey: Uint8Array;
  hashKey: Uint8Array;
}

const data = workerData as ScaleWorkerData;
const ctx: ScaleContext = {
  ...data.ctx,
  categoryIdByCode: new Map(data.ctx.categories),
  vault: IdentityVault.fromKeys(Buffer.from(data.encryptionKey), Buffer.from(data.hashKey)),
};
parentPort!.on('message', (number: number) => parentPort!.postMessage(generateScaleProject(ctx, number)));
