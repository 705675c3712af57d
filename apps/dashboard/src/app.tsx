import { FormEvent, useState } from 'react';
import { isOperator, useSession } from './api/session';
import { ApplicationsPage } from './pages/applications-page';
import { CancelLinkPage } from './pages/cancel-link-page';
import { CancelPage } from './pages/cancel-page';
import { HistoryPage } from './pages/history-page';
import { OutboxPage } from './pages/outbox-page';
import { StabilityPage } from './pages/stability-page';
import { WeekPage } from './pages/week-page';
import { Link, Route, routeOf, useLocation } from './router';
import { EmptyState } from './ui/states';

const NAVIGATION: Array<{ to: string; label: string; page: Route['page'] }> = [
  { to: '/', label: 'This week', page: 'week' },
  { to: '/history', label: 'History', page: 'history' },
  { to: '/applications', label: 'Applications', page: 'applications' },
  { to: '/stability', label: 'Stability', page: 'stability' },
  { to: '/outbox', label: 'Outbox', page: 'outbox' },
];

export function App() {
  const { path, search } = useLocation();
  const route = routeOf(path);
  const { session, checking } = useSession();
  // The signed link of a team message works without signing in: its token is the credential.
  const linkToken = route.page === 'cancel' ? search.get('token') : null;
  return (
    <>
      <header className="top">
        <nav aria-label="Pages">
          <Link to="/" className="brand">
            Hydrator
          </Link>
          {NAVIGATION.map((item) => (
            <Link key={item.to} to={item.to} aria-current={item.page === route.page ? 'page' : undefined}>
              {item.label}
            </Link>
          ))}
          {/* A page of its own (GraphiQL needs a looser style policy than the dashboard): a full load. */}
          <a href="/api">API</a>
        </nav>
        {session && <SignedInAs />}
      </header>
      <main>
        {route.page === 'cancel' && linkToken ? (
          <CancelLinkPage deploymentId={route.deploymentId} token={linkToken} />
        ) : checking ? (
          <p role="status">Checking your token…</p>
        ) : session ? (
          <Page route={route} />
        ) : (
          <SignIn />
        )}
      </main>
    </>
  );
}

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case 'week':
      return <WeekPage rolloutId={route.rolloutId} />;
    case 'history':
      return <HistoryPage />;
    case 'applications':
      return <ApplicationsPage name={route.name} />;
    case 'stability':
      return <StabilityPage />;
    case 'outbox':
      return <OutboxPage />;
    case 'cancel':
      return <CancelPage deploymentId={route.deploymentId} />;
    case 'not-found':
      return (
        <EmptyState title={`There is no page at ${route.path}.`}>
          <p>
            Go to <Link to="/">This week</Link>.
          </p>
        </EmptyState>
      );
  }
}

function SignedInAs() {
  const { session, signOut } = useSession();
  if (!session) return null;
  return (
    <div className="signed-in">
      <span>
        Signed in as <strong>{session.actor}</strong> ({isOperator(session) ? 'operator: may act' : 'viewer: read only'})
      </span>
      <button type="button" onClick={signOut}>
        Sign out
      </button>
    </div>
  );
}

/** The token gate: every page reads through GraphQL with the token pasted here. */
function SignIn() {
  const { signIn, problem } = useSession();
  const [token, setToken] = useState('');
  const [pending, setPending] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setPending(true);
    void signIn(token).finally(() => setPending(false));
  };
  return (
    <section className="sign-in">
      <h1>Sign in</h1>
      <p>
        Paste a token from <code>HYDRATOR_OPERATOR_TOKENS</code> (may act) or <code>HYDRATOR_VIEWER_TOKENS</code> (read only). <code>npm start</code> prints the ones it generated and where it keeps
        them. The token stays in this browser until you sign out.
      </p>
      <form onSubmit={submit}>
        <label htmlFor="token">Operator or viewer token</label>
        <input id="token" name="token" type="password" autoComplete="off" value={token} onChange={(event) => setToken(event.target.value)} autoFocus />
        <button type="submit" disabled={pending}>
          Sign in
        </button>
      </form>
      {problem && (
        <p className="action-error" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}
