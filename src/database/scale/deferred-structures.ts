import type pg from 'pg';

/** One index or constraint taken off for the bulk load, with what recreates it. */
export interface DeferredStructure {
  kind: 'foreign key' | 'unique' | 'index';
  table: string;
  name: string;
  /** The statement that recreates it exactly (from pg_get_constraintdef / pg_get_indexdef). */
  create: string;
}

/**
 * Takes the indexes, primary/unique keys and foreign keys of `tables` off (and the foreign keys of
 * other tables that point at their keys), so that COPY only appends heap rows; `restore` then builds
 * each index once over all rows (a sort instead of millions of B-tree inserts) and re-adds each
 * foreign key with one validating join instead of one trigger lookup per row. Check constraints stay.
 *
 * Meant for one transaction around drop, load and restore: PostgreSQL's DDL is transactional, so a
 * crash or an error anywhere rolls back to the untouched schema and nothing half-loaded remains.
 * The definitions are read from the catalogue, so whatever the migrations made is rebuilt as it was.
 */
export async function dropForBulkLoad(client: pg.ClientBase, tables: string[]): Promise<DeferredStructure[]> {
  const inScope = `(select c.oid from pg_class c where c.relname = any($1::text[]) and c.relnamespace = current_schema()::regnamespace)`;
  const constraints = await client.query<{ table: string; name: string; type: string; def: string }>(
    `select conrelid::regclass::text as table, conname as name, contype as type, pg_get_constraintdef(oid) as def
       from pg_constraint
      where (contype in ('p', 'u') and conrelid in ${inScope})
         or (contype = 'f' and (conrelid in ${inScope} or confrelid in ${inScope}))
      order by conrelid::regclass::text, conname`,
    [tables],
  );
  const indexes = await client.query<{ table: string; name: string; def: string }>(
    `select i.indrelid::regclass::text as table, i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def
       from pg_index i
      where i.indrelid in ${inScope}
        and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid and k.conrelid = i.indrelid)
      order by 1, 2`,
    [tables],
  );
  const foreignKeys = constraints.rows.filter((c) => c.type === 'f');
  const keys = constraints.rows.filter((c) => c.type !== 'f');
  const deferred: DeferredStructure[] = [
    ...indexes.rows.map((i) => ({ kind: 'index' as const, table: i.table, name: i.name, create: i.def })),
    ...keys.map((k) => ({
      kind: 'unique' as const,
      table: k.table,
      name: k.name,
      create: `alter table ${k.table} add constraint "${k.name}" ${k.def}`,
    })),
    ...foreignKeys.map((f) => ({
      kind: 'foreign key' as const,
      table: f.table,
      name: f.name,
      create: `alter table ${f.table} add constraint "${f.name}" ${f.def}`,
    })),
  ];
  // Foreign keys first: a key cannot go while a foreign key depends on its index.
  for (const f of foreignKeys) await client.query(`alter table ${f.table} drop constraint "${f.name}"`);
  for (const k of keys) await client.query(`alter table ${k.table} drop constraint "${k.name}"`);
  for (const i of indexes.rows) await client.query(`drop index ${i.name}`);
  return deferred;
}

/** Rebuilds what dropForBulkLoad took off: indexes and keys first, then the foreign keys that need them. */
export async function restoreAfterBulkLoad(
  client: pg.ClientBase,
  deferred: DeferredStructure[],
  onEach: (s: DeferredStructure, ms: number) => void = () => undefined,
): Promise<void> {
  for (const s of deferred) {
    const started = performance.now();
    await client.query(s.create);
    onEach(s, performance.now() - started);
  }
}
