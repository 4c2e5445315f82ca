import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const rendererRoot = fileURLToPath(new URL('./renderer/', import.meta.url));

/**
 * The renderer is served from dist/renderer by browser mode (http://127.0.0.1) and by Electron (app://),
 * both under a strict CSP: relative asset paths, no inlined assets or scripts.
 *
 * `npm run dev:renderer` proxies /api and /files to a running `eakte serve` given in EAKTE_API
 * (e.g. http://127.0.0.1:43121); open the dev page with the `#token=…` fragment that serve printed.
 */
export default defineConfig(() => {
  const api = process.env.EAKTE_API;
  const proxy = api
    ? Object.fromEntries(
        ['/api', '/files'].map((path) => [
          path,
          {
            target: api,
            changeOrigin: true,
            // The server accepts only its own Origin; the dev page has another one.
            configure: (p: { on(e: 'proxyReq', cb: (req: { removeHeader(n: string): void }) => void): void }) =>
              p.on('proxyReq', (req) => req.removeHeader('origin')),
          },
        ]),
      )
    : undefined;
  return {
    root: rendererRoot,
    base: './',
    plugins: [react()],
    build: {
      outDir: fileURLToPath(new URL('./dist/renderer/', import.meta.url)),
      emptyOutDir: true,
      // Inlined fonts or scripts would break the CSP (font-src 'self', script-src 'self').
      assetsInlineLimit: 0,
      sourcemap: true,
      target: 'es2023',
    },
    server: { proxy },
  };
});
