/**
 * `npm run participants:erase-expired [-- YYYY-MM-DD]`: erases identity and health data of every
 * participant whose retain-until date lies before today (or the given day), in all projects, in one
 * transaction. Prints pseudonymous counts only; the erased values are never read.
 */
import 'reflect-metadata';

import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';

import { MikroORM } from '@mikro-orm/postgresql';

import { successEvent } from '../audit/audit-event.factory.js';
import { AuditEvent } from '../audit/entities/audit-event.entity.js';
import { parseLocalDate, todayUtc } from '../common/dates/local-date.js';
import { type AppConfig, loadConfig } from '../config/app-config.js';
import { openDatabase } from '../database/database.js';
import { createOrmConfig } from '../database/mikro-orm.config.js';
import { Participant } from '../participants/entities/participant.entity.js';
import { eraseIdentities } from '../participants/participant-erasure.service.js';
import { ErasureReason } from '../participants/participants.enums.js';

/**
 * Starting the embedded PostgreSQL clears a server left behind in its folder, which would stop the
 * database under a running service; with the embedded database the service must be stopped first.
 */
async function refuseWhileServiceRuns(appConfig: AppConfig): Promise<void> {
  if (appConfig.databaseUrl) return;
  const pidFile = `${resolve(appConfig.embeddedPg.dir)}/postmaster.pid`;
  if (!existsSync(pidFile)) return;
  const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
  try {
    process.kill(pid, 0);
  } catch {
    return; // stale file of a crashed server: openDatabase cleans it up
  }
  process.stderr.write('The embedded database is in use by a running service. Stop the service first, or set DATABASE_URL.\n');
  process.exit(1);
}

const config = loadConfig();
const today = parseLocalDate(process.argv[2] ?? todayUtc());
await refuseWhileServiceRuns(config);
const database = await openDatabase(config, () => undefined);
const orm = await MikroORM.init(createOrmConfig({ url: database.url }));
try {
  await orm.migrator.up(); // the same schema the service would bring it to on start
  const changes = await orm.em.fork().transactional(async (em) => {
    const due = await em.find(Participant, { retainUntil: { $lt: today }, identityErasedAt: null }, { orderBy: { project: 'asc', pseudonym: 'asc' } });
    const erasedChanges = await eraseIdentities(em, due, ErasureReason.RETENTION_EXPIRED, new Date());
    // One audit event per project, in the same transaction, like a mutation's (redacted, no user).
    for (const projectId of new Set(erasedChanges.map((c) => c.projectId))) {
      em.create(AuditEvent, successEvent({ operation: 'participants:erase-expired' }, erasedChanges.filter((c) => c.projectId === projectId)));
    }
    await em.flush();
    return erasedChanges;
  });
  const erased = changes.filter((c) => c.entity === 'Participant');
  const byProject = new Map<string, unknown[]>();
  for (const change of erased) byProject.set(change.projectId ?? 'none', [...(byProject.get(change.projectId ?? 'none') ?? []), change.after?.pseudonym]);
  for (const [projectId, pseudonyms] of byProject) {
    console.log(JSON.stringify({ event: 'participant_identities_erased', reason: ErasureReason.RETENTION_EXPIRED, asOf: today, projectId, count: pseudonyms.length, pseudonyms }));
  }
  console.log(JSON.stringify({ event: 'erase_expired_done', asOf: today, erased: erased.length }));
} finally {
  await orm.close();
  await database.stop();
}
