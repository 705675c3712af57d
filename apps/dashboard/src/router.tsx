import { AnchorHTMLAttributes, MouseEvent, useEffect, useState } from 'react';

/** The SPA's routes; the gateway answers each of these paths with the dashboard's index.html. */
export type Route =
  | { page: 'week'; rolloutId?: string }
  | { page: 'history' }
  | { page: 'applications'; name?: string }
  | { page: 'stability' }
  | { page: 'outbox' }
  | { page: 'cancel'; deploymentId: string }
  | { page: 'not-found'; path: string };

export function routeOf(path: string): Route {
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const [first, second, third] = parts;
  if (parts.length === 0) return { page: 'week' };
  if (first === 'rollouts' && second && parts.length === 2) return { page: 'week', rolloutId: second };
  if (first === 'history' && parts.length === 1) return { page: 'history' };
  if (first === 'applications' && parts.length <= 2) return { page: 'applications', name: second };
  if (first === 'stability' && parts.length === 1) return { page: 'stability' };
  if (first === 'outbox' && parts.length === 1) return { page: 'outbox' };
  if (first === 'deployments' && second && third === 'cancel' && parts.length === 3) return { page: 'cancel', deploymentId: second };
  return { page: 'not-found', path };
}

const NAVIGATED = 'hydrator:navigated';

export function navigate(to: string): void {
  history.pushState(null, '', to);
  window.dispatchEvent(new Event(NAVIGATED));
  window.scrollTo(0, 0);
}

/** The current location (path and query), following links, back and forward. */
export function useLocation(): { path: string; search: URLSearchParams } {
  const [location, setLocation] = useState(() => ({ path: window.location.pathname, search: new URLSearchParams(window.location.search) }));
  useEffect(() => {
    const update = () => setLocation({ path: window.location.pathname, search: new URLSearchParams(window.location.search) });
    window.addEventListener('popstate', update);
    window.addEventListener(NAVIGATED, update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener(NAVIGATED, update);
    };
  }, []);
  return location;
}

/** Replaces the query string (filters), keeping the page and history clean. */
export function setSearch(search: URLSearchParams): void {
  const query = search.toString();
  history.replaceState(null, '', `${window.location.pathname}${query ? `?${query}` : ''}`);
  window.dispatchEvent(new Event(NAVIGATED));
}

/** An in-app link: a real <a href> (so it opens in a new tab and is keyboard-reachable) that navigates without a reload. */
export function Link({ to, children, ...rest }: { to: string } & AnchorHTMLAttributes<HTMLAnchorElement>) {
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return (
    <a href={to} onClick={onClick} {...rest}>
      {children}
    </a>
  );
}
