import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

import type { Params } from 'nestjs-pino';

import type { AppConfig } from '../config/app-config.js';

/** JSON logs with a request id (taken from X-Request-Id when a proxy sets one); secrets redacted. */
export function createLoggerOptions(config: AppConfig): Params {
  return {
    pinoHttp: {
      level: config.logLevel,
      // Echoed as a response header so a clerk's error report can be matched to the log line.
      genReqId: (req: IncomingMessage, res: ServerResponse) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      // Evaluated again when the response is logged: by then the body is parsed and the user known.
      customProps: (req: IncomingMessage) => ({ service: 'funding-program-tracker', ...requestContext(req) }),
      // Bodies are never logged: they may carry participant data.
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      redact: ['req.headers.authorization', 'req.headers.cookie'],
      autoLogging: { ignore: (req) => req.url === '/health' || (req.url ?? '').startsWith('/playground/assets') },
    },
  };
}

/** The GraphQL operation name (given, or read from the document) and the signed-in user's id. */
export function requestContext(req: IncomingMessage): { operation?: string; userId?: string } {
  const { body, user } = req as IncomingMessage & { body?: { operationName?: unknown; query?: unknown }; user?: { id: string } };
  let operation = typeof body?.operationName === 'string' ? body.operationName : undefined;
  if (!operation && typeof body?.query === 'string') {
    const match =
      /^\s*(?:#[^\n]*\n\s*)*(query|mutation|subscription)\s+(\w+)|^\s*\{\s*(\w+)|^\s*(?:query|mutation)\s*(?:\([^)]*\))?\s*\{\s*(\w+)/.exec(
        body.query,
      );
    operation = match ? (match[2] ?? match[3] ?? match[4]) : undefined;
  }
  return { ...(operation ? { operation } : {}), ...(user?.id ? { userId: user.id } : {}) };
}
