import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAkte, markZda } from '../../core/records/akten';
import { createIncomingDocument } from '../../core/records/documents';
import { resolveCaller } from '../../core/records/users';
import { writeBilevelTiff } from '../../fixtures/samples/intake/tiff-writer';
import { grayRaster } from '../../ocr/raster';
import { openDemoApp, type DemoApp } from '../../test/helpers/demo-app';
import { tempDir } from '../../test/helpers/temp-dir';
import { preflightPdfA } from '../pdfa/index';
import { readMessage, writeValidatedMessage, type OfferMessage } from '../xdomea/index';
import { local, xmllintValidate, xpathTexts } from '../xdomea/testing/system-xmllint';

/**
 * A fax-mode scan kept as a multi-page CCITT G4 TIFF goes to the archive as a PDF/A-2b made at export,
 * page for page and pixel for pixel, together with the TIFF itself; the 0503 names both formats.
 */

const DPI = 100;
/** Two small bilevel pages with different patterns, so a swapped or resampled page shows. */
const pages = [0, 1].map((n) => {
  const page = grayRaster(240 + 8 * n, 330);
  for (let y = 0; y < page.height; y++)
    for (let x = 0; x < page.width; x++) page.data[y * page.width + x] = (Math.floor(x / (5 + n)) + Math.floor(y / 7)) % 3 === 0 ? 0 : 255;
  return page;
});

let demo: DemoApp;
const dir = tempDir('eakte-tiff-export-');
let tiff: Buffer;
let akteUuid: string;

beforeAll(async () => {
  writeFileSync(join(dir.path, 'plain.tif'), writeBilevelTiff(pages, DPI));
  execFileSync('tiffcp', ['-c', 'g4', join(dir.path, 'plain.tif'), join(dir.path, 'fax.tif')]);
  tiff = readFileSync(join(dir.path, 'fax.tif'));
  demo = await openDemoApp();
  const { app } = demo;
  // An Akte of Amt 21 closed in 2010 under a 10-year position: its retention has expired.
  const ctx = { ...app.deps, caller: await resolveCaller(app.store.reader, 'sb21') };
  const plan = (await app.store.reader.get<{ uuid: string }>(`SELECT uuid FROM aktenplan_entry WHERE number = '21.10.02'`))!.uuid;
  const blob = await app.store.blobs.put(tiff);
  akteUuid = await app.store.write(async (tx) => {
    const { uuid } = await createAkte(tx, ctx, { aktenplanEntryUuid: plan, title: 'Vollstreckung per Fax', persons: [], openedAt: '2009-02-01' });
    const vorgang = (await tx.get<{ uuid: string }>('SELECT v.uuid FROM vorgang v JOIN akte a ON a.id = v.akte_id WHERE a.uuid = ?', [uuid]))!.uuid;
    await createIncomingDocument(tx, ctx, {
      posteingang: { channel: 'fax', sender: 'Amtsgericht', receivedAt: '2009-03-01T09:00:00+01:00' },
      title: 'Pfändungsbeschluss (Fax)',
      amtId: '21',
      file: { blob, fileName: 'fax.tif', mimeType: 'image/tiff' },
      text: 'Pfändungsbeschluss',
      vorgangUuid: vorgang,
    });
    await markZda(tx, ctx, uuid, '2010-03-15');
    return uuid;
  });
});
afterAll(async () => {
  await demo.close();
  dir.remove();
});

/** 1-bit page images as poppler's pdfimages writes them (PBM, 1 is black), compared with the source page. */
function differingPixels(pbmFile: string, page: (typeof pages)[number]): number {
  const pbm = readFileSync(pbmFile);
  const header = /^P4\s+(\d+)\s+(\d+)\s/.exec(pbm.toString('latin1', 0, 32))!;
  expect([Number(header[1]), Number(header[2])]).toEqual([page.width, page.height]);
  const bits = pbm.subarray(header[0].length);
  const bpl = Math.ceil(page.width / 8);
  return page.data.filter((v, p) => {
    const x = p % page.width;
    const y = Math.floor(p / page.width);
    return v < 128 !== Boolean(bits[y * bpl + (x >> 3)]! & (0x80 >> (x & 7)));
  }).length;
}

describe('0503 with a multi-page TIFF', () => {
  it('sends a PDF/A-2b of every page, lossless, beside the original TIFF, in an XSD-valid message', async () => {
    const archiv = await demo.login('archiv');
    const created = await archiv.ok('aussonderung.createOffer', { amtId: '21', akteUuids: [akteUuid], outDir: dir.path });
    const offer = readMessage(readFileSync(created.offer.path)).message as OfferMessage;
    const appraisal = await writeValidatedMessage({
      type: '0502',
      header: { prozessId: offer.header.prozessId, createdAt: '2026-12-01T10:00:00Z', sender: offer.header.recipient, recipient: offer.header.sender },
      receiptRequested: false,
      appraisals: [{ xdomeaUuid: akteUuid, decision: 'A' }],
    });
    const appraisalFile = join(dir.path, '0502.xml');
    writeFileSync(appraisalFile, appraisal);
    await archiv.ok('aussonderung.importMessage', { source: { kind: 'path', path: appraisalFile } });

    const r = await archiv.ok('aussonderung.export', { prozessId: offer.header.prozessId, outDir: dir.path });
    expect(r.files).toHaveLength(1);
    const [file] = r.files;
    expect(file).toMatchObject({ outcome: 'converted', pdfaVersion: '2b', reason: 'umgewandelt aus image/tiff' });

    const unpacked = join(dir.path, 'unpacked');
    execFileSync('unzip', ['-q', r.package.path, '-d', unpacked]);
    const pdfName = file!.fileName;
    const tiffName = pdfName.replace(/\.pdf$/, '.tif');
    expect(readdirSync(unpacked)).toEqual(expect.arrayContaining([pdfName, tiffName]));
    expect(readFileSync(join(unpacked, tiffName))).toEqual(tiff);
    const manifest = readdirSync(unpacked).find((n) => n.endsWith('.sha256'))!;
    expect(spawnSync('sha256sum', ['--check', '--strict', manifest], { cwd: unpacked }).status).toBe(0);

    // The message is valid against the official XSD and names both files, the PDF/A first.
    const message = join(unpacked, readdirSync(unpacked).find((n) => n.endsWith('.0503.xml'))!);
    expect(xmllintValidate(readFileSync(message, 'utf8'), '3.1.0').valid).toBe(true);
    expect(xpathTexts(message, `//${local('Version', 'Format', 'Name', 'code')}`)).toEqual(['044', '023']);
    expect(xpathTexts(message, `//${local('Version', 'Format', 'Primaerdokument', 'Dateiname')}`)).toEqual([pdfName, tiffName]);

    const pdf = join(unpacked, pdfName);
    expect(spawnSync('qpdf', ['--check', pdf]).status).toBe(0);
    expect(preflightPdfA(readFileSync(pdf))).toMatchObject({ conforming: true, claimed: { part: 2, conformance: 'B' }, pageCount: 2 });
    // The page images in the PDF are the TIFF pages, bit for bit.
    execFileSync('pdfimages', [pdf, join(dir.path, 'image')]);
    pages.forEach((page, i) => expect(differingPixels(join(dir.path, `image-00${i}.pbm`), page)).toBe(0));
  });
});
