import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';

import { ageOn } from './eligibility.js';
import { IdentityVault } from './identity-vault.js';

/**
 * Participants registered before the exact age at entry was kept (migration of 2026-12) get it at
 * start-up, computed from the date of birth in their encrypted identity, which only the service can
 * read (a SQL migration cannot). Runs after the migrations (main.ts migrates before listening),
 * touches only rows still without an age, and is therefore safe to run on every start and on
 * several instances. Records whose identity was erased keep no date of birth: they stay without
 * and are counted by birth year (indicator-inputs.ts).
 */
@Injectable()
export class AgeAtEntryBackfill implements OnApplicationBootstrap {
  private readonly logger = new Logger('AgeAtEntry');

  constructor(
    private readonly em: EntityManager,
    private readonly vault: IdentityVault,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const em = this.em.fork();
    // A database without the migrations (schema:generate's scratch database) has nothing to fill.
    const [{ migrated }] = await em
      .getConnection()
      .execute<{ migrated: boolean }[]>(
        `select exists (select 1 from information_schema.columns where table_schema = current_schema() and table_name = 'participant' and column_name = 'age_at_entry') as migrated`,
      );
    if (!migrated) return;
    const { filled, unreadable } = await backfillAgeAtEntry(em, this.vault);
    if (filled) this.logger.log(`exact age at entry filled in for ${filled} participants from their dates of birth`);
    if (unreadable)
      this.logger.warn(`${unreadable} identities could not be decrypted with the configured key; their age bands count by birth year`);
  }
}

export async function backfillAgeAtEntry(
  em: EntityManager,
  vault: IdentityVault,
  batchSize = 500,
): Promise<{ filled: number; unreadable: number }> {
  const connection = em.getConnection();
  let after = '00000000-0000-0000-0000-000000000000';
  let filled = 0;
  let unreadable = 0;
  for (;;) {
    const rows = await connection.execute<{ id: string; entryDate: string; cipher: string }[]>(
      `select p.id, to_char(p.entry_date, 'YYYY-MM-DD') as "entryDate", i.identity_cipher as cipher
         from participant p join participant_identity i on i.participant_id = p.id
        where p.age_at_entry is null and p.id > ? order by p.id limit ?`,
      [after, batchSize],
    );
    if (!rows.length) return { filled, unreadable };
    after = rows[rows.length - 1].id;
    const ages: [string, number][] = [];
    for (const row of rows) {
      try {
        ages.push([row.id, ageOn(vault.openIdentity(row.id, row.cipher).dateOfBirth, row.entryDate)]);
      } catch {
        unreadable++;
      }
    }
    if (!ages.length) continue;
    await connection.execute(
      `update participant p set age_at_entry = v.age from jsonb_to_recordset(?::jsonb) as v(id uuid, age smallint) where p.id = v.id and p.age_at_entry is null`,
      [JSON.stringify(ages.map(([id, age]) => ({ id, age })))],
    );
    filled += ages.length;
  }
}
