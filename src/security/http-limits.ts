import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';

import type { GraphQLLimits } from '../config/app-config.js';
import { graphQLErrorBody } from './security-errors.js';

/**
 * Request body limit for every route, answered in GraphQL's error shape. Call before `init()` /
 * `listen()` (main.ts and the test app do): the parsers registered here replace Nest's defaults.
 */
export function applyHttpLimits(app: NestExpressApplication, limits: GraphQLLimits): void {
  const limit = `${limits.bodyLimitKb}kb`;
  app.useBodyParser('json', { limit });
  app.useBodyParser('urlencoded', { limit, extended: false });
  app.use((error: { type?: string; status?: number } | undefined, _req: Request, res: Response, next: NextFunction) => {
    if (error?.type === 'entity.too.large') {
      res.status(413).json(
        graphQLErrorBody('PAYLOAD_TOO_LARGE', `The request body is larger than ${limit} (limit: HTTP_BODY_LIMIT_KB).`, {
          limitKb: limits.bodyLimitKb,
        }),
      );
    } else if (error?.type === 'entity.parse.failed') {
      res.status(400).json(graphQLErrorBody('BAD_REQUEST', 'The request body is not valid JSON.'));
    } else {
      next(error);
    }
  });
}
