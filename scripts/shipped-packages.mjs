// The packages that ship with the app (no dev dependencies), with version and declared licence, from
// package-lock.json and the installed package.json files. Used by licenses.mjs and check-licenses.mjs.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export function shippedPackages(root) {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
  const rows = [];
  for (const [path, info] of Object.entries(lock.packages)) {
    if (!path || info.dev || info.devOptional) continue;
    const pkgFile = join(root, path, 'package.json');
    const pkg = existsSync(pkgFile) ? JSON.parse(readFileSync(pkgFile, 'utf8')) : {};
    const name = pkg.name ?? path.replace(/^.*node_modules\//, '');
    const license = typeof pkg.license === 'string' ? pkg.license : (pkg.license?.type ?? info.license ?? 'UNKNOWN');
    rows.push({ name, version: info.version ?? pkg.version ?? '?', license });
  }
  rows.sort((a, b) => a.name.localeCompare(b.name));
  return rows.filter((r, i) => i === 0 || r.name !== rows[i - 1].name || r.version !== rows[i - 1].version);
}
