import type { EntityManager } from '@mikro-orm/postgresql';

/** Whether the migrations have added `column` to `participant` (a scratch database without them has nothing to fill). */
export async function participantHasColumn(em: EntityManager, column: string): Promise<boolean> {
  const [{ migrated }] = await em
    .getConnection()
    .execute<{ migrated: boolean }[]>(
      `select exists (select 1 from information_schema.columns where table_schema = current_schema() and table_name = 'participant' and column_name = ?) as migrated`,
      [column],
    );
  return migrated;
}

export interface ParticipantBackfill<R extends { id: string }, V> {
  /** The column to fill; only rows where it is null are read and written. */
  column: string;
  /** Its SQL type, for the batch's jsonb_to_recordset. */
  sqlType: string;
  /** What `compute` needs besides `p.id`, selected from `participant p` joined to `participant_identity i`. */
  select: string;
  /** The value from the row; throws when the row's cipher does not open with the configured key. */
  compute(row: R): V;
}

/**
 * Fills a column of participants registered before it existed, from data only the service can read
 * (their encrypted identity or health record; a SQL migration cannot). Goes through the rows still
 * without a value in batches by id and writes each batch in one statement that again skips filled
 * rows, so it is safe on every start and on several instances. Rows without an identity (erased)
 * are left out; a row whose cipher does not open is counted as unreadable and left as it is.
 */
export async function backfillParticipants<R extends { id: string }, V>(
  em: EntityManager,
  spec: ParticipantBackfill<R, V>,
  batchSize = 500,
): Promise<{ filled: number; unreadable: number }> {
  const connection = em.getConnection();
  const column = `"${spec.column}"`;
  let after = '00000000-0000-0000-0000-000000000000';
  let filled = 0;
  let unreadable = 0;
  for (;;) {
    const rows = await connection.execute<R[]>(
      `select p.id, ${spec.select}
         from participant p join participant_identity i on i.participant_id = p.id
        where p.${column} is null and p.id > ? order by p.id limit ?`,
      [after, batchSize],
    );
    if (!rows.length) return { filled, unreadable };
    after = rows[rows.length - 1].id;
    const values: { id: string; value: V }[] = [];
    for (const row of rows) {
      try {
        values.push({ id: row.id, value: spec.compute(row) });
      } catch {
        unreadable++;
      }
    }
    if (!values.length) continue;
    await connection.execute(
      `update participant p set ${column} = v.value from jsonb_to_recordset(?::jsonb) as v(id uuid, value ${spec.sqlType})
        where p.id = v.id and p.${column} is null`,
      [JSON.stringify(values)],
    );
    filled += values.length;
  }
}
