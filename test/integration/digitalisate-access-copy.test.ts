import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessLayers } from '../../archive/digitalisate/access-layers';
import { packageUnit } from '../../archive/digitalisate/package-service';
import { unitByUuid, type PageRow } from '../../archive/digitalisate/register';
import type { ScanIntake } from '../../archive/digitalisate/scan-intake';
import { SCAN_WORD, writeScanBatch } from '../../archive/digitalisate/testing/scan-batch';
import { resolveCaller } from '../../core/records/users';
import type { CallCtx } from '../../core/records/context';
import { createArchiveScanIntake } from '../../ocr';
import { createRealTools } from '../../ocr/pipeline/real-tools';
import { archiveOcrSettings } from '../../ocr/pipeline/settings';
import { openDemoApp, type DemoApp, type DemoSession } from '../helpers/demo-app';
import { tempDir } from '../helpers/temp-dir';

/** The access copy's OCR is done once per master page: packaging again reads the kept layers. */

let demo: DemoApp;
let archiv: DemoSession;
let ctx: CallCtx;
let scans: string[];
const work = tempDir('eakte-digitalisate-access-');
let recognitions = 0;

/** The real archive intake, with the OCR engine's calls counted (the tools are injectable for this). */
const countingIntake = (renderDpi?: number): ScanIntake => {
  const settings = archiveOcrSettings();
  return createArchiveScanIntake(demo.app.logger, renderDpi ? { ...settings, renderDpi } : settings, async (s, logger) => {
    const tools = await createRealTools(s, logger);
    return { ...tools, recognize: (...args) => (recognitions++, tools.recognize(...args)) };
  });
};

const unit = async (signatur: string, files: string[]) => {
  const { unitId } = await archiv.ok('digitalisate.createUnit', { bestand: 'A 12', signatur, titel: 'Protokolle', laufzeit: '1901', provenienz: 'Stadtrat' });
  await archiv.ok('digitalisate.addPages', { unitId, paths: files });
  return unitId;
};
const accessText = (bag: string, signatur: string) =>
  execFileSync('pdftotext', [join(bag, `data/access/${signatur.replace(/[^\w.-]+/g, '_')}.pdf`), '-'], { encoding: 'utf8' });

beforeAll(async () => {
  const batch = join(work.path, 'batch');
  mkdirSync(batch);
  scans = writeScanBatch(batch);
  demo = await openDemoApp();
  archiv = await demo.login('archiv');
  ctx = { ...demo.app.deps, caller: await resolveCaller(demo.app.store.reader, 'archiv') };
}, 60_000);
afterAll(async () => {
  await demo.close();
  work.remove();
});

describe('Digitalisate access copy', () => {
  it('OCRs a page once: packaging again after new pages OCRs only those, another unit with the same master none', async () => {
    const out = join(work.path, 'out');
    mkdirSync(out);
    const intake = countingIntake();
    const first = await unit('Nr. 1', [scans[0]!]);
    const a = await packageUnit(ctx, intake, first, out);
    const once = recognitions;
    expect(once).toBeGreaterThan(0);
    expect(accessText(a.path, 'Nr. 1')).toContain(SCAN_WORD);

    await archiv.ok('digitalisate.addPages', { unitId: first, paths: [scans[2]!] });
    const b = await packageUnit(ctx, intake, first, out);
    expect(b.path).toBe(join(out, `${first}.2`));
    expect(recognitions - once).toBeLessThanOrEqual(1); // the new page at most, never the first again
    expect(accessText(b.path, 'Nr. 1')).toContain(SCAN_WORD);
    const afterAdd = recognitions;

    // The layer belongs to the master page, not the unit: a second unit of the same scan needs no OCR.
    const second = await unit('Nr. 2', [scans[0]!]);
    const c = await packageUnit(ctx, intake, second, out);
    expect(recognitions).toBe(afterAdd);
    expect(accessText(c.path, 'Nr. 2')).toContain(SCAN_WORD);
    expect(execFileSync('pdfinfo', [join(c.path, 'data/access/Nr._2.pdf')], { encoding: 'utf8' })).toMatch(/Pages:\s+1\n/);
  }, 120_000);

  it('makes the layers again under another OCR profile (the kept ones were made with other settings)', async () => {
    const unitId = await unit('Nr. 3', [scans[0]!]);
    const row = await unitByUuid(demo.app.store.reader, unitId);
    const pages = await demo.app.store.reader.all<PageRow>('SELECT * FROM archiv_unit_page WHERE unit_id = ?', [row.id]);
    const before = recognitions;
    const kept = await accessLayers(ctx, countingIntake(), row, pages);
    expect(recognitions).toBe(before);
    expect(kept).toHaveLength(1);
    await accessLayers(ctx, countingIntake(200), row, pages);
    expect(recognitions).toBe(before + 1);
    const profiles = await demo.app.store.reader.all<{ profile: string }>('SELECT profile FROM archiv_page_access WHERE master_sha256 = ?', [
      pages[0]!.sha256,
    ]);
    expect(profiles.map((p) => JSON.parse(p.profile).renderDpi).sort()).toEqual([200, archiveOcrSettings().renderDpi].sort());
  }, 60_000);
});
