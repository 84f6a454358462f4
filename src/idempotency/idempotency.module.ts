import { Global, Module } from '@nestjs/common';

import { IdempotencyService } from './idempotency.service.js';

/** Idempotency keys for money mutations (drawdowns, the receipt ledger). */
@Global()
@Module({ providers: [IdempotencyService], exports: [IdempotencyService] })
export class IdempotencyModule {}
