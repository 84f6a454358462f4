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

const DEFAULT_QUERY = `# Funding Program Tracker. Sign in above (demo users: see the README), then run this query
# and explore the Docs panel.
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

/**
 * GraphiQL 3 page; loads only from this server. A sign-in bar above it calls the `login`
 * mutation and adds the token as `Authorization: Bearer …` to every request GraphiQL sends (kept
 * in sessionStorage, so it ends with the tab). Headers typed into GraphiQL's header editor win.
 */
export function playgroundHtml(graphqlPath: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <title>Funding Program Tracker – GraphQL playground</title>
  <style>
    body { margin: 0; height: 100vh; overflow: hidden; display: flex; flex-direction: column; font: 14px system-ui, sans-serif; }
    #signin { display: flex; gap: 8px; align-items: center; padding: 6px 12px; background: #f3f4f6; border-bottom: 1px solid #d1d5db; }
    #signin input { padding: 3px 6px; }
    #signin .error { color: #b91c1c; }
    #graphiql { flex: 1; min-height: 0; }
  </style>
  <link rel="stylesheet" href="${PLAYGROUND_ASSET_PATH}/graphiql.min.css" />
  <script src="${PLAYGROUND_ASSET_PATH}/react.production.min.js"></script>
  <script src="${PLAYGROUND_ASSET_PATH}/react-dom.production.min.js"></script>
  <script src="${PLAYGROUND_ASSET_PATH}/graphiql.min.js"></script>
</head>
<body>
  <form id="signin" autocomplete="on">
    <strong>Sign in</strong>
    <input name="username" placeholder="username" autocomplete="username" required />
    <input name="password" type="password" placeholder="password" autocomplete="current-password" required />
    <button type="submit">Sign in</button>
    <span id="signed-in"></span>
    <button type="button" id="signout" hidden>Sign out</button>
    <span class="error" id="signin-error"></span>
  </form>
  <div id="graphiql">Loading the playground…</div>
  <script>
    const GRAPHQL_PATH = ${JSON.stringify(graphqlPath)};
    const TOKEN_KEY = 'fpt-token';
    const USER_KEY = 'fpt-user';
    const form = document.getElementById('signin');
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (token) {
      document.getElementById('signed-in').textContent = 'Signed in as ' + sessionStorage.getItem(USER_KEY);
      document.getElementById('signout').hidden = false;
      for (const el of form.querySelectorAll('input, button[type=submit]')) el.hidden = true;
    }
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const data = new FormData(form);
      const response = await fetch(GRAPHQL_PATH, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: 'mutation Login($input: LoginInput!) { login(input: $input) { token user { username } } }',
          variables: { input: { username: data.get('username'), password: data.get('password') } },
        }),
      });
      const result = await response.json();
      if (!result.data || !result.data.login) {
        document.getElementById('signin-error').textContent = (result.errors && result.errors[0].message) || 'Sign-in failed.';
        return;
      }
      sessionStorage.setItem(TOKEN_KEY, result.data.login.token);
      sessionStorage.setItem(USER_KEY, result.data.login.user.username);
      location.reload(); // reloads the schema, which needs a signed-in user
    });
    document.getElementById('signout').addEventListener('click', () => {
      sessionStorage.removeItem(TOKEN_KEY);
      sessionStorage.removeItem(USER_KEY);
      location.reload();
    });
    const baseFetcher = GraphiQL.createFetcher({ url: GRAPHQL_PATH });
    const fetcher = (params, options) => {
      const headers = Object.assign({}, token ? { Authorization: 'Bearer ' + token } : {}, options && options.headers);
      return baseFetcher(params, Object.assign({}, options, { headers }));
    };
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
