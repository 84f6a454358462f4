import { parentPort, workerData } from 'node:worker_threads';

import { IdentityVault } from '../../participants/identity-vault.js';
import { encodeProject } from './copy-text.js';
import type { ScaleContext } from './scale-project.js';

/** Worker thread of the scale generator: generates and encodes projects while the main thread copies earlier ones. */
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

parentPort!.on('message', (number: number) => {
  // Encoded here, so the main thread only streams bytes; they are moved to it, not copied.
  const project = encodeProject(ctx, number);
  parentPort!.postMessage(
    project,
    project.tables.map((t) => t.data.buffer as ArrayBuffer),
  );
});
