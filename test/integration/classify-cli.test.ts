import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDemoApp, type DemoApp } from '../helpers/demo-app';

const bin = join(import.meta.dirname, '..', '..', 'bin', 'eakte.mjs');

function eakte(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { env: process.env }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

let demo: DemoApp;
let kz: string;
let akteUuid: string;
beforeAll(async () => {
  demo = await openDemoApp();
  const row = await demo.app.deps.store.reader.get<{ value: string; uuid: string }>(
    `SELECT r.value, a.uuid FROM record_reference r JOIN akte a ON a.id = r.akte_id WHERE r.type = 'kassenzeichen' AND a.status = 'open' ORDER BY a.id LIMIT 1`,
  );
  kz = row!.value;
  akteUuid = row!.uuid;
  await demo.app.close(); // the CLI opens the store itself
});
afterAll(async () => {
  const { rmSync } = await import('node:fs');
  rmSync(demo.dataDir, { recursive: true, force: true });
});

async function letterPdf(pages: string[][]): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (const lines of pages) {
    const page = pdf.addPage([595, 842]);
    lines.forEach((line, i) => page.drawText(line, { x: 60, y: 760 - i * 18, size: 11, font }));
  }
  return pdf.save();
}

describe('eakte extract / classify', () => {
  it('reads references with type, value, page and position from a text-layer PDF and proposes the Akte', async () => {
    const file = join(demo.dataDir, 'brief.pdf');
    writeFileSync(file, await letterPdf([
      ['Stadtkasse', 'Sehr geehrte Damen und Herren,', 'anbei die Unterlagen wie besprochen.'],
      ['Betreff: Ratenzahlung', `Zum Kassenzeichen ${kz} bitte ich um Ratenzahlung.`, 'Mit freundlichen Gruessen'],
    ]));
    const r = await eakte(['extract', file, '--data', demo.dataDir, '--user', 'sb21', '--json']);
    expect(r.stderr).not.toMatch(/Error/);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { source: string; references: { type: string; value: string; page: number; start: number; end: number }[] };
    expect(out.source).toBe('text-layer');
    const ref = out.references.find((x) => x.type === 'kassenzeichen');
    expect(ref).toMatchObject({ value: kz, page: 2 });
    expect(ref!.end - ref!.start).toBe(kz.length);

    const c = await eakte(['classify', file, '--data', demo.dataDir, '--user', 'sb21', '--json']);
    expect(c.code).toBe(0);
    const p = JSON.parse(c.stdout) as { amtId: string; candidates: { akteUuid: string | null; confidence: number; reasons: { kind: string; value?: string }[] }[] };
    expect(p.amtId).toBe('21');
    expect(p.candidates[0]!.akteUuid).toBe(akteUuid);
    expect(p.candidates[0]!.reasons).toContainEqual(expect.objectContaining({ kind: 'reference', value: kz }));
  }, 120_000);

  it('classifies a plain text file in the Amt of --user', async () => {
    const file = join(demo.dataDir, 'brief.txt');
    writeFileSync(file, 'Verpflichtungserklärung nach § 68 AufenthG für die eingeladene Person, zur weiteren Bearbeitung übersandt.\n');
    const c = await eakte(['classify', file, '--data', demo.dataDir, '--user', 'sb32', '--json']);
    expect(c.code).toBe(0);
    const p = JSON.parse(c.stdout) as { amtId: string; source: string; candidates: { aktenplanNumber: string; confidence: number }[] };
    expect(p.source).toBe('text');
    expect(p.amtId).toBe('32');
    expect(p.candidates.length).toBeGreaterThan(0);
    expect(p.candidates.every((x) => x.aktenplanNumber.startsWith('32.'))).toBe(true);
    expect(p.candidates[0]!.aktenplanNumber).toBe('32.10.02');
    const e = await eakte(['extract', file, '--data', demo.dataDir, '--user', 'sb32', '--json']);
    expect(e.code).toBe(0);
    expect(JSON.parse(e.stdout).references.filter((x: { type: string }) => x.type === 'kassenzeichen')).toEqual([]);
  }, 120_000);
});
