import type { Opt } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * How far a running parse, preview or commit has got. Written outside the work's own
 * transaction (autocommit), so that any instance can answer `importProgress` while it runs.
 * No foreign key: the row appears before the import's own row is committed.
 */
@Entity({ tableName: 'import_progress' })
export class ImportProgress {
  @PrimaryKey({ type: 'uuid' })
  importId: string;

  @Property({ type: 'uuid' })
  projectId: string;

  @Property({ type: 'string', length: 20 })
  phase: string;

  @Property({ type: 'integer' })
  done: number;

  @Property({ type: 'integer', nullable: true })
  total?: number | null;

  @Property({ type: 'boolean' })
  finished: boolean;

  @Property({ type: 'text', nullable: true })
  error?: string | null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  updatedAt: Opt<Date> = new Date();
}
