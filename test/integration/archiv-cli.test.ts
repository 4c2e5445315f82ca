import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { example, xmllintValidate } from '../../archive/xdomea/testing/system-xmllint';
import type { ArchivFixityRun, ArchivReceiptDetail } from '../../contract/methods/archiv';
import { copyDemoDataDir } from '../helpers/demo-app';
import { tempDir } from '../helpers/temp-dir';

/** `eakte archiv …` on a shared state archive's example 0503, as an archivist would script it. */

const bin = join(import.meta.dirname, '..', '..', 'bin', 'eakte.mjs');
const PROZESS = '9fde4e7a-b41b-11ec-9225-005056871b7c';
let data: { path: string; remove(): void };
const out = tempDir('eakte-archiv-cli-');

function eakte(args: string[], user = 'archiv'): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args, '--user', user],
      { env: { ...process.env, EAKTE_DATA_DIR: data.path } },
      (err, stdout, stderr) =>
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  data = await copyDemoDataDir();
});
afterAll(() => {
  data.remove();
  out.remove();
});

describe('eakte archiv', () => {
  let zip: string;

  it('receives the LAV NRW example and prints the report; --json gives the counts', async () => {
    zip = join(out.path, `${PROZESS}_Aussonderung.Aussonderung.0503.zip`);
    execFileSync('zip', [
      '-j',
      '-q',
      zip,
      example(`lavnrw-v3.0.0/${PROZESS}_Aussonderung.Aussonderung.0503.xml`),
      example('lavnrw-v3.0.0/f4bcaaf7-d7cb-11ef-a278-005056871b7c.txt'),
    ]);
    const text = await eakte(['archiv', 'receive', zip]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain(`ProzessID ${PROZESS}, xdomea 3.0.0`);
    const again = await eakte(['archiv', 'receive', zip, '--json']);
    const detail = JSON.parse(again.stdout) as ArchivReceiptDetail;
    expect(detail).toMatchObject({ prozessId: PROZESS, status: 'ok', counts: { primaerdateien: 1 } });
  });

  it('confirms with 0507/0506 that validate against the 3.1.0 XSD', async () => {
    const r = await eakte(['archiv', 'confirm', PROZESS, '--out', out.path, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const written = JSON.parse(r.stdout) as {
      receipt: { path: string };
      importConfirmation: { path: string };
      accepted: boolean;
    };
    expect(written.accepted).toBe(true);
    for (const file of [written.receipt.path, written.importConfirmation.path])
      expect(xmllintValidate(readFileSync(file, 'utf8'), '3.1.0').valid).toBe(true);
  });

  it('packages into a bag that sha256sum checks, and fixity exits 6 once a file changed', async () => {
    const r = await eakte(['archiv', 'package', PROZESS, '--out', out.path, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const bag = (JSON.parse(r.stdout) as { path: string }).path;
    expect(spawnSync('sha256sum', ['--check', '--strict', 'manifest-sha256.txt'], { cwd: bag }).status).toBe(
      0,
    );
    const clean = await eakte(['archiv', 'fixity']);
    expect(clean.code, clean.stderr).toBe(0);
    expect(clean.stdout).toMatch(/^1 Pakete, \d+ Dateien geprüft: alle unverändert/);
    appendFileSync(join(bag, 'data/primary/f4bcaaf7-d7cb-11ef-a278-005056871b7c.txt'), 'x');
    const changed = await eakte(['archiv', 'fixity', '--json']);
    expect(changed.code).toBe(6);
    const run = JSON.parse(changed.stdout) as ArchivFixityRun;
    expect(run.results[0]).toMatchObject({
      outcome: 'changed',
      changes: [{ file: 'data/primary/f4bcaaf7-d7cb-11ef-a278-005056871b7c.txt', change: 'changed' }],
    });
  });

  it('exits 2 without a ProzessID and 3 for a clerk, with one German line', async () => {
    const usage = await eakte(['archiv', 'confirm']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/ProzessID fehlt/);
    const clerk = await eakte(['archiv', 'receive', zip], 'sb21');
    expect(clerk.code).toBe(3);
    expect(clerk.stderr.trim().split('\n')).toHaveLength(1);
  });
});
