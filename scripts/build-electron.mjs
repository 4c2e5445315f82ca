// Bundles the Electron main process (with the core) and the sandboxed preload into dist/electron/.
import { build } from 'esbuild';

// EAKTE_ELECTRON_OUT lets tests build into a folder of their own.
const out = process.env.EAKTE_ELECTRON_OUT ?? 'dist/electron';
const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', sourcemap: true, logLevel: 'warning' };

await build({
  ...common,
  entryPoints: ['electron/main/main.ts'],
  outfile: `${out}/main.cjs`,
  // Our code is bundled; npm packages stay in node_modules (shipped by electron-builder), so native
  // addons, wasm and data files load from where their packages expect them. The native addons
  // (sqlite3, pkcs11js for signature cards) are named so they stay external even if that changes;
  // electron-builder rebuilds them for Electron and unpacks them from the asar (electron-builder.yml).
  packages: 'external',
  external: ['electron', 'sqlite3', 'pkcs11js'],
  define: { 'import.meta.url': 'importMetaUrl', 'process.env.NODE_ENV': '"production"' },
  banner: { js: "const importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
});

await build({
  ...common,
  entryPoints: ['electron/preload/preload.ts'],
  outfile: `${out}/preload.cjs`,
  external: ['electron'],
});
