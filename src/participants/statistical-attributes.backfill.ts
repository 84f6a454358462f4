import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';

import { IdentityVault } from './identity-vault.js';

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
    const [{ migrated }] = await em
      .getConnection()
      .execute<{ migrated: boolean }[]>(
        `select exists (select 1 from information_schema.columns where table_schema = current_schema() and table_name = 'participant' and column_name = 'statistics_cipher') as migrated`,
      );
    if (!migrated) return;
    const { filled, unreadable } = await backfillStatisticalAttributes(em, this.vault);
    if (filled) this.logger.log(`statistical attributes filled in for ${filled} participants from their health records`);
    if (unreadable) this.logger.warn(`${unreadable} health records could not be decrypted with the configured key`);
  }
}

export async function backfillStatisticalAttributes(
  em: EntityManager,
  vault: IdentityVault,
  batchSize = 500,
): Promise<{ filled: number; unreadable: number }> {
  const connection = em.getConnection();
  let after = '00000000-0000-0000-0000-000000000000';
  let filled = 0;
  let unreadable = 0;
  for (;;) {
    const rows = await connection.execute<{ id: string; cipher: string | null }[]>(
      `select p.id, i.health_cipher as cipher
         from participant p join participant_identity i on i.participant_id = p.id
        where p.statistics_cipher is null and p.id > ? order by p.id limit ?`,
      [after, batchSize],
    );
    if (!rows.length) return { filled, unreadable };
    after = rows[rows.length - 1].id;
    const sealed: { id: string; cipher: string }[] = [];
    for (const row of rows) {
      try {
        const hasDisability = row.cipher ? vault.openHealth(row.id, row.cipher).hasDisability === true : false;
        sealed.push({ id: row.id, cipher: vault.sealStatistics(row.id, { hasDisability }) });
      } catch {
        unreadable++;
      }
    }
    if (!sealed.length) continue;
    await connection.execute(
      `update participant p set statistics_cipher = v.cipher from jsonb_to_recordset(?::jsonb) as v(id uuid, cipher text) where p.id = v.id and p.statistics_cipher is null`,
      [JSON.stringify(sealed)],
    );
    filled += sealed.length;
  }
}
