import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDemoApp, type DemoApp, type DemoSession } from '../helpers/demo-app';
import { tempDir } from '../helpers/temp-dir';

const hasScanimage = !spawnSync('scanimage', ['--version']).error;
if (!hasScanimage) console.warn('scanimage missing: scan API tests skipped (install Debian sane-utils)');

/** "Scannen" in the post room, against SANE's test backend: a real SANE device with synthetic sheets. */
describe.skipIf(!hasScanimage)('intake.listScanners / intake.scan', () => {
  let demo: DemoApp;
  let post: DemoSession;
  const config = tempDir('eakte-sane-');
  const saved = process.env.SANE_CONFIG_DIR;

  beforeAll(async () => {
    // A private SANE configuration that enables only the test backend, whatever the machine has.
    mkdirSync(config.path, { recursive: true });
    writeFileSync(join(config.path, 'dll.conf'), 'test\n');
    process.env.SANE_CONFIG_DIR = config.path;
    demo = await openDemoApp();
    post = await demo.login('poststelle');
  });
  afterAll(async () => {
    if (saved === undefined) delete process.env.SANE_CONFIG_DIR;
    else process.env.SANE_CONFIG_DIR = saved;
    await demo.close();
    config.remove();
  });

  it('lists the device with resolutions, colour modes and the document feeder', async () => {
    const { devices } = await post.ok('intake.listScanners', {});
    const test = devices.find((d) => d.id === 'test:0');
    expect(test?.capabilities).toMatchObject({ adf: true, resolutions: { min: 1, max: 1200 } });
    expect(test?.capabilities.modes).toEqual(expect.arrayContaining(['Gray', 'Color']));
    expect(test?.capabilities.sources).toContain('Automatic Document Feeder');
    const clerk = await demo.login('sb21');
    expect((await clerk.call('intake.listScanners', {})).ok).toBe(false);
  });

  it('scans two sheets from the feeder into one batch (one PDF at the scanned size) and keeps no scan files', async () => {
    const events: number[] = [];
    const off = demo.app.events.subscribe((e) => {
      if (e.type === 'job.progress' && e.stage === 'scan') events.push(e.done);
    });
    const { batches } = await post.ok('intake.scan', {
      deviceId: 'test:0',
      resolution: 75,
      mode: 'Gray',
      source: 'Automatic Document Feeder',
      maxPages: 2,
      sender: 'Landgericht Duisburg',
    });
    off();
    expect(events).toEqual([1, 2]);
    expect(batches).toHaveLength(1);
    const [batch] = batches;
    expect(batch!.original.fileName).toMatch(/^Scan \d{4}-\d{2}-\d{2}T\d{2}-\d{2}\.pdf$/);
    expect(batch!.sender).toBe('Landgericht Duisburg');
    const info = spawnSync('pdfinfo', [demo.app.store.blobs.pathOf(batch!.original.sha256)], {
      encoding: 'utf8',
    }).stdout;
    expect(info).toMatch(/Pages:\s+2/);
    // The test backend's default area is 80 × 100 mm.
    const [, w, h] = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(info)!;
    expect([Math.round(Number(w)), Math.round(Number(h))]).toEqual([227, 283]);
    const scans = join(demo.dataDir, 'work', 'scans');
    expect(existsSync(scans) ? readdirSync(scans) : []).toEqual([]);
  });

  it('names a missing device in German', async () => {
    const r = await post.call('intake.scan', { deviceId: 'test:9' });
    expect(r.ok ? null : r.error.code).toBe('intake.scanner_not_found');
  });
});
