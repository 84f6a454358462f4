import { MikroORM } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';

/** Rows between two progress writes: often enough for a progress bar, rare enough to cost nothing. */
export const PROGRESS_EVERY = 2_000;

/**
 * Writes how far a parse, preview or commit has got, each write its own autocommit statement on
 * a connection of its own: the work itself runs in one long transaction, whose writes nobody
 * sees before it ends, and progress must be visible from any instance while it runs.
 */
@Injectable()
export class ImportProgressTracker {
  constructor(private readonly orm: MikroORM) {}

  async set(
    importId: string,
    projectId: string,
    phase: string,
    done: number,
    total: number | null,
    finished = false,
    error: string | null = null,
  ): Promise<void> {
    await this.orm.em.fork().execute(
      `insert into import_progress (import_id, project_id, phase, done, total, finished, error, updated_at) values (?, ?, ?, ?, ?, ?, ?, now())
       on conflict (import_id) do update set phase = excluded.phase, done = excluded.done, total = excluded.total, finished = excluded.finished, error = excluded.error, updated_at = now()`,
      [importId, projectId, phase, done, total, finished, error],
      'run',
    );
  }
}
