import type { Protocol } from 'electron';
import { readStatic } from '../../host/http/static-files';
import { SECURITY_HEADERS } from '../../host/security/csp';
import { APP_SCHEME } from '../ipc-channels';

/** Serves the bundled renderer under app://eakte/ with the same files and CSP as browser mode. */
export function serveRenderer(protocol: Pick<Protocol, 'handle'>, rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = await readStatic(rendererDir, new URL(request.url).pathname);
    return new Response(new Uint8Array(file.body), { headers: { ...SECURITY_HEADERS, 'Content-Type': file.type } });
  });
}
