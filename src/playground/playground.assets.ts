import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));

/** The playground's files, served from node_modules so it works without internet access. */
export const PLAYGROUND_ASSETS: Record<string, { file: string; type: string }> = {
  'react.production.min.js': { file: join(packageDir('react'), 'umd/react.production.min.js'), type: 'text/javascript' },
  'react-dom.production.min.js': { file: join(packageDir('react-dom'), 'umd/react-dom.production.min.js'), type: 'text/javascript' },
  'graphiql.min.js': { file: join(packageDir('graphiql'), 'graphiql.min.js'), type: 'text/javascript' },
  'graphiql.min.css': { file: join(packageDir('graphiql'), 'graphiql.min.css'), type: 'text/css' },
};

export const PLAYGROUND_ASSET_PATH = '/playground/assets';

const DEFAULT_QUERY = `# Funding Program Tracker. Try this first query, then explore the Docs panel.
{
  programs {
    nodes {
      code
      name
      projects {
        fileNumber
        title
        approvalStart
        approvalEnd
        approvedTotal
      }
    }
  }
}
`;

/** GraphiQL 3 page; loads only from this server. */
export function playgroundHtml(graphqlPath: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <title>Funding Program Tracker – GraphQL playground</title>
  <style>body { margin: 0; height: 100vh; overflow: hidden; } #graphiql { height: 100vh; }</style>
  <link rel="stylesheet" href="${PLAYGROUND_ASSET_PATH}/graphiql.min.css" />
  <script src="${PLAYGROUND_ASSET_PATH}/react.production.min.js"></script>
  <script src="${PLAYGROUND_ASSET_PATH}/react-dom.production.min.js"></script>
  <script src="${PLAYGROUND_ASSET_PATH}/graphiql.min.js"></script>
</head>
<body>
  <div id="graphiql">Loading the playground…</div>
  <script>
    const fetcher = GraphiQL.createFetcher({ url: ${JSON.stringify(graphqlPath)} });
    ReactDOM.createRoot(document.getElementById('graphiql')).render(
      React.createElement(GraphiQL, {
        fetcher,
        defaultQuery: ${JSON.stringify(DEFAULT_QUERY)},
        defaultEditorToolsVisibility: true,
        shouldPersistHeaders: true,
        isHeadersEditorEnabled: true,
      }),
    );
  </script>
</body>
</html>`;
}
