import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import type { ApolloDriverConfig } from '@nestjs/apollo';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { DynamicModule, Global, Logger, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import type { Request } from 'express';
import { LoggerModule } from 'nestjs-pino';

import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { BudgetModule } from './budget/budget.module.js';
import { ExpendituresModule } from './expenditures/expenditures.module.js';
import { IdempotencyModule } from './idempotency/idempotency.module.js';
import { IncomeModule } from './income/income.module.js';
import { SettlementModule } from './settlement/settlement.module.js';
import { NarrativeModule } from './narrative/narrative.module.js';
import { createErrorFormatter } from './common/errors/format-error.js';
import { HttpTuningModule } from './common/http/http-tuning.module.js';
import { serviceUnavailableStatusPlugin } from './common/errors/service-unavailable.plugin.js';
import { UserErrorFilter } from './common/errors/user-error.filter.js';
import { InputValidationPipe } from './common/errors/validation.js';
import { ApolloExpressDriver } from './common/graphql/apollo-express.js';
import type { GraphQLContext } from './common/graphql/graphql-context.js';
import { JitApolloDriver } from './common/graphql/jit-executor.js';
import { LoaderRegistry } from './common/graphql/loader-registry.js';
import { type AppConfig, APP_CONFIG } from './config/app-config.js';
import { createOrmConfig } from './database/mikro-orm.config.js';
import { exportsReadTargetMiddleware, graphqlReadTargetMiddleware } from './database/read-preference.js';
import { HealthController } from './health/health.controller.js';
import { createLoggerOptions } from './logging/logger.options.js';
import { PlaygroundController } from './playground/playground.controller.js';
import { localPlaygroundPlugin } from './playground/playground.plugin.js';
import { ImportsModule } from './imports/imports.module.js';
import { IndicatorsModule } from './indicators/indicators.module.js';
import { MeasuresModule } from './measures/measures.module.js';
import { ParticipantsModule } from './participants/participants.module.js';
import { ProgramsModule } from './programs/programs.module.js';
import { ExportsController } from './reporting/exports.controller.js';
import { ReportingModule } from './reporting/reporting.module.js';
import { TranchesModule } from './tranches/tranches.module.js';
import { documentLimits } from './security/graphql-limits.js';
import { withSecurityCodes } from './security/security-errors.js';
import { SecurityModule } from './security/security.module.js';
import { UsersModule } from './users/users.module.js';

export const GRAPHQL_PATH = '/graphql';

@Global()
@Module({})
class ConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: ConfigModule, providers: [{ provide: APP_CONFIG, useValue: config }], exports: [APP_CONFIG] };
  }
}

@Module({})
export class AppModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(graphqlReadTargetMiddleware).forRoutes(GRAPHQL_PATH);
    consumer.apply(exportsReadTargetMiddleware).forRoutes(ExportsController);
  }

  /** The whole service for a given configuration and database URL (main.ts, tests and scripts). */
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    const errorLogger = new Logger('GraphQL');
    const limits = documentLimits(config.limits, config.env === 'production');
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        HttpTuningModule,
        LoggerModule.forRoot(createLoggerOptions(config)),
        MikroOrmModule.forRoot(
          createOrmConfig({ url: databaseUrl, replicaUrls: config.replicaUrls, poolMax: config.dbPoolMax, timeouts: config.dbTimeouts }),
        ),
        GraphQLModule.forRoot<ApolloDriverConfig>({
          driver: config.graphqlJit ? JitApolloDriver : ApolloExpressDriver,
          path: GRAPHQL_PATH,
          autoSchemaFile: true,
          sortSchema: true,
          graphiql: false,
          // Open to signed-in users only (IntrospectionGatePlugin).
          introspection: true,
          includeStacktraceInErrorResponses: false,
          // OWASP GraphQL cheat sheet: explicit even where Apollo's default already agrees.
          csrfPrevention: true,
          allowBatchedHttpRequests: false,
          validationRules: limits.validationRules,
          parseOptions: limits.parseOptions,
          // Apollo's default cache-control plugin hooks into every field of every answer; the schema
          // declares no cache hints, so it only ever computed "not cacheable". Off.
          plugins: [
            ApolloServerPluginCacheControlDisabled(),
            serviceUnavailableStatusPlugin(),
            ...limits.plugins,
            ...(config.playground ? [localPlaygroundPlugin(GRAPHQL_PATH)] : []),
          ],
          context: ({ req }: { req: Request }): GraphQLContext => ({ req, loaders: new LoaderRegistry() }),
          formatError: withSecurityCodes(
            createErrorFormatter({
              maskInternalErrors: config.env === 'production',
              onInternalError: (error) =>
                errorLogger.error(error instanceof Error ? { err: error } : { error }, 'internal error in a GraphQL operation'),
              onDatabaseUnavailable: (error) =>
                errorLogger.warn(`database unavailable: ${error instanceof Error ? error.message : String(error)}`),
            }),
          ),
        }),
        AuditModule,
        AuthModule,
        SecurityModule,
        UsersModule,
        ProgramsModule,
        ParticipantsModule,
        MeasuresModule,
        BudgetModule,
        IdempotencyModule,
        TranchesModule,
        ExpendituresModule,
        IncomeModule,
        SettlementModule,
        NarrativeModule,
        IndicatorsModule,
        ReportingModule,
        ImportsModule,
      ],
      controllers: [HealthController, PlaygroundController],
      providers: [
        { provide: APP_PIPE, useClass: InputValidationPipe },
        { provide: APP_FILTER, useClass: UserErrorFilter },
      ],
    };
  }
}
