import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createBrowserBinding } from './browser-binding';
import { DevRepository } from './repository';

/** Documented demo credentials of the development DMS (never used by a real deployment). */
export const DEV_USER = 'eakte';
export const DEV_PASSWORD = 'eakte-dev';
export const DEV_TOKEN = 'eakte-dev-token';
export const DEV_REPOSITORY_ID = 'eakte';

export interface DmsDevOptions {
  dataDir: string;
  port?: number;
}

export interface DmsDev {
  /** The browser-binding service URL, e.g. http://127.0.0.1:8765/browser */
  readonly url: string;
  readonly port: number;
  readonly repository: DevRepository;
  close(): Promise<void>;
}

/**
 * Basic auth: any user name with the dev password (so several test clients can be told apart); bearer:
 * the dev token, acting as the demo user.
 */
export function devAuthenticate(header: string | undefined): string | null {
  if (!header) return null;
  const [scheme, value = ''] = header.split(' ', 2);
  if (scheme?.toLowerCase() === 'bearer') return value === DEV_TOKEN ? DEV_USER : null;
  if (scheme?.toLowerCase() !== 'basic') return null;
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const user = decoded.slice(0, colon);
  return colon > 0 && decoded.slice(colon + 1) === DEV_PASSWORD ? user : null;
}

/** Starts the development DMS on 127.0.0.1 only; its state persists in dataDir. */
export async function startDmsDev(opts: DmsDevOptions): Promise<DmsDev> {
  const repository = new DevRepository(opts.dataDir);
  const handle = createBrowserBinding(repository, { repositoryId: DEV_REPOSITORY_ID, authenticate: devAuthenticate });
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => void handle(req, res));
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/browser`,
    port,
    repository,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
