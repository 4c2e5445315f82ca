// Fails (exit 1) when a shipped package's licence is not on the list the city's legal office accepted for
// an app given to other municipalities (EUPL-1.2 compatible, permissive or weak copyleft per file).
// Usage: node scripts/check-licenses.mjs [project root]
import { shippedPackages } from './shipped-packages.mjs';

const ALLOWED = new Set(['MIT', 'MIT-0', 'ISC', 'BSD-2-Clause', 'BSD-3-Clause', 'Apache-2.0', '0BSD', 'BlueOak-1.0.0', 'CC0-1.0', 'Zlib', 'WTFPL', 'Unlicense', 'Python-2.0', 'MPL-2.0', 'EUPL-1.2']);
// Reviewed one by one: the licence field is not an SPDX id.
const REVIEWED = { 'dejavu-fonts-ttf': 'Bitstream Vera / Arev font licence (free, redistributable)' };

/** An SPDX expression of ORs and ANDs (no WITH): OR needs one allowed side, AND needs all. */
function allowed(expr) {
  const e = expr.trim().replace(/^\((.*)\)$/, '$1');
  if (/\sOR\s/.test(e)) return e.split(/\s+OR\s+/).some(allowed);
  if (/\sAND\s/.test(e)) return e.split(/\s+AND\s+/).every(allowed);
  return ALLOWED.has(e);
}

const root = process.argv[2] ?? new URL('..', import.meta.url).pathname;
const packages = shippedPackages(root);
const bad = packages.filter((p) => !REVIEWED[p.name] && !allowed(p.license));
for (const p of bad) console.error(`Lizenz nicht freigegeben: ${p.name}@${p.version} (${p.license})`);
console.log(`${packages.length} ausgelieferte Pakete geprüft, ${bad.length} mit nicht freigegebener Lizenz`);
process.exit(bad.length ? 1 : 0);
