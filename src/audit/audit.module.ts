import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';

import { AuditFailurePlugin } from './audit-failure.plugin.js';
import { AuditTrail } from './audit-trail.js';
import { AuditResolver } from './audit.resolver.js';
import { AuditService } from './audit.service.js';
import { MutationAuditInterceptor } from './mutation-audit.interceptor.js';

@Global()
@Module({
  providers: [
    AuditTrail,
    AuditService,
    AuditResolver,
    AuditFailurePlugin,
    { provide: APP_INTERCEPTOR, useClass: MutationAuditInterceptor },
  ],
  exports: [AuditTrail],
})
export class AuditModule {}
