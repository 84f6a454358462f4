import { EntityManager } from '@mikro-orm/postgresql';
import { Controller, Get, Res } from '@nestjs/common';
import pg from 'pg';

import { Public } from '../auth/allow.decorator.js';
import type { Response } from 'express';

/** A probe answers within this time, up or down (503 within a second while the database is down). */
const PROBE_TIMEOUT_MS = 900;

/**
 * Liveness and database reachability for load balancers and operators. The probe opens its own
 * short-lived connection instead of taking one from the pool: a pool busy with long requests must
 * not make a healthy database look down, and a dead database must not make the probe wait for the
 * pool's acquire timeout.
 */
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly em: EntityManager) {}

  @Get()
  async health(@Res() res: Response): Promise<void> {
    const started = process.hrtime.bigint();
    const client = new pg.Client({
      connectionString: this.em.config.get('clientUrl'),
      connectionTimeoutMillis: PROBE_TIMEOUT_MS,
      query_timeout: PROBE_TIMEOUT_MS,
    });
    client.on('error', () => undefined); // a dropped probe connection is the answer, not a crash
    try {
      await client.connect();
      await client.query('select 1');
      const latencyMs = Number(process.hrtime.bigint() - started) / 1e6;
      res.status(200).json({ status: 'ok', database: { status: 'up', latencyMs: Math.round(latencyMs * 10) / 10 } });
    } catch {
      res.status(503).json({ status: 'error', database: { status: 'down' } });
    } finally {
      void client.end().catch(() => undefined);
    }
  }
}
