import { Module } from '@nestjs/common';

import { IntrospectionGatePlugin } from './introspection.plugin.js';

/** The hardened endpoint's Apollo plugins that need services (the rest is configured in AppModule). */
@Module({ providers: [IntrospectionGatePlugin] })
export class SecurityModule {}
