import { useRef, useState, type KeyboardEvent } from 'react';
import type { User } from '../../../contract/schemas/identity';
import { useApi } from '../../api/ApiProvider';
import { useCommand, useQuery } from '../../api/use-query';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loaded } from '../../components/Loaded';
import { de } from '../../i18n/de';
import { roleLabel } from '../../session/roles';
import { useSession } from '../../session/SessionProvider';
import { AppMark } from '../../components/AppMark';

/** Choose a user (demo) or type a user name. Arrow keys move between users, Enter logs in. */
export function LoginScreen() {
  const api = useApi();
  const { state, login, recheck } = useSession();
  const options = useQuery(() => api.call('session.loginOptions', {}), []);
  const command = useCommand(login);
  const startError = state.status === 'anonymous' ? state.error : null;

  return (
    <div className="login-page">
      <main className="login-card" aria-labelledby="login-title">
        <div className="login-brand">
          <AppMark />
          <div>
            <p className="login-app">{de.app.name}</p>
            <p className="login-org">{de.app.organisation}</p>
          </div>
        </div>
        <h1 id="login-title">{de.login.title}</h1>
        {state.status === 'anonymous' && state.notice === 'session_lost' && (
          <p className="notice notice-info" role="status">
            {de.app.sessionLost}
          </p>
        )}
        {startError ? (
          <ErrorNotice error={startError} onRetry={recheck} />
        ) : (
          <Loaded query={options}>
            {(o) =>
              o.demo ? (
                <UserPicker users={o.users} disabled={command.pending} onPick={(u) => void command.run(u.username)} />
              ) : (
                <UsernameForm disabled={command.pending} onSubmit={(name) => void command.run(name)} />
              )
            }
          </Loaded>
        )}
        {command.error && <ErrorNotice error={command.error} />}
        {options.data?.demo && <p className="login-hint">{de.login.demoHint}</p>}
      </main>
    </div>
  );
}

function UserPicker({ users, disabled, onPick }: { users: readonly User[]; disabled: boolean; onPick: (u: User) => void }) {
  const [focus, setFocus] = useState(0);
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const move = (i: number) => {
    const next = (i + users.length) % users.length;
    setFocus(next);
    refs.current[next]?.focus();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const moves: Record<string, number> = { ArrowDown: focus + 1, ArrowUp: focus - 1, Home: 0, End: users.length - 1 };
    const target = moves[e.key];
    if (target === undefined) return;
    e.preventDefault();
    move(target);
  };
  return (
    <>
      <p id="login-intro">{de.login.intro}</p>
      <ul className="user-list" aria-labelledby="login-intro" onKeyDown={onKeyDown}>
        {users.map((u, i) => (
          <li key={u.uuid}>
            <button
              ref={(el) => {
                refs.current[i] = el;
              }}
              type="button"
              className="user-choice"
              tabIndex={i === focus ? 0 : -1}
              disabled={disabled}
              onFocus={() => setFocus(i)}
              onClick={() => onPick(u)}
            >
              <span className="user-name">{u.displayName}</span>
              <span className="user-meta">
                <code>{u.username}</code> · {roleLabel(u)}
              </span>
            </button>
          </li>
        ))}
      </ul>
      <p className="hint">{de.login.keyboardHint}</p>
    </>
  );
}

function UsernameForm({ disabled, onSubmit }: { disabled: boolean; onSubmit: (name: string) => void }) {
  const [name, setName] = useState('');
  return (
    <form
      className="form"
      onSubmit={(e) => {
        e.preventDefault();
        if (name.trim()) onSubmit(name.trim());
      }}
    >
      <label className="field">
        <span className="field-label">{de.login.usernameLabel}</span>
        <input value={name} onChange={(e) => setName(e.target.value)} autoComplete="username" required autoFocus />
      </label>
      <button type="submit" className="btn btn-primary" disabled={disabled}>
        {de.login.submit}
      </button>
    </form>
  );
}
