import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { User } from '../../contract/schemas/identity';
import type { ApiError } from '../api/api-error';
import { toApiError } from '../api/api-error';
import { useApi } from '../api/ApiProvider';

const SESSION_KEY = 'eakte.session';

export type SessionState =
  | { status: 'checking' }
  | { status: 'anonymous'; notice: 'session_lost' | null; error: ApiError | null }
  | { status: 'active'; user: User };

interface SessionApi {
  state: SessionState;
  login(username: string): Promise<void>;
  logout(): Promise<void>;
  recheck(): void;
}

const SessionContext = createContext<SessionApi | null>(null);

/**
 * Login state. The session id is kept in sessionStorage so a reload stays logged in (browser mode);
 * under Electron the main process keeps the session per window and the id is not needed.
 */
export function SessionProvider({ children, storage = window.sessionStorage }: { children: ReactNode; storage?: Storage }) {
  const api = useApi();
  const [state, setState] = useState<SessionState>({ status: 'checking' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    api.setSession(storage.getItem(SESSION_KEY));
    api.call('session.current', {}).then(
      (user) => live && setState({ status: 'active', user }),
      (err: unknown) => {
        if (!live) return;
        const e = toApiError(err);
        // Not logged in is the normal start; anything else (core unreachable) is shown on the login screen.
        setState({ status: 'anonymous', notice: null, error: e.code === 'auth.not_logged_in' ? null : e });
      },
    );
    return () => {
      live = false;
    };
  }, [api, storage, attempt]);

  useEffect(
    () =>
      api.onSessionLost(() => {
        storage.removeItem(SESSION_KEY);
        api.setSession(null);
        setState({ status: 'anonymous', notice: 'session_lost', error: null });
      }),
    [api, storage],
  );

  const login = useCallback(
    async (username: string) => {
      const session = await api.call('session.login', { username });
      storage.setItem(SESSION_KEY, session.sessionId);
      api.setSession(session.sessionId);
      setState({ status: 'active', user: session.user });
    },
    [api, storage],
  );

  const logout = useCallback(async () => {
    try {
      await api.call('session.logout', {});
    } catch (err) {
      // The local session ends anyway; a failed call only leaves a session the core forgets at restart.
      console.warn('logout call failed', err);
    }
    storage.removeItem(SESSION_KEY);
    api.setSession(null);
    setState({ status: 'anonymous', notice: null, error: null });
  }, [api, storage]);

  const recheck = useCallback(() => setAttempt((n) => n + 1), []);
  const value = useMemo(() => ({ state, login, logout, recheck }), [state, login, logout, recheck]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionApi {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

/** The logged-in user; only for components below the login gate. */
export function useUser(): User {
  const { state } = useSession();
  if (state.status !== 'active') throw new Error('useUser without active session');
  return state.user;
}
