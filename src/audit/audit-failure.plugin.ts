import type { ApolloServerPlugin, GraphQLRequestContextDidEncounterErrors, GraphQLRequestListener } from '@apollo/server';
import { MikroORM } from '@mikro-orm/postgresql';
import { Plugin } from '@nestjs/apollo';
import { Logger } from '@nestjs/common';
import { type FieldNode, getArgumentValues, type GraphQLError, type GraphQLSchema, Kind } from 'graphql';

import { AuthService } from '../auth/auth.service.js';
import { OperationRegistry } from '../auth/operation-registry.js';
import { isDatabaseUnavailable } from '../common/errors/format-error.js';
import type { GraphQLContext } from '../common/graphql/graphql-context.js';
import { failureEvent } from './audit-event.factory.js';
import { outcomeOf } from './audit-outcome.enum.js';
import { AuditEvent } from './entities/audit-event.entity.js';

/**
 * Logs refused and failed mutation attempts, including those the guard refused before the audit
 * interceptor ran: one event per root mutation field that ended in an error. Only requests that
 * got as far as execution count (a document refused by parsing, validation or the limits is not
 * an attempt on any operation). Rate-limit refusals are not logged, so a flood cannot fill the table.
 */
@Plugin()
export class AuditFailurePlugin implements ApolloServerPlugin<GraphQLContext> {
  private readonly logger = new Logger('Audit');

  constructor(
    private readonly orm: MikroORM,
    private readonly operations: OperationRegistry,
    private readonly auth: AuthService,
  ) {}

  async requestDidStart(): Promise<GraphQLRequestListener<GraphQLContext>> {
    return { didEncounterErrors: (context) => this.logFailures(context) };
  }

  private async logFailures({ errors, operation, schema, request, contextValue }: GraphQLRequestContextDidEncounterErrors<GraphQLContext>) {
    if (operation?.operation !== 'mutation') return;
    // The database is down: the event cannot be written, and trying would hold the answer for the
    // pool's acquire timeout. The outage itself is logged by the error formatter.
    if (errors.some((e) => isDatabaseUnavailable(e.originalError ?? e))) return;
    const firstErrorByField = new Map<string, GraphQLError>();
    for (const error of errors) {
      const key = error.path?.length === 1 ? String(error.path[0]) : undefined;
      if (key && !firstErrorByField.has(key)) firstErrorByField.set(key, error);
    }
    // Refused while coercing variables (before execution, so no path): the attempt is still an
    // attempt on every root field of the mutation.
    const atVariables = !firstErrorByField.size && errors.some((e) => !e.path && /^Variable "\$/.test(e.message));
    if (atVariables) {
      for (const selection of operation.selectionSet.selections) {
        if (selection.kind === Kind.FIELD) firstErrorByField.set((selection.alias ?? selection.name).value, errors[0]);
      }
    }
    // Variables are coerced before the guard runs: find the signed-in user here (a bad token stays anonymous).
    const user =
      contextValue.req.user ??
      (atVariables ? await this.auth.userFromHeader(contextValue.req.headers.authorization).catch(() => undefined) : undefined);
    const events = [...firstErrorByField].flatMap(([responseKey, error]) => {
      const code = (error.extensions?.code as string | undefined) ?? (atVariables ? 'BAD_USER_INPUT' : undefined);
      if (code === 'RATE_LIMITED') return [];
      const field = operation.selectionSet.selections.find(
        (s): s is FieldNode => s.kind === Kind.FIELD && (s.alias ?? s.name).value === responseKey,
      );
      const name = field?.name.value ?? responseKey;
      const attempt = {
        operation: name,
        user,
        allowedRoles: this.operations.rolesOf('Mutation', name),
        args: argsOf(schema, field, request.variables),
      };
      return [failureEvent(attempt, outcomeOf(code), code)];
    });
    if (!events.length) return;
    try {
      const em = this.orm.em.fork();
      for (const event of events) em.create(AuditEvent, event);
      await em.flush();
    } catch (error) {
      this.logger.error({ err: error }, 'could not write the audit event of a failed mutation');
    }
  }
}

function argsOf(schema: GraphQLSchema, field: FieldNode | undefined, variables: Record<string, unknown> | undefined) {
  const definition = field && schema.getMutationType()?.getFields()[field.name.value];
  if (!field || !definition) return undefined;
  try {
    return getArgumentValues(definition, field, variables ?? {});
  } catch {
    return undefined; // arguments that do not even coerce carry no ids worth keeping
  }
}
