// Bundles the Electron main process (with the core) and the sandboxed preload into dist/electron/.
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', sourcemap: true, logLevel: 'warning' };

await build({
  ...common,
  entryPoints: ['electron/main/main.ts'],
  outfile: 'dist/electron/main.cjs',
  // Native addons and packages that load files next to themselves stay in node_modules (asar-unpacked).
  external: ['electron', 'sqlite3', 'tesseract.js', '@tesseract.js-data/*', 'dejavu-fonts-ttf', 'xmllint-wasm', 'zxing-wasm', 'pdfjs-dist', '@napi-rs/*'],
  define: { 'import.meta.url': 'importMetaUrl', 'process.env.NODE_ENV': '"production"' },
  banner: { js: "const importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
});

await build({
  ...common,
  entryPoints: ['electron/preload/preload.ts'],
  outfile: 'dist/electron/preload.cjs',
  external: ['electron'],
});
