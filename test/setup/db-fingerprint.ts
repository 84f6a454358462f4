import type { MikroORM } from '@mikro-orm/postgresql';

/**
 * A hash of every row of every domain table (the audit trail, which records refused attempts,
 * and the migrations table excepted): equal fingerprints mean nothing was changed.
 */
export async function domainFingerprint(orm: MikroORM): Promise<Record<string, string>> {
  const connection = orm.em.fork().getConnection();
  const tables: { table_name: string }[] = await connection.execute(
    `select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'
       and table_name not in ('audit_event', 'mikro_orm_migrations') order by table_name`,
  );
  const result: Record<string, string> = {};
  for (const { table_name } of tables) {
    const [row] = await connection.execute(
      `select count(*) || ':' || md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as h from "${table_name}" t`,
    );
    result[table_name] = row.h;
  }
  return result;
}
