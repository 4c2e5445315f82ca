import { ApiClient } from './client';
import { createHttpTransport } from './http-transport';
import { createIpcTransport } from './ipc-transport';
import { takeToken } from './token';

/** Chooses the transport once at start: Electron's bridge when present, else browser mode over HTTP. */
export function createClientForWindow(win: Window): { client: ApiClient } | { missingToken: true } {
  if (win.eakte) return { client: new ApiClient(createIpcTransport(win.eakte)) };
  const token = takeToken(win.location, win.history, win.sessionStorage);
  if (!token) return { missingToken: true };
  return { client: new ApiClient(createHttpTransport({ token })) };
}
