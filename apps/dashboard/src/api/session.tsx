import { createContext, ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { graphql } from '../gql';
import type { Role } from '../gql/graphql';
import { graphqlRequest, GraphqlRequestError } from './graphql-client';

const TOKEN_KEY = 'hydrator.token';

const MeQuery = graphql(`
  query Me {
    me {
      actor
      role
    }
  }
`);

export interface Session {
  token: string;
  actor: string;
  role: Role;
}

interface SessionState {
  /** Signed in with a token the gateway accepted. */
  session?: Session;
  /** Checking the saved token at start. */
  checking: boolean;
  /** Why the last token was refused, in words that say what to do. */
  problem?: string;
  signIn: (token: string) => Promise<boolean>;
  signOut: () => void;
  /** A request or the live socket was refused: the token is wrong or was revoked. */
  tokenRefused: () => void;
}

const SessionContext = createContext<SessionState | undefined>(undefined);

const REFUSED = 'The gateway refused this token: it is wrong or no longer valid (tokens are set in HYDRATOR_OPERATOR_TOKENS / HYDRATOR_VIEWER_TOKENS). Paste a current one.';

/** Asks the gateway who the token is; a refusal becomes the sentence the sign-in form shows. */
async function verify(raw: string): Promise<{ session?: Session; problem?: string }> {
  const token = raw.trim().replace(/^Bearer\s+/i, '');
  if (!token) return { problem: 'Paste an operator or viewer token first.' };
  try {
    const { me } = await graphqlRequest(token, MeQuery);
    return { session: { token, actor: me.actor, role: me.role } };
  } catch (error) {
    return { problem: error instanceof GraphqlRequestError && error.unauthenticated ? REFUSED : (error as Error).message };
  }
}

/** Sign-in with an operator or viewer token, kept in this browser's local storage until signed out. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session>();
  const [checking, setChecking] = useState(() => localStorage.getItem(TOKEN_KEY) !== null);
  const [problem, setProblem] = useState<string>();

  const signIn = useCallback(async (raw: string): Promise<boolean> => {
    const outcome = await verify(raw);
    if (outcome.session) localStorage.setItem(TOKEN_KEY, outcome.session.token);
    setSession(outcome.session);
    setProblem(outcome.problem);
    return !!outcome.session;
  }, []);

  const signOut = useCallback(() => {
    localStorage.removeItem(TOKEN_KEY);
    setSession(undefined);
    setProblem(undefined);
  }, []);

  const tokenRefused = useCallback(() => {
    setSession(undefined);
    setProblem(REFUSED);
  }, []);

  // The token saved by an earlier visit is checked once: it may have been revoked since.
  useEffect(() => {
    const saved = localStorage.getItem(TOKEN_KEY);
    if (saved === null) return;
    let current = true;
    void verify(saved).then((outcome) => {
      if (!current) return;
      setSession(outcome.session);
      setProblem(outcome.problem);
      setChecking(false);
    });
    return () => {
      current = false;
    };
  }, []);

  const value = useMemo(() => ({ session, checking, problem, signIn, signOut, tokenRefused }), [session, checking, problem, signIn, signOut, tokenRefused]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession outside SessionProvider');
  return state;
}

/** The signed-in session; pages render only inside the sign-in gate, so it is always there. */
export function useSignedIn(): Session {
  const { session } = useSession();
  if (!session) throw new Error('useSignedIn outside the sign-in gate');
  return session;
}

export function isOperator(session: Session): boolean {
  return session.role === 'OPERATOR';
}
