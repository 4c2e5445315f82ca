import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeScanBatch } from '../../archive/digitalisate/testing/scan-batch';
import type { DigitalisatDetail } from '../../contract/methods/digitalisate';
import { runCli } from '../../host/cli/main';
import { copyDemoDataDir } from '../helpers/demo-app';
import { tempDir } from '../helpers/temp-dir';

/** `eakte archiv unit …` and `eakte archiv package <Einheit>`, as an archivist would script a scan batch. */

let data: { path: string; remove(): void };
const out = tempDir('eakte-digitalisate-cli-');

/** The CLI in-process (the bin's wiring is covered by archiv-cli.test.ts): no tsx start per command. */
async function eakte(args: string[], user = 'archiv'): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await runCli(
    [...args, '--user', user, '--data', data.path],
    { out: (t) => stdout.push(t), err: (t) => stderr.push(t) },
    new Promise(() => undefined),
  );
  return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n') };
}

beforeAll(async () => {
  data = await copyDemoDataDir();
});
afterAll(() => {
  data.remove();
  out.remove();
});

describe('eakte archiv unit / package <Einheit>', () => {
  it('creates a unit, adds a scan, and packages it by its unit id', async () => {
    const [, , bitonal] = writeScanBatch(out.path);
    const created = await eakte([
      'archiv', 'unit', 'create', '--bestand', 'B 3 Karten', '--signatur', 'K 9', '--titel', 'Stadtplan',
      '--laufzeit', '1912', '--provenienz', 'Stadtbauamt', '--json',
    ]);
    expect(created.code, created.stderr).toBe(0);
    const unitId = (JSON.parse(created.stdout) as DigitalisatDetail).unitId;

    const added = await eakte(['archiv', 'unit', 'add', unitId, bitonal!]);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toContain('Seite 1: scan-0003.png, PNG 1.2, 320 × 200 px, 300 dpi, bitonal');

    const packaged = await eakte(['archiv', 'package', unitId, '--out', out.path, '--json']);
    expect(packaged.code, packaged.stderr).toBe(0);
    const bag = (JSON.parse(packaged.stdout) as { path: string }).path;
    expect(bag).toBe(join(out.path, unitId));
    expect(spawnSync('sha256sum', ['--strict', '-c', 'manifest-sha256.txt'], { cwd: bag }).status).toBe(0);
    expect(readFileSync(join(bag, 'data/master/0001_scan-0003.png'))).toEqual(readFileSync(bitonal!));
  }, 120_000);

  it('says in one German line that neither an Aussonderung nor a unit has the id (exit 4)', async () => {
    const r = await eakte(['archiv', 'package', '0b0e7f55-5c3d-4a8e-9d43-0c1c3c9a0f00']);
    expect(r.code).toBe(4);
    expect(r.stderr.trim()).toBe('Fehler: Im Archiv gibt es keine Verzeichnungseinheit 0b0e7f55-5c3d-4a8e-9d43-0c1c3c9a0f00.');
  });
});
