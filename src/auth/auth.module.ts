import { Global, Module } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';

import { AccessService } from './access.service.js';
import { AuthGuard } from './auth.guard.js';
import { AuthResolver } from './auth.resolver.js';
import { AuthService } from './auth.service.js';
import { LoginThrottle } from './login-throttle.js';
import { OidcService } from './oidc.service.js';
import { OperationRegistry } from './operation-registry.js';

@Global()
@Module({
  imports: [DiscoveryModule],
  providers: [
    AuthService,
    AccessService,
    AuthResolver,
    OperationRegistry,
    LoginThrottle,
    OidcService,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AuthService, AccessService, OperationRegistry],
})
export class AuthModule {}
