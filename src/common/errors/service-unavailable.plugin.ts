import type { ApolloServerPlugin } from '@apollo/server';

/**
 * An answer that carries SERVICE_UNAVAILABLE (the database failed) goes out as HTTP 503 with
 * Retry-After, so load balancers and clients see an outage as one, not as a 200 with errors.
 */
export function serviceUnavailableStatusPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          if (!response.body.singleResult.errors?.some((e) => e.extensions?.code === 'SERVICE_UNAVAILABLE')) return;
          response.http.status = 503;
          response.http.headers.set('retry-after', '1');
        },
      };
    },
  };
}
