import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import type { Response } from 'express';

import { AppError } from './app-error.js';
import { HTTP_STATUS } from './http-status.js';

/**
 * REST routes (downloads, uploads) answer errors as HTTP status and JSON, with the same codes and
 * extensions (field, file, line …) GraphQL uses.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (response.headersSent) {
      // A stream failed midway: the only honest signal left is to cut the connection.
      response.destroy(error as Error);
      return;
    }
    if (error instanceof AppError) {
      const retryAfter = error.extensions.retryAfterSeconds;
      if (error.code === 'RATE_LIMITED' && typeof retryAfter === 'number') response.setHeader('Retry-After', String(retryAfter));
      response.status(HTTP_STATUS[error.code]).json({ code: error.code, message: error.message, ...error.extensions });
      return;
    }
    if (error instanceof HttpException) {
      response.status(error.getStatus()).json({ code: 'HTTP_ERROR', message: error.message });
      return;
    }
    response.status(500).json({ code: 'INTERNAL_SERVER_ERROR', message: 'The request failed.' });
  }
}
