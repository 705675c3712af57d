import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

/**
 * GraphiQL bundled with the dashboard (no CDN: it works on a machine without internet). Every request
 * (the schema too) carries the token the dashboard signed in with; the Headers tab can override it.
 */
const token = localStorage.getItem('hydrator.token');
const origin = `${location.protocol}//${location.host}`;
const fetcher = createGraphiQLFetcher({
  url: `${origin}/graphql`,
  headers: token ? { Authorization: `Bearer ${token}` } : undefined,
  subscriptionUrl: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`,
  wsConnectionParams: token ? { authorization: `Bearer ${token}` } : undefined,
});

const defaultQuery = `# Hydrator's GraphQL API. The token you signed in with on the dashboard is sent
# with every request: sign in at / first, or set {"Authorization": "Bearer <token>"} under Headers.
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
    <GraphiQL fetcher={fetcher} defaultQuery={defaultQuery} />
  </StrictMode>,
);
