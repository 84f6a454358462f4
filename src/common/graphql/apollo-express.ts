import { ApolloServer, type BaseContext, HeaderMap } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Injectable } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import type { Express, Request, Response } from 'express';

type Context = (args: { req: Request; res: Response }) => Promise<BaseContext> | BaseContext;

/**
 * Apollo's Express handler (as `@as-integrations/express5` has it) without its `url.parse` per
 * request: Node 24 deprecates `url.parse` and, called from a package, walks the stack on every call
 * to decide whether to warn, 2-3 µs bare and up to 25 µs under Express' call chain. Apollo only
 * wants the query string (a GET request's document and variables), which is everything after `?`.
 */
export function apolloExpressHandler(server: ApolloServer<BaseContext>, context: Context) {
  return async (req: Request, res: Response): Promise<void> => {
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const query = req.url.indexOf('?');
    const answer = await server.executeHTTPGraphQLRequest({
      // A request without a body (GET, or a POST body-parser skipped) is an empty one to Apollo.
      httpGraphQLRequest: {
        method: req.method.toUpperCase(),
        headers,
        search: query < 0 ? '' : req.url.slice(query),
        body: req.body ?? {},
      },
      context: async () => context({ req, res }),
    });
    for (const [key, value] of answer.headers) res.setHeader(key, value);
    res.statusCode = answer.status ?? 200;
    if (answer.body.kind === 'complete') {
      res.send(answer.body.string);
      return;
    }
    for await (const chunk of answer.body.asyncIterator) res.write(chunk);
    res.end();
  };
}

/**
 * Nest's Apollo driver, serving Express through `apolloExpressHandler`. The rest of the setup is
 * Nest's own (`ApolloBaseDriver.registerExpress`): the server with the drain plugin, started before
 * the route is mounted.
 */
@Injectable()
export class ApolloExpressDriver extends ApolloDriver {
  constructor(modulesContainer: ModulesContainer) {
    super(modulesContainer);
  }

  protected override async registerExpress(
    options: ApolloDriverConfig,
    { preStartHook }: { preStartHook?: () => void } = {},
  ): Promise<void> {
    const httpAdapter = this.httpAdapterHost.httpAdapter;
    const drain = ApolloServerPluginDrainHttpServer({ httpServer: httpAdapter.getHttpServer() });
    preStartHook?.();
    const server = new ApolloServer<BaseContext>({ ...options, plugins: [...(options.plugins ?? []), drain] } as never);
    await server.start();
    const context = (options.context ?? (() => ({}))) as Context;
    (httpAdapter.getInstance() as Express).use(options.path ?? '/graphql', apolloExpressHandler(server, context));
    this.apolloServer = server;
  }
}
