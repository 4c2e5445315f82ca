import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAkte, markZda } from '../../core/records/akten';
import { createIncomingDocument } from '../../core/records/documents';
import { resolveCaller } from '../../core/records/users';
import { openDemoApp, type DemoApp } from '../../test/helpers/demo-app';
import { tempDir } from '../../test/helpers/temp-dir';
import { AppError } from '../../contract/app-error';
import { finalizePdfA } from '../pdfa/index';
import { germanLetter, letterMeta } from '../pdfa/testing/sample-documents';
import { readMessage, writeValidatedMessage, type OfferMessage } from '../xdomea/index';
import { local, xmllintValidate, xpathTexts } from '../xdomea/testing/system-xmllint';
import { exportAussonderung } from './export';
import type { ArchivalFormatTools } from './formats';
import { pdfaTools } from './pdfa-tools';

/**
 * The 0503 is written in one pass: each stored file is read once and goes into the ZIP from the bytes
 * that were checked; the message, written Akte by Akte as their files are in, follows the files.
 */

let demo: DemoApp;
const dir = tempDir('eakte-export-pass-');
/** In the order of the appraisal: an Akte with two letters (one file twice), an empty one, one with a letter. */
const akten: string[] = [];
let letters: Buffer[];
let prozessId: string;

beforeAll(async () => {
  demo = await openDemoApp();
  const { app } = demo;
  letters = await Promise.all(
    ['Bescheid', 'Mahnung'].map(async (title) => Buffer.from(await finalizePdfA(await germanLetter(), { ...letterMeta, title }))),
  );
  const ctx = { ...app.deps, caller: await resolveCaller(app.store.reader, 'sb21') };
  const plan = (await app.store.reader.get<{ uuid: string }>(`SELECT uuid FROM aktenplan_entry WHERE number = '21.10.02'`))!.uuid;
  const [first, second] = await Promise.all(letters.map((bytes) => app.store.blobs.put(bytes)));
  for (const [n, files] of [[first, second, first], [], [second]].entries()) {
    await app.store.write(async (tx) => {
      const { uuid } = await createAkte(tx, ctx, { aktenplanEntryUuid: plan, title: `Gewerbesteuer ${n + 1}`, persons: [], openedAt: '2009-02-01' });
      const vorgang = (await tx.get<{ uuid: string }>('SELECT v.uuid FROM vorgang v JOIN akte a ON a.id = v.akte_id WHERE a.uuid = ?', [uuid]))!.uuid;
      for (const [d, blob] of files.entries()) {
        await createIncomingDocument(tx, ctx, {
          posteingang: { channel: 'papier', sender: 'Finanzamt', receivedAt: `2009-03-0${d + 1}T09:00:00+01:00` },
          title: `Schreiben ${d + 1}`,
          amtId: '21',
          file: { blob: blob!, fileName: `schreiben-${d + 1}.pdf`, mimeType: 'application/pdf' },
          text: `Schreiben ${d + 1}`,
          vorgangUuid: vorgang,
        });
      }
      await markZda(tx, ctx, uuid, '2010-03-15');
      akten.push(uuid);
    });
  }
});
afterAll(async () => {
  await demo.close();
  dir.remove();
});

describe('0503 export in one pass', () => {
  it('reads every stored file once, puts the message after the files and keeps the Akten in order', async () => {
    const archiv = await demo.login('archiv');
    const created = await archiv.ok('aussonderung.createOffer', { amtId: '21', akteUuids: akten, outDir: dir.path });
    const offer = readMessage(readFileSync(created.offer.path)).message as OfferMessage;
    prozessId = offer.header.prozessId;
    const appraisal = await writeValidatedMessage({
      type: '0502',
      header: { prozessId: offer.header.prozessId, createdAt: '2026-12-01T10:00:00Z', sender: offer.header.recipient, recipient: offer.header.sender },
      receiptRequested: false,
      appraisals: offer.objects.map((o) => ({ xdomeaUuid: o.xdomeaUuid, decision: 'A' as const })),
    });
    writeFileSync(join(dir.path, '0502.xml'), appraisal);
    await archiv.ok('aussonderung.importMessage', { source: { kind: 'path', path: join(dir.path, '0502.xml') } });

    const blobs = demo.app.store.blobs;
    const read = vi.spyOn(blobs, 'read');
    const stream = vi.spyOn(blobs, 'stream');
    const r = await archiv.ok('aussonderung.export', { prozessId: offer.header.prozessId, outDir: dir.path });
    const reads = read.mock.calls.map(([hash]) => hash);
    const streams = stream.mock.calls.length;
    read.mockRestore();
    stream.mockRestore();

    // Four versions of two distinct files: one read per ZIP entry, none streamed again for the ZIP.
    expect(r.files.map((f) => f.outcome)).toEqual(['conforming', 'conforming', 'conforming', 'conforming']);
    const [first, second] = letters.map((l) => r.files.find((f) => f.size === l.length)!.sourceSha256);
    expect(reads).toEqual([first, second, first, second]);
    expect(streams).toBe(0);

    const names = execFileSync('unzip', ['-Z1', r.package.path], { encoding: 'utf8' }).trim().split('\n');
    expect(names.slice(0, 4)).toEqual(r.files.map((f) => f.fileName));
    expect(names.slice(4)).toEqual([`${offer.header.prozessId}_Aussonderung.Aussonderung.0503.xml`, `${offer.header.prozessId}_Aussonderung.Aussonderung.0503.sha256`]);
    const unpacked = join(dir.path, 'unpacked');
    execFileSync('unzip', ['-q', r.package.path, '-d', unpacked]);
    expect(spawnSync('sha256sum', ['--check', '--strict', names[5]!], { cwd: unpacked }).status).toBe(0);
    for (const [i, f] of r.files.entries()) expect(readFileSync(join(unpacked, f.fileName))).toEqual(letters[[0, 1, 0, 1][i]!]);

    // The empty Akte keeps its place between the others.
    const message = join(unpacked, names[4]!);
    expect(xmllintValidate(readFileSync(message, 'utf8'), '3.1.0').valid).toBe(true);
    expect(xpathTexts(message, `/*/${local('Schriftgutobjekt', 'Akte', 'Identifikation', 'ID')}`)).toEqual(akten);
  });

  it('keeps the preflight verdict per content and checker revision: a retry parses nothing again', async () => {
    const ctx = { ...demo.app.deps, caller: await resolveCaller(demo.app.store.reader, 'archiv') };
    /** The real PDF/A engine under a given revision, counting what it parses. */
    const engine = (checker: string) => {
      const parsed: number[] = [];
      const tools: ArchivalFormatTools = { ...pdfaTools, checker, preflight: (pdf) => (parsed.push(pdf.length), pdfaTools.preflight(pdf)) };
      return { tools, parsed };
    };
    const out = () => mkdtempSync(join(dir.path, 'export-'));
    const outcomes = async (tools: ArchivalFormatTools) =>
      (await exportAussonderung(ctx, tools, prozessId, out())).files.map((f) => [f.outcome, f.pdfaVersion, f.reason]);
    const conforming = Array.from({ length: 4 }, () => ['conforming', '2b', null]);

    // The first export (above) checked both letters; the same revision takes its verdicts.
    const same = engine(pdfaTools.checker);
    expect(await outcomes(same.tools)).toEqual(conforming);
    expect(same.parsed).toEqual([]);
    // Another revision of the checker does not: each distinct file is parsed once, and kept for that revision too.
    const next = engine('eakte-preflight/next');
    expect(await outcomes(next.tools)).toEqual(conforming);
    expect(next.parsed.sort()).toEqual(letters.map((l) => l.length).sort());
    expect(await demo.app.store.reader.all('SELECT checker, COUNT(*) AS n FROM pdfa_verdict GROUP BY checker ORDER BY checker')).toEqual([
      { checker: pdfaTools.checker, n: 2 },
      { checker: 'eakte-preflight/next', n: 2 },
    ]);

    // A verdict counts for its content only: changed for the first letter, it leaves the second alone.
    const firstHash = (await exportAussonderung(ctx, same.tools, prozessId, out())).files[0]!.sourceSha256;
    await demo.app.store.write((tx) =>
      tx.run(`UPDATE pdfa_verdict SET conforming = 0, version = NULL, problems = '["Testbefund"]' WHERE sha256 = ? AND checker = ?`, [firstHash, pdfaTools.checker]),
    );
    const changed = await outcomes(same.tools);
    expect(changed.map(([outcome, , reason]) => [outcome, String(reason).includes('Testbefund')])).toEqual([
      ['converted', true],
      ['conforming', false],
      ['converted', true],
      ['conforming', false],
    ]);
    expect(same.parsed).toHaveLength(1); // only the rendition made of the changed file, once

    // Bytes that differ from the content a verdict was kept for are refused when read, never judged by it.
    const path = demo.app.store.blobs.pathOf(firstHash);
    const bytes = readFileSync(path);
    bytes[bytes.length >> 1]! ^= 0xff;
    writeFileSync(path, bytes);
    const refused = await exportAussonderung(ctx, same.tools, prozessId, out()).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe('store.blob_hash_mismatch');
  });
});
