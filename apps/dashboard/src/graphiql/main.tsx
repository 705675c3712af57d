import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

/**
 * GraphiQL bundled with the dashboard (no CDN: it works on a machine without internet). It uses the
 * token the dashboard signed in with; the headers tab can override it.
 */
const token = localStorage.getItem('hydrator.token');
const origin = `${location.protocol}//${location.host}`;
const fetcher = createGraphiQLFetcher({
  url: `${origin}/graphql`,
  subscriptionUrl: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`,
  wsConnectionParams: token ? { authorization: `Bearer ${token}` } : undefined,
});

const defaultQuery = `# Hydrator's GraphQL API. The token you signed in with on the dashboard is sent
# (see Headers below); sign in at / first, or paste {"Authorization": "Bearer <token>"}.
query ThisWeek {
  currentRollout {
    id
    weekOf
    status
    deployments {
      application { name }
      target { cluster environment }
      status
      gitRev
    }
  }
}
`;

createRoot(document.getElementById('graphiql')!).render(
  <StrictMode>
    <GraphiQL fetcher={fetcher} defaultQuery={defaultQuery} initialHeaders={token ? JSON.stringify({ Authorization: `Bearer ${token}` }, null, 2) : undefined} />
  </StrictMode>,
);
