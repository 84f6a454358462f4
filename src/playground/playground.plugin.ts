import type { ApolloServerPlugin } from '@apollo/server';

import { playgroundHtml } from './playground.assets.js';

/** Apollo landing page: our local GraphiQL instead of the CDN-loaded Sandbox. */
export function localPlaygroundPlugin(graphqlPath: string): ApolloServerPlugin {
  return {
    async serverWillStart() {
      return {
        async renderLandingPage() {
          return { html: playgroundHtml(graphqlPath) };
        },
      };
    },
  };
}
