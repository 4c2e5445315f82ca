import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../contract/app-error';
import { openDocument } from '../formats';
import { createWiaScanner } from './wia-scanner';
import { encodedCommand, WIA_SCRIPT } from './wia/wia-script';

const work = mkdtempSync(join(tmpdir(), 'wia-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const TIFF = join(__dirname, '../../fixtures/samples/intake/scan-3-pages-g4.tiff');

/**
 * Windows' COM layer cannot exist here, so a stand-in speaks the PowerShell helper's line protocol: a
 * scanner with a three-sheet feeder that saves real TIFF pages. Scenario names come as its argument.
 */
const STAND_IN = join(work, 'wia-stand-in.cjs');
writeFileSync(
  STAND_IN,
  `const fs = require('node:fs'), path = require('node:path');
const req = JSON.parse(process.env.EAKTE_WIA_REQUEST);
const scenario = process.argv[2];
const say = (o) => process.stdout.write(JSON.stringify(o) + '\\r\\n');
const fail = (hresult) => { say({ error: { hresult, message: 'stand-in ' + hresult } }); process.exit(1); };
process.stdout.write('WARNING: PowerShell chatter that is not JSON\\r\\n');
if (scenario === 'no-wia') fail('0x80040154');
if (req.op === 'list') say({ device: { id: '{6BDD1FC6-810F-11D0-BEC7-08002BE2092F}\\\\0001', vendor: 'Fujitsu', model: 'fi-7160 Pöststelle', description: 'Dokumentenscanner' } });
if (req.op === 'caps') {
  if (scenario === 'gone') fail('not_found');
  say({ caps: { handling: scenario === 'flatbed-only' ? 2 : 7, resolution: 300, list: [600, 150, 300, 200] } });
}
if (req.op === 'scan') {
  fs.writeFileSync(path.join(req.folder, 'request.json'), JSON.stringify(req));
  let n = 0;
  for (;;) {
    if (req.maxPages && n >= req.maxPages) break;
    if (scenario === 'jam' && n === 2) fail('0x80210002');
    if (req.feeder && n === (scenario === 'empty' ? 0 : 3)) { if (n === 0) fail('0x80210003'); break; }
    n++;
    const file = path.join(req.folder, 'page-' + String(n).padStart(4, '0') + '.tif');
    fs.copyFileSync(${JSON.stringify(TIFF)}, file);
    say({ page: { n, file } });
    if (!req.feeder) break;
  }
  say({ end: { pages: n } });
}
`,
);

const scanner = (scenario = 'ok') => createWiaScanner({ launcher: { command: process.execPath, args: [STAND_IN, scenario] } });
const DEVICE = '{6BDD1FC6-810F-11D0-BEC7-08002BE2092F}\\0001';
const codeOf = async (p: Promise<unknown>) => {
  const e = await p.catch((x: unknown) => x);
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
};

describe('WIA scanner (PowerShell line protocol)', () => {
  it('lists scanners and maps their document handling to sources', async () => {
    expect(await scanner().listDevices()).toEqual([
      { id: DEVICE, vendor: 'Fujitsu', model: 'fi-7160 Pöststelle', type: 'Dokumentenscanner' },
    ]);
    expect(await scanner().capabilities(DEVICE)).toEqual({
      resolutions: { list: [150, 200, 300, 600] },
      defaultResolution: 300,
      modes: ['Color', 'Gray', 'Lineart'],
      sources: ['Flatbed', 'Feeder', 'Duplex'],
      adf: true,
      duplex: true,
    });
    expect((await scanner('flatbed-only').capabilities(DEVICE)).sources).toEqual(['Flatbed']);
  });

  it('scans the duplex feeder until it is empty, with progress per page and the WIA settings asked for', async () => {
    const folder = mkdtempSync(join(work, 'adf-'));
    const progress: number[] = [];
    const batch = await scanner().scan(DEVICE, { source: 'Duplex', resolution: 200, mode: 'Gray' }, folder, {
      onProgress: (done) => progress.push(done),
    });
    expect(batch.files.map((f) => f.slice(folder.length + 1))).toEqual(['page-0001.tif', 'page-0002.tif', 'page-0003.tif']);
    expect(progress).toEqual([1, 2, 3]);
    // Feeder + duplex flags, WIA_IPS_CUR_INTENT grayscale, no page limit.
    expect(JSON.parse(readFileSync(join(folder, 'request.json'), 'utf8'))).toEqual({
      op: 'scan',
      device: DEVICE,
      folder,
      feeder: true,
      handling: 5,
      resolution: 200,
      intent: 2,
    });
    const { detected } = await openDocument(readFileSync(batch.files[0]!));
    expect(detected.format).toBe('tiff');
  });

  it('takes one sheet from the flatbed', async () => {
    const folder = mkdtempSync(join(work, 'flatbed-'));
    expect((await scanner().scan(DEVICE, { source: 'Flatbed' }, folder)).files).toHaveLength(1);
  });

  it('says in German what went wrong at the device', async () => {
    const empty = await codeOf(scanner('empty').scan(DEVICE, { source: 'Feeder' }, mkdtempSync(join(work, 'e-'))));
    expect([empty.code, empty.params]).toEqual(['intake.scanner_failed', { reason: 'kein Papier im Einzug' }]);
    const jam = await codeOf(scanner('jam').scan(DEVICE, { source: 'Feeder' }, mkdtempSync(join(work, 'j-'))));
    expect([jam.code, jam.params]).toEqual(['intake.scanner_failed', { reason: 'Papierstau', pages: 2 }]);
    expect((await codeOf(scanner('gone').capabilities(DEVICE))).code).toBe('intake.scanner_not_found');
    expect((await codeOf(scanner('no-wia').listDevices())).code).toBe('intake.scanner_unavailable');
    expect((await codeOf(scanner().scan(DEVICE, { source: 'ADF Back' }, work))).code).toBe('intake.scanner_failed');
    const missing = createWiaScanner({ launcher: { command: join(work, 'no-powershell.exe'), args: [] } });
    expect((await codeOf(missing.listDevices())).code).toBe('intake.scanner_unavailable');
  });

  it('sends PowerShell the script it reads every request field from', () => {
    const launcherScript = Buffer.from(encodedCommand(WIA_SCRIPT), 'base64').toString('utf16le');
    expect(launcherScript).toBe(WIA_SCRIPT);
    for (const field of ['op', 'device', 'folder', 'feeder', 'handling', 'resolution', 'intent', 'maxPages']) {
      expect(WIA_SCRIPT).toContain(`$req.${field}`);
    }
    // powershell.exe refuses command lines over 32,767 characters.
    expect(encodedCommand(WIA_SCRIPT).length).toBeLessThan(30_000);
  });
});
