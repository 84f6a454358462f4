import { EntityManager } from '@mikro-orm/postgresql';
import { Controller, Get, type OnApplicationShutdown, Res } from '@nestjs/common';
import pg from 'pg';

import { Public } from '../auth/allow.decorator.js';
import type { Response } from 'express';

/** A probe answers within this time, up or down (503 within a second while the database is down). */
const PROBE_TIMEOUT_MS = 900;

/**
 * Liveness and database reachability for load balancers and operators. The probe keeps one
 * connection of its own outside the pool: a pool busy with long requests must not make a healthy
 * database look down, and a dead database must not make the probe wait for the pool's acquire
 * timeout. The connection is kept rather than opened per probe, because opening one costs more
 * than the probe itself while the database is busy (an export); any failure drops it, and the next
 * probe connects again.
 */
@Public()
@Controller('health')
export class HealthController implements OnApplicationShutdown {
  private probe: Promise<pg.Client> | null = null;

  constructor(private readonly em: EntityManager) {}

  @Get()
  async health(@Res() res: Response): Promise<void> {
    const started = process.hrtime.bigint();
    const probe = this.connection();
    try {
      const client = await probe;
      await client.query('select 1');
      const latencyMs = Number(process.hrtime.bigint() - started) / 1e6;
      res.status(200).json({ status: 'ok', database: { status: 'up', latencyMs: Math.round(latencyMs * 10) / 10 } });
    } catch {
      this.drop(probe);
      res.status(503).json({ status: 'error', database: { status: 'down' } });
    }
  }

  onApplicationShutdown(): void {
    if (this.probe) this.drop(this.probe);
  }

  private connection(): Promise<pg.Client> {
    if (this.probe) return this.probe;
    const client = new pg.Client({
      connectionString: this.em.config.get('clientUrl'),
      connectionTimeoutMillis: PROBE_TIMEOUT_MS,
      query_timeout: PROBE_TIMEOUT_MS,
    });
    const probe = client.connect().then(() => client);
    // A dropped probe connection is the answer, not a crash: forget it, the next probe reconnects.
    client.on('error', () => this.drop(probe));
    probe.catch(() => {
      this.drop(probe);
      void client.end().catch(() => undefined);
    });
    this.probe = probe;
    return probe;
  }

  private drop(probe: Promise<pg.Client>): void {
    if (this.probe === probe) this.probe = null;
    void probe.then((client) => client.end()).catch(() => undefined);
  }
}
