import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import type { Response } from 'express';

import { AppError } from '../common/errors/app-error.js';

const STATUS: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, BAD_USER_INPUT: 400, CONFLICT: 409 };

/** Download routes answer errors as HTTP status and JSON, with the same codes GraphQL uses. */
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
      response.status(STATUS[error.code] ?? 500).json({ code: error.code, message: error.message, ...error.extensions });
      return;
    }
    if (error instanceof HttpException) {
      response.status(error.getStatus()).json({ code: 'HTTP_ERROR', message: error.message });
      return;
    }
    response.status(500).json({ code: 'INTERNAL_SERVER_ERROR', message: 'The export failed.' });
  }
}
