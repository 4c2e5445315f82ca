// `npm start`: the desktop app where the Electron binary exists; otherwise browser mode on the demo data.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const electronDir = join(root, 'node_modules', 'electron');
const pathFile = join(electronDir, 'path.txt');
const electronBinary = existsSync(pathFile) ? join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim()) : null;

const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

if (!existsSync(join(root, 'dist', 'renderer', 'index.html'))) run('npm', ['run', 'build:renderer']);
// The demo data set lives in the checkout, never in the user's real data folder.
const dataDir = process.env.EAKTE_DATA_DIR ?? join(root, '.eakte-data');

if (electronBinary && existsSync(electronBinary)) {
  run(process.execPath, [join(root, 'scripts', 'build-electron.mjs')]);
  spawn(electronBinary, [join(root, 'dist', 'electron', 'main.cjs'), '--demo'], {
    stdio: 'inherit',
    cwd: root,
    env: { ...process.env, EAKTE_DATA_DIR: dataDir },
  }).on('exit', (code) =>
    process.exit(code ?? 0),
  );
} else {
  console.log('Electron-Programm nicht vorhanden (node node_modules/electron/install.js lädt es) – starte den Browsermodus.');
  const server = spawn(process.execPath, [join(root, 'bin', 'eakte.mjs'), 'serve', '--demo', '--json', '--data', dataDir, ...process.argv.slice(2)], {
    stdio: ['inherit', 'pipe', 'inherit'],
    cwd: root,
  });
  let buffer = '';
  server.stdout.on('data', (chunk) => {
    buffer += chunk;
    const line = buffer.split('\n').find((l) => l.startsWith('{'));
    if (!line) return;
    buffer = '';
    const { url } = JSON.parse(line);
    console.log(`eAkte Desk läuft im Browsermodus: ${url}`);
    console.log('Anmeldung als Demo-Benutzer (z. B. sb21). Beenden mit Strg+C.');
    openBrowser(url);
  });
  process.on('SIGINT', () => server.kill('SIGINT'));
  server.on('exit', (code) => process.exit(code ?? 0));
}

function openBrowser(url) {
  const opener = process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : process.platform === 'darwin' ? ['open', [url]] : ['xdg-open', [url]];
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return;
  const child = spawn(opener[0], opener[1], { stdio: 'ignore', detached: true });
  child.on('error', () => undefined);
  child.unref();
}
