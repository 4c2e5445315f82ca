// Rebuilds the `sqlite3` driver (node-sqlite3) against SQLite3 Multiple Ciphers instead of its bundled plain
// SQLite, so the database can be encrypted (PRAGMA key). The encrypting amalgamation (sqlite3.c/.h of
// SQLite + sqlite3mc, self-contained ciphers, no OpenSSL) comes from the npm package
// `better-sqlite3-multiple-ciphers` (deps/sqlite3); node-sqlite3's own gyp build compiles it with its usual
// defines (FTS3/4/5, RTREE, math functions, threadsafe). Runs as `postinstall`; skips when the driver
// already is the encrypting build. Usage: node scripts/build-sqlite3mc.mjs [--force] [--check]
// Windows: the same command after `npm ci` (node-gyp with Visual Studio Build Tools); see README.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const root = new URL('..', import.meta.url).pathname.replace(/^\/([A-Za-z]:)/, '$1');
const modules = join(root, 'node_modules');
const driverDir = join(modules, 'sqlite3');
const mcPackage = join(modules, 'better-sqlite3-multiple-ciphers');
const amalgamation = join(mcPackage, 'deps', 'sqlite3');

/** The cipher build answers sqlite3mc_version(); the bundled plain SQLite has no such function. */
function driverVersion() {
  const probe = `const s=require('sqlite3');const d=new s.Database(':memory:');d.get('select sqlite3mc_version() v',(e,r)=>{console.log(e?'plain':r.v);d.close()})`;
  const r = spawnSync(process.execPath, ['-e', probe], { cwd: root, encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : 'missing';
}

const args = new Set(process.argv.slice(2));
const before = driverVersion();
if (args.has('--check')) {
  console.log(`sqlite3-Treiber: ${before}`);
  process.exit(before.startsWith('SQLite3 Multiple Ciphers') ? 0 : 1);
}
if (!args.has('--force') && before.startsWith('SQLite3 Multiple Ciphers')) {
  console.log(`sqlite3-Treiber ist bereits verschlüsselungsfähig (${before})`);
  process.exit(0);
}
if (!existsSync(join(amalgamation, 'sqlite3.c'))) {
  console.error(`Fehlt: ${amalgamation}/sqlite3.c (npm-Paket better-sqlite3-multiple-ciphers installieren)`);
  process.exit(1);
}

// node-sqlite3 unpacks deps/sqlite-autoconf-<sqlite_version>.tar.gz and compiles its sqlite3.c: hand it a
// tarball of the cipher amalgamation under its own version tag and pass that tag to node-gyp.
const tag = `mc-${JSON.parse(readFileSync(join(mcPackage, 'package.json'), 'utf8')).version}`;
const tarball = join(driverDir, 'deps', `sqlite-autoconf-${tag}.tar.gz`);
const staging = mkdtempSync(join(tmpdir(), 'sqlite3mc-'));
try {
  mkdirSync(join(staging, `sqlite-autoconf-${tag}`));
  for (const f of ['sqlite3.c', 'sqlite3.h', 'sqlite3ext.h']) copyFileSync(join(amalgamation, f), join(staging, `sqlite-autoconf-${tag}`, f));
  const tar = createRequire(join(driverDir, 'package.json'))('tar');
  tar.create({ gzip: true, sync: true, file: tarball, cwd: staging, portable: true }, [`sqlite-autoconf-${tag}`]);
} finally {
  rmSync(staging, { recursive: true, force: true });
}

const nodeGyp = createRequire(join(driverDir, 'package.json')).resolve('node-gyp/bin/node-gyp.js');
console.log(`sqlite3-Treiber wird mit SQLite3 Multiple Ciphers (${tag}) gebaut …`);
// -w: the amalgamation's warnings would bury the build log (gyp's make adds CFLAGS from the environment).
const env = { ...process.env, CFLAGS: `${process.env.CFLAGS ?? ''} -w` };
const gypArgs = [nodeGyp, 'rebuild', `--sqlite_version=${tag}`];
// Run outside npm (no npm_config_nodedir): use the headers a packaged Node ships (Debian: /usr/include/node)
// instead of downloading them; where there are none (Windows installer), node-gyp fetches them as usual.
const prefix = join(dirname(process.execPath), '..');
if (!process.env.npm_config_nodedir && existsSync(join(prefix, 'include', 'node', 'node_api.h'))) gypArgs.push(`--nodedir=${prefix}`);
const build = spawnSync(process.execPath, gypArgs, { cwd: driverDir, stdio: 'inherit', env });
if (build.status !== 0) process.exit(build.status ?? 1);
const after = driverVersion();
if (!after.startsWith('SQLite3 Multiple Ciphers')) {
  console.error(`Der neu gebaute sqlite3-Treiber kann nicht verschlüsseln (${after})`);
  process.exit(1);
}
console.log(`sqlite3-Treiber: ${after}`);
