/**
 * `npm run bench`: runs every bench/*.bench.ts (or those named on the command line) one after the
 * other in its own process, then merges their result files into bench/results.json.
 * Benchmarks are measurements against a peer measured in the same run, never pass/fail tests.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = import.meta.dirname;
const wanted = process.argv.slice(2);
const benches = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();

const merged: Record<string, unknown> = existsSync(join(dir, 'results.json'))
  ? (JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as Record<string, unknown>)
  : {};
for (const file of benches) {
  const name = file.replace(/\.bench\.ts$/, '');
  console.log(`\n=== ${name} ===`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', join(dir, file)], { stdio: 'inherit' });
  const out = join(dir, 'results', `${name}.json`);
  if (r.status === 0 && existsSync(out)) merged[name] = JSON.parse(readFileSync(out, 'utf8'));
  else console.error(`${name}: failed (exit ${r.status})`);
}
writeFileSync(join(dir, 'results.json'), JSON.stringify(merged, null, 2) + '\n');
console.log(`\nErgebnisse: ${join(dir, 'results.json')}`);
