import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';

import { IdentityVault } from './identity-vault.js';
import { backfillParticipants, participantHasColumn } from './participant-backfill.js';

/**
 * Participants registered before the statistical attributes were kept apart from the health record
 * (migration Privacy) get them at start-up, from their encrypted health record, which
 * only the service can read. Touches only rows still without attributes and with an identity, so it
 * is safe on every start and on several instances. Rows already erased keep none: their disability
 * was lost with the health record before this existed (README, residual risks).
 */
@Injectable()
export class StatisticalAttributesBackfill implements OnApplicationBootstrap {
  private readonly logger = new Logger('StatisticalAttributes');

  constructor(
    private readonly em: EntityManager,
    private readonly vault: IdentityVault,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const em = this.em.fork();
    if (!(await participantHasColumn(em, 'statistics_cipher'))) return;
    const { filled, unreadable } = await backfillStatisticalAttributes(em, this.vault);
    if (filled) this.logger.log(`statistical attributes filled in for ${filled} participants from their health records`);
    if (unreadable) this.logger.warn(`${unreadable} health records could not be decrypted with the configured key`);
  }
}

export function backfillStatisticalAttributes(em: EntityManager, vault: IdentityVault, batchSize = 500) {
  return backfillParticipants<{ id: string; cipher: string | null }, string>(
    em,
    {
      column: 'statistics_cipher',
      sqlType: 'text',
      select: 'i.health_cipher as cipher',
      compute: (row) =>
        vault.sealStatistics(row.id, { hasDisability: row.cipher ? vault.openHealth(row.id, row.cipher).hasDisability === true : false }),
    },
    batchSize,
  );
}
