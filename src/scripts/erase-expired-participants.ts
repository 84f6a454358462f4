/**
 * `npm run participants:erase-expired -- [YYYY-MM-DD] [--dry-run] [--yes]`: erases identity and health
 * data of every participant whose retain-until date lies before today (or an earlier given day), in
 * all projects, in one transaction. Prints pseudonymous counts only; the erased values are never read.
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
import { confirm, parseCli, runCli, UsageError } from './cli.js';
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
  throw new UsageError('The embedded database is in use by a running service. Stop the service first, or set DATABASE_URL.');
}

const USAGE = `Erases the identity and health data of participants whose retention period has ended.

  npm run participants:erase-expired -- [YYYY-MM-DD] [--dry-run] [--yes]

  YYYY-MM-DD  erase what expired before this day (default: today; a future day is refused)
  --dry-run   count per project what would be erased; change nothing
  --yes       erase without asking (cron jobs); otherwise the script asks on the terminal

Uses DATABASE_URL, or the embedded database in EMBEDDED_PG_DIR (stop the service first).`;

function asOfDate(given: string | undefined): string {
  const today = todayUtc();
  if (given === undefined) return today;
  let day: string;
  try {
    day = parseLocalDate(given);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (day > today)
    throw new UsageError(`${day} lies in the future: retention periods that have not ended yet are never erased (today is ${today}).`);
  return day;
}

runCli(async () => {
  const { values, positionals } = parseCli(
    USAGE,
    { 'dry-run': { type: 'boolean' }, yes: { type: 'boolean', short: 'y' } },
    { positionals: 1 },
  );
  const today = asOfDate(positionals[0]);
  const config = loadConfig();
  await refuseWhileServiceRuns(config);
  const database = await openDatabase(
    config,
    () => undefined,
    (m) => process.stderr.write(`${m}\n`),
  );
  const orm = await MikroORM.init(createOrmConfig({ url: database.url }));
  try {
    await orm.migrator.up(); // the same schema the service would bring it to on start
    const dueWhere = { retainUntil: { $lt: today }, identityErasedAt: null };
    const counts = await orm.em
      .fork()
      .getConnection()
      .execute<{ project_id: string; n: number }[]>(
        'select project_id, count(*)::int as n from participant where retain_until < ? and identity_erased_at is null group by project_id order by project_id',
        [today],
      );
    const total = counts.reduce((sum, row) => sum + row.n, 0);
    if (values['dry-run'] || total === 0) {
      for (const row of counts)
        console.log(JSON.stringify({ event: 'participant_identities_due', asOf: today, projectId: row.project_id, count: row.n }));
      console.log(
        JSON.stringify({
          event: values['dry-run'] ? 'erase_expired_dry_run' : 'erase_expired_done',
          asOf: today,
          [values['dry-run'] ? 'due' : 'erased']: total,
        }),
      );
      return 0;
    }
    if (
      !values.yes &&
      !(await confirm(
        `Erase the identities of ${total} participants in ${counts.length} project(s), retention ended before ${today}? This cannot be undone.`,
      ))
    ) {
      throw new UsageError(
        `Nothing erased: ${total} identities are due; confirm on a terminal or pass --yes (see --dry-run for the list per project).`,
      );
    }
    const changes = await orm.em.fork().transactional(async (em) => {
      const due = await em.find(Participant, dueWhere, { orderBy: { project: 'asc', pseudonym: 'asc' } });
      const erasedChanges = await eraseIdentities(em, due, ErasureReason.RETENTION_EXPIRED, new Date());
      // One audit event per project, in the same transaction, like a mutation's (redacted, no user).
      for (const projectId of new Set(erasedChanges.map((c) => c.projectId))) {
        em.create(
          AuditEvent,
          successEvent(
            { operation: 'participants:erase-expired' },
            erasedChanges.filter((c) => c.projectId === projectId),
          ),
        );
      }
      await em.flush();
      return erasedChanges;
    });
    const erased = changes.filter((c) => c.entity === 'Participant');
    const byProject = new Map<string, unknown[]>();
    for (const change of erased)
      byProject.set(change.projectId ?? 'none', [...(byProject.get(change.projectId ?? 'none') ?? []), change.after?.pseudonym]);
    for (const [projectId, pseudonyms] of byProject) {
      console.log(
        JSON.stringify({
          event: 'participant_identities_erased',
          reason: ErasureReason.RETENTION_EXPIRED,
          asOf: today,
          projectId,
          count: pseudonyms.length,
          pseudonyms,
        }),
      );
    }
    console.log(JSON.stringify({ event: 'erase_expired_done', asOf: today, erased: erased.length }));
    return 0;
  } finally {
    await orm.close();
    await database.stop();
  }
});
