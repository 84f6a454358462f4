import { once } from 'node:events';

import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** Runs one `COPY … FROM STDIN` with the given COPY-format bytes; resolves when PostgreSQL has taken them. */
export async function copyInto(client: pg.ClientBase, statement: string, data: Uint8Array): Promise<void> {
  if (data.byteLength === 0) return;
  const stream = client.query(copyFrom(statement));
  const done = once(stream, 'finish');
  stream.end(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  await done;
}
