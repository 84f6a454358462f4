import 'reflect-metadata';

import { MikroORM } from '@mikro-orm/postgresql';

import { todayUtc } from '../common/dates/local-date.js';
import { loadConfig } from '../config/app-config.js';
import { openDatabase } from '../database/database.js';
import { createOrmConfig } from '../database/mikro-orm.config.js';
import { Participant } from '../participants/entities/participant.entity.js';
import { eraseIdentities } from '../participants/participant-erasure.service.js';
import { ErasureReason } from '../participants/participants.enums.js';

/**
 * `npm run participants:erase-expired [-- YYYY-MM-DD]`: erases identity and health data of every
 * participant whose retain-until date lies before today (or the given day), in all projects, in one
 * transaction. Prints pseudonymous counts only; the erased values are never read.
 */
const config = loadConfig();
const today = process.argv[2] ?? todayUtc();
const database = await openDatabase(config, () => undefined);
const orm = await MikroORM.init(createOrmConfig({ url: database.url }));
try {
  const changes = await orm.em.fork().transactional(async (em) => {
    const due = await em.find(Participant, { retainUntil: { $lt: today }, identityErasedAt: null }, { orderBy: { project: 'asc', pseudonym: 'asc' } });
    return eraseIdentities(em, due, ErasureReason.RETENTION_EXPIRED, new Date());
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
