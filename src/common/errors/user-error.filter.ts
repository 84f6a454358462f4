import { type ArgumentsHost, Catch, Logger } from '@nestjs/common';
import type { GqlExceptionFilter } from '@nestjs/graphql';
import type { Response } from 'express';

import { AppError } from './app-error.js';

const HTTP_STATUS: Partial<Record<string, number>> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  SERVICE_UNAVAILABLE: 503,
};

/**
 * A refusal meant for the client (AppError) is an everyday event, not a fault: logged at info level
 * with its code and field, without a stack trace. Without this filter Nest's default
 * handler logs every one of them at error level with the stack. The error itself goes on unchanged.
 */
@Catch(AppError)
export class UserErrorFilter implements GqlExceptionFilter {
  private readonly logger = new Logger('UserError');

  catch(error: AppError, host: ArgumentsHost) {
    const { code, field } = error.extensions as { code?: string; field?: string };
    this.logger.log(`${code ?? 'ERROR'}${field ? ` (${field})` : ''}: ${error.message}`);
    if (host.getType<string>() === 'graphql') return error;
    const response = host.switchToHttp().getResponse<Response>();
    response.status(HTTP_STATUS[code ?? ''] ?? 400).json({ errors: [{ message: error.message, extensions: error.extensions }] });
    return undefined;
  }
}
