import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Request } from 'express';

import { AppError, forbidden } from '../common/errors/app-error.js';
import { ALLOW_KEY, PUBLIC } from './allow.decorator.js';
import type { AuthUser } from './auth-user.js';
import { AuthService } from './auth.service.js';
import { Role } from './role.enum.js';

/**
 * Global guard for every query, mutation and route: reads the bearer token, then applies the
 * operation's @Allow declaration. No declaration means no access (deny by default).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = requestOf(context);
    const allowed = this.reflector.getAllAndOverride<Role[] | typeof PUBLIC | undefined>(ALLOW_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    const user = await this.userOf(request);
    if (allowed === PUBLIC) return true;
    if (!allowed) throw forbidden('This operation is not open to any role.');
    if (!user) {
      throw new AppError(
        'UNAUTHENTICATED',
        'Please sign in first (login mutation, then send the token as "Authorization: Bearer <token>").',
        undefined,
        {
          requiredRoles: allowed,
        },
      );
    }
    if (!user.grants.some((g) => allowed.includes(g.role))) {
      // requiredRoles tells a refusal by role declaration apart from a service's own FORBIDDEN.
      throw new AppError('FORBIDDEN', `This needs one of the roles ${allowed.join(', ')}.`, undefined, { requiredRoles: allowed });
    }
    return true;
  }

  private async userOf(request: Request & { user?: AuthUser }): Promise<AuthUser | undefined> {
    request.user ??= await this.auth.userFromHeader(request.headers.authorization);
    return request.user;
  }
}

function requestOf(context: ExecutionContext): Request & { user?: AuthUser } {
  return context.getType<string>() === 'graphql'
    ? GqlExecutionContext.create(context).getContext().req
    : context.switchToHttp().getRequest();
}
