import type { NestExpressApplication } from '@nestjs/platform-express';

import type { AppConfig } from '../config/app-config.js';

/**
 * Express settings for running behind a reverse proxy (server.ts and the test app): `trust proxy`
 * so that rate limits and logs see the client's address, CORS only for the configured origins, and
 * no `X-Powered-By` banner.
 */
export function applyHttpPlatform(app: NestExpressApplication, http: AppConfig['http']): void {
  app.disable('x-powered-by');
  app.set('trust proxy', http.trustProxy);
  if (http.corsOrigins.length > 0) {
    app.enableCors({ origin: http.corsOrigins, exposedHeaders: ['X-Request-Id'], maxAge: 600 });
  }
}
