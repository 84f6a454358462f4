import { EntityManager } from '@mikro-orm/postgresql';
import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { defer, lastValueFrom, Observable } from 'rxjs';

import { ALLOW_KEY } from '../auth/allow.decorator.js';
import type { GraphQLContext } from '../common/graphql/graphql-context.js';
import { successEvent } from './audit-event.factory.js';
import { type AuditScope, auditScope } from './audit-trail.js';
import { AuditEvent } from './entities/audit-event.entity.js';
import { MUTATION_TRANSACTION_KEY, type MutationTransactionOptions, withRetries } from './mutation-transaction.js';

/**
 * Runs every root mutation in one transaction (services join it with `joinTransaction`,
 * src/database/transactions.ts) and, when the resolver succeeds, writes exactly one audit event in that
 * same transaction from the changes the services reported through AuditTrail.record. A failure
 * rolls everything back; AuditFailurePlugin then logs the attempt outside the transaction.
 */
@Injectable()
export class MutationAuditInterceptor implements NestInterceptor {
  constructor(
    private readonly em: EntityManager,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType<string>() !== 'graphql') return next.handle();
    const gql = GqlExecutionContext.create(context);
    const info = gql.getInfo<GraphQLResolveInfo>();
    if (info.parentType !== info.schema.getMutationType()) return next.handle();

    const options = this.reflector.get<MutationTransactionOptions | undefined>(MUTATION_TRANSACTION_KEY, context.getHandler()) ?? {};
    const allowed = this.reflector.get<string[] | string | undefined>(ALLOW_KEY, context.getHandler());
    const { req } = gql.getContext<GraphQLContext>();
    const args = gql.getArgs<Record<string, unknown>>();

    if (options.auditOnly) {
      return defer(async () => {
        const scope: AuditScope = { changes: [] };
        const result = await auditScope.run(scope, () => lastValueFrom(next.handle(), { defaultValue: undefined }));
        const user = req.user ?? (scope.actor && { ...scope.actor, grants: [] });
        const em = this.em.fork();
        em.create(
          AuditEvent,
          successEvent(
            { operation: info.fieldName, user, allowedRoles: Array.isArray(allowed) ? allowed : undefined, args },
            scope.changes,
          ),
        );
        await em.flush();
        return result;
      });
    }
    const attempt = () =>
      this.em.transactional(
        async (em) => {
          const scope: AuditScope = { changes: [] };
          // next.handle() binds the resolver to the async context it is called in: inside this
          // transaction and this audit scope.
          const result = await auditScope.run(scope, () => lastValueFrom(next.handle(), { defaultValue: undefined }));
          const user = req.user ?? (scope.actor && { ...scope.actor, grants: [] });
          const attemptInfo = { operation: info.fieldName, user, allowedRoles: Array.isArray(allowed) ? allowed : undefined, args };
          em.create(AuditEvent, successEvent(attemptInfo, scope.changes));
          return result;
        },
        { isolationLevel: options.isolationLevel },
      );
    return defer(() => withRetries(attempt, options.retries ?? 0));
  }
}
