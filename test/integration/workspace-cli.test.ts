import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyDemoDataDir } from '../helpers/demo-app';

const bin = join(import.meta.dirname, '..', '..', 'bin', 'eakte.mjs');

function eakte(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('eakte export akteneinsicht', () => {
  let dataDir: string;
  let remove: () => void;
  beforeAll(async () => {
    ({ path: dataDir, remove } = await copyDemoDataDir());
  });
  afterAll(() => remove());

  it('writes the Akte as one stamped PDF and reports pages and documents', async () => {
    const list = await eakte(['search', 'Mahnung', '--data', dataDir, '--user', 'sb21', '--json']);
    const az = (
      JSON.parse(list.stdout) as { hits: { document: { aktenzeichen: string | null } }[] }
    ).hits.find((h) => h.document.aktenzeichen)!.document.aktenzeichen!;
    const out = join(dataDir, 'einsicht.pdf');
    const r = await eakte([
      'export',
      'akteneinsicht',
      az,
      '--out',
      out,
      '--data',
      dataDir,
      '--user',
      'sb21',
      '--json',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout) as {
      pageCount: number;
      documentCount: number;
      path: string;
      base64?: string;
    };
    expect(summary.path).toBe(out);
    expect(summary.base64).toBeUndefined();
    execFileSync('qpdf', ['--check', out]);
    expect(Number(execFileSync('qpdf', ['--show-npages', out], { encoding: 'utf8' }))).toBe(
      summary.pageCount,
    );
    const text = execFileSync('pdftotext', [out, '-'], { encoding: 'utf8' });
    expect(text).toContain(`Akteneinsicht ${az} – Seite ${summary.pageCount} von ${summary.pageCount}`);
    expect(text).toContain('Inhaltsverzeichnis');

    // A selection: only the chosen document follows the contents.
    const doc = (
      JSON.parse(list.stdout) as {
        hits: { document: { uuid: string; aktenzeichen: string | null; title: string } }[];
      }
    ).hits.find((h) => h.document.aktenzeichen === az)!.document;
    const part = join(dataDir, 'auswahl.pdf');
    const one = await eakte([
      'export',
      'akteneinsicht',
      az,
      '--out',
      part,
      '--document',
      doc.uuid,
      '--data',
      dataDir,
      '--user',
      'sb21',
      '--json',
    ]);
    expect(one.code).toBe(0);
    expect((JSON.parse(one.stdout) as { documentCount: number }).documentCount).toBe(1);
    expect(execFileSync('pdftotext', [part, '-'], { encoding: 'utf8' })).toContain(`1. ${doc.title}`);
  });

  it('fails with one German line: unknown or foreign Aktenzeichen (4), missing --out (2)', async () => {
    const list = await eakte(['search', 'Mahnung', '--data', dataDir, '--user', 'sb21', '--json']);
    const az = (
      JSON.parse(list.stdout) as { hits: { document: { aktenzeichen: string | null } }[] }
    ).hits.find((h) => h.document.aktenzeichen)!.document.aktenzeichen!;
    const out = join(dataDir, 'fremd.pdf');
    const foreign = await eakte([
      'export',
      'akteneinsicht',
      az,
      '--out',
      out,
      '--data',
      dataDir,
      '--user',
      'sb32',
    ]);
    expect(foreign.code).toBe(4);
    expect(foreign.stderr.trim().split('\n')).toHaveLength(1);
    expect(foreign.stderr).toContain(`Die Akte ${az} wurde nicht gefunden`);
    expect(existsSync(out)).toBe(false);
    const usage = await eakte(['export', 'akteneinsicht', az, '--data', dataDir, '--user', 'sb21']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--out');
  });
});
