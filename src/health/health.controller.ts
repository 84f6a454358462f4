import { EntityManager } from '@mikro-orm/postgresql';
import { Controller, Get, Res } from '@nestjs/common';

import { Public } from '../auth/allow.decorator.js';
import type { Response } from 'express';

/** Liveness and database reachability for load balancers and operators. */
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly em: EntityManager) {}

  @Get()
  async health(@Res() res: Response): Promise<void> {
    const started = process.hrtime.bigint();
    try {
      await this.em.getConnection().execute('select 1');
      const latencyMs = Number(process.hrtime.bigint() - started) / 1e6;
      res.status(200).json({ status: 'ok', database: { status: 'up', latencyMs: Math.round(latencyMs * 10) / 10 } });
    } catch {
      res.status(503).json({ status: 'error', database: { status: 'down' } });
    }
  }
}
