import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AppError } from '../../contract/app-error';
import { openDocument } from '../formats';
import { capabilitiesFrom, createSaneScanner, createScanner, parseDeviceList, parseOptions } from '.';

const work = mkdtempSync(join(tmpdir(), 'scanner-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('scanimage output', () => {
  it('reads the option list of a typical document scanner', () => {
    const caps = capabilitiesFrom(
      parseOptions(
        [
          'All options specific to device `fujitsu:fi-7160:1234\':',
          '  Standard:',
          '    --source Flatbed|ADF Front|ADF Back|ADF Duplex [ADF Front]',
          '        Selects the scan source.',
          '    --mode Lineart|Halftone|Gray|Color [Lineart]',
          '    --resolution 50|75|150|200|300|600dpi [300]',
          '    --swdeskew[=(yes|no)] [no]',
          '    --brightness -127..127 (in steps of 1) [inactive]',
        ].join('\n'),
      ),
    );
    expect(caps).toEqual({
      resolutions: { list: [50, 75, 150, 200, 300, 600] },
      defaultResolution: 300,
      modes: ['Lineart', 'Halftone', 'Gray', 'Color'],
      sources: ['Flatbed', 'ADF Front', 'ADF Back', 'ADF Duplex'],
      adf: true,
      duplex: true,
    });
  });

  it('reads the device list', () => {
    expect(parseDeviceList('test:0\u001fNoname\u001ffrontend-tester\u001fvirtual device\n\n')).toEqual([
      { id: 'test:0', vendor: 'Noname', model: 'frontend-tester', type: 'virtual device' },
    ]);
  });
});

describe('platforms', () => {
  it('uses WIA on Windows and SANE elsewhere', async () => {
    // Without PowerShell here the WIA driver says so; scanimage is asked on Linux.
    const e = await createScanner('win32').listDevices().catch((x: unknown) => x);
    expect((e as AppError).params).toEqual({ reason: 'Windows PowerShell ist auf diesem Arbeitsplatz nicht verfügbar.' });
  });

  it('reports a missing scanimage as unavailable', async () => {
    const e = await createSaneScanner({ command: join(work, 'no-such-scanimage') }).listDevices().catch((x: unknown) => x);
    expect((e as AppError).code).toBe('intake.scanner_unavailable');
  });
});

const hasScanimage = !spawnSync('scanimage', ['--version']).error;
if (!hasScanimage) console.warn('scanimage missing: SANE test-backend tests skipped (install Debian sane-utils)');

describe.skipIf(!hasScanimage)('SANE test backend (scanimage -d test)', () => {
  // A private SANE configuration that enables only the test backend, whatever the machine has.
  const config = join(work, 'sane.d');
  spawnSync('mkdir', ['-p', config]);
  writeFileSync(join(config, 'dll.conf'), 'test\n');
  const scanner = createSaneScanner({ env: { SANE_CONFIG_DIR: config } });

  it('lists the virtual devices and their options', async () => {
    const devices = await scanner.listDevices();
    expect(devices.map((d) => d.id)).toContain('test:0');
    const caps = await scanner.capabilities('test:0');
    expect(caps.sources).toContain('Automatic Document Feeder');
    expect(caps.adf).toBe(true);
    expect(caps.modes).toEqual(expect.arrayContaining(['Gray', 'Color']));
    expect(caps.resolutions).toMatchObject({ min: 1, max: 1200 });
  });

  it('scans the feeder until it is empty, reporting every page', async () => {
    const folder = mkdtempSync(join(work, 'adf-'));
    const progress: number[] = [];
    const batch = await scanner.scan('test:0', { resolution: 75, mode: 'Gray', source: 'Automatic Document Feeder' }, folder, {
      onProgress: (done) => progress.push(done),
    });
    // The test backend's feeder holds 10 sheets.
    expect(batch.files).toHaveLength(10);
    expect(progress).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const { detected, document } = await openDocument(readFileSync(batch.files[0]!));
    expect(detected.format).toBe('tiff');
    const page = await document.rasterize(0);
    // Default scan area 80 × 100 mm at 75 dpi.
    expect([page.raster.width, page.raster.height]).toEqual([Math.round((80 / 25.4) * 75), Math.round((100 / 25.4) * 75)]);
    expect(page.dpi).toEqual({ x: 75, y: 75 });
    const info = spawnSync('tiffinfo', [batch.files[0]!], { encoding: 'utf8' });
    if (!info.error) expect(info.stdout).toContain('Resolution: 75, 75');
  });

  it('scans one sheet from the flatbed', async () => {
    const folder = mkdtempSync(join(work, 'flatbed-'));
    const batch = await scanner.scan('test:0', { resolution: 50, source: 'Flatbed' }, folder);
    expect(batch.files).toHaveLength(1);
  });

  it('refuses an unknown device with intake.scanner_not_found', async () => {
    const e = await scanner.scan('test:99', {}, work).catch((x: unknown) => x);
    expect((e as AppError).code).toBe('intake.scanner_not_found');
  });
});
