import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';

import { ageOn } from './eligibility.js';
import { IdentityVault } from './identity-vault.js';
import { backfillParticipants, participantHasColumn } from './participant-backfill.js';

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
    if (!(await participantHasColumn(em, 'age_at_entry'))) return;
    const { filled, unreadable } = await backfillAgeAtEntry(em, this.vault);
    if (filled) this.logger.log(`exact age at entry filled in for ${filled} participants from their dates of birth`);
    if (unreadable)
      this.logger.warn(`${unreadable} identities could not be decrypted with the configured key; their age bands count by birth year`);
  }
}

export function backfillAgeAtEntry(em: EntityManager, vault: IdentityVault, batchSize = 500) {
  return backfillParticipants<{ id: string; entryDate: string; cipher: string }, number>(
    em,
    {
      column: 'age_at_entry',
      sqlType: 'smallint',
      select: `to_char(p.entry_date, 'YYYY-MM-DD') as "entryDate", i.identity_cipher as cipher`,
      compute: (row) => ageOn(vault.openIdentity(row.id, row.cipher).dateOfBirth, row.entryDate),
    },
    batchSize,
  );
}
