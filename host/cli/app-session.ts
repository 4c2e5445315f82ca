import { AppError } from '../../contract/app-error';
import type { MethodInput, MethodName, MethodOutput } from '../../contract/methods';
import { createApp, type App } from '../create-app';
import { stderrSink } from '../../core/platform/logger';
import type { GlobalOptions } from './command';

export interface CliSession {
  app: App;
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  close(): Promise<void>;
}

/** Opens the store and logs in as --user / EAKTE_USER; every call then goes through the same dispatch as the UI. */
export async function openCliSession(global: GlobalOptions, opts: { verbose?: boolean } = {}): Promise<CliSession> {
  if (!global.user) throw new AppError('cli.usage', { detail: 'Benutzer fehlt (--user NAME oder EAKTE_USER)' }, 'no user given');
  const app = await createApp({
    dataDir: global.dataDir,
    keys: global.keys,
    admin: global.admin,
    logLimits: global.logLimits,
    mode: 'cli',
    logSinks: opts.verbose ? [stderrSink] : [],
  });
  try {
    const login = await app.dispatch({ sessionId: null, transport: 'cli' }, 'session.login', { username: global.user });
    if (!login.ok) throw new AppError(login.error.code, login.error.params, `cli login failed: ${login.error.code}`);
    const sessionId = login.value.sessionId;
    return {
      app,
      async call(method, input) {
        const result = await app.dispatch({ sessionId, transport: 'cli' }, method, input);
        if (!result.ok) throw new AppError(result.error.code, result.error.params, `${method} failed (${result.error.ref})`);
        return result.value as never;
      },
      close: () => app.close(),
    };
  } catch (err) {
    await app.close();
    throw err;
  }
}
