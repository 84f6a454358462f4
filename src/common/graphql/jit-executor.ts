import type { ApolloServerOptions, ApolloServerPlugin } from '@apollo/server';
import type { ApolloDriverConfig } from '@nestjs/apollo';
import { Injectable } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import {
  BREAK,
  GraphQLError,
  type DocumentNode,
  execute,
  type ExecutionResult,
  getNamedType,
  type GraphQLSchema,
  isInputObjectType,
  Kind,
  type OperationDefinitionNode,
  printSchema,
  typeFromAST,
  visit,
} from 'graphql';
import { getVariableValues } from 'graphql/execution/values.js';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';

import { ApolloExpressDriver } from './apollo-express.js';
import type { GraphQLContext } from './graphql-context.js';

type Gateway = NonNullable<ApolloServerOptions<object>['gateway']>;

/**
 * Runs read operations with graphql-jit instead of graphql-js's interpreter.
 *
 * graphql-js walks the query for every request, field by field, through several promise-aware
 * helpers per cell; on a page of 50 rows that walk cost more Node time than PostgreSQL spent
 * answering. graphql-jit compiles each distinct document once into a function with the same
 * resolvers, scalars, null propagation and error paths, and runs that.
 *
 * Only queries whose inputs are plain values go that way: graphql-jit coerces input objects its
 * own way (it ignores an input field's default value, and its errors do not name the bad field),
 * so any operation with an input object, as a variable or inline, and every mutation stays on
 * graphql-js. Those are the ones where the database dominates anyway.
 *
 * Apollo Server 5 has no executor option; its extension point for one is the gateway interface,
 * implemented here for a local schema. Parsing, validation, the document cache, plugins and error
 * formatting stay Apollo's. Compiled queries are kept per parsed document (Apollo caches parsed
 * documents by query text, so a repeated query arrives as the same object and compiles once, on
 * its second run); the WeakMap lets a document evicted from Apollo's cache take its compiled query
 * with it.
 */
export function jitGateway(schema: GraphQLSchema): Gateway & { compiledDocuments(): number } {
  // Per document and operation: 'seen' after its first run (on graphql-js), then the compiled
  // query, or null when it does not suit compilation, or graphql-jit's own error answer.
  const plans = new WeakMap<DocumentNode, Map<string, 'seen' | CompiledQuery | ExecutionResult | null>>();
  let compiled = 0;
  const planOf = (document: DocumentNode, operation: OperationDefinitionNode, operationName: string | null) => {
    let byName = plans.get(document);
    if (!byName) plans.set(document, (byName = new Map()));
    const key = operationName ?? '';
    let plan = byName.get(key);
    // Compiling costs far more than one interpreted run: a document is compiled when it comes a
    // second time, so a client sending nothing but new documents never makes the service compile.
    if (plan === undefined) {
      byName.set(key, 'seen');
      return null;
    }
    if (plan === 'seen') {
      // Stack capture is off: clients see the same messages and paths, and internal errors are
      // logged by the error formatter with the resolver's own stack.
      plan = jitSuits(schema, document, operation)
        ? compileQuery(schema, document, operationName ?? undefined, { disablingCapturingStackErrors: true })
        : null;
      if (plan && isCompiledQuery(plan)) compiled++;
      byName.set(key, plan);
    }
    return plan;
  };
  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      return () => undefined;
    },
    async load() {
      return {
        executor: async ({ document, operation, operationName, context, request }) => {
          const variableValues = request.variables ?? {};
          const plan = planOf(document, operation, operationName);
          if (plan && !isCompiledQuery(plan)) return plan;
          if (!plan) return execute({ schema, document, operationName, contextValue: context, variableValues });
          const result = await plan.query(undefined, context, variableValues);
          // A refused variable: graphql-js's error names the bad value's path, which the error
          // formatter turns into the field a clerk sees.
          if (result.errors?.length && result.data === undefined) {
            const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variableValues);
            if (coerced.errors) return { errors: coerced.errors };
          }
          return result.errors ? { ...result, errors: result.errors.map(asGraphQLJsError) } : result;
        },
      };
    },
    async stop() {},
    compiledDocuments: () => compiled,
  };
}

/**
 * graphql-jit's errors only borrow graphql-js's prototype: their message is read-only and they
 * carry no nodes. The error formatter and Apollo treat errors as graphql-js makes them, so each
 * becomes one, with the same message, path, locations, extensions and original error.
 */
function asGraphQLJsError(error: GraphQLError): GraphQLError {
  const converted = new GraphQLError(error.message, {
    path: error.path,
    originalError: error.originalError ?? undefined,
    extensions: error.extensions,
  });
  (converted as { locations?: GraphQLError['locations'] }).locations = error.locations;
  return converted;
}

/** A query whose variables are scalars or enums (or lists of them) and that has no inline input object. */
function jitSuits(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): boolean {
  if (operation.operation !== 'query') return false;
  for (const definition of operation.variableDefinitions ?? []) {
    const type = typeFromAST(schema, definition.type);
    if (!type || isInputObjectType(getNamedType(type))) return false;
  }
  let inlineObject = false;
  visit(document, {
    [Kind.OBJECT]() {
      inlineObject = true;
      return BREAK;
    },
  });
  return !inlineObject;
}

/**
 * Lets every answer die young under the gateway hook.
 *
 * For a gateway executor Apollo copies the request context into one whose `response.http` has
 * `status` as a getter and setter in an object literal. V8 gives each such object a hidden class of
 * its own, and hidden classes live in the old generation until a full collection; the getter's
 * closure holds Apollo's request context, and through it our GraphQL context (request, loaders with
 * their rows) and the answer. Young collections treat old objects as alive, so every answer was
 * promoted (1-4 MB per young collection, pauses of 5-10 ms on average instead of 2-4). Once the answer is sent,
 * this drops what the request context reaches (the answer, the loaders, the request), so what the
 * hidden class keeps is a few empty objects. Nothing else is changed: whoever holds the request or
 * the loaders still has them.
 */
export function releaseAfterResponse(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart({ contextValue, request, response }) {
      // 'finish': the answer was written whole, so the operation is over. A client that hangs up
      // early ('close' alone) does not cut short an operation still running for it.
      contextValue.req?.res?.once('finish', () => {
        response.body = undefined as never;
        request.http = undefined;
        request.variables = undefined;
        const released = contextValue as Partial<GraphQLContext>;
        released.req = undefined;
        released.loaders = undefined;
      });
    },
  };
}

/** Nest's Apollo driver (with the lean Express handler) with operations executed by `jitGateway`. */
@Injectable()
export class JitApolloDriver extends ApolloExpressDriver {
  constructor(modulesContainer: ModulesContainer) {
    super(modulesContainer);
  }

  override registerServer(options: ApolloDriverConfig): Promise<void> {
    return super.registerServer({
      ...options,
      gateway: jitGateway(options.schema!),
      plugins: [...(options.plugins ?? []), releaseAfterResponse()],
    } as ApolloDriverConfig);
  }
}
