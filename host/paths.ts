import { homedir } from 'node:os';
import { join } from 'node:path';

/** The per-user data folder; on terminal servers every user gets their own, nothing is shared. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.EAKTE_DATA_DIR) return env.EAKTE_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'eAkte Desk');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'eAkte Desk');
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'eakte-desk');
}
