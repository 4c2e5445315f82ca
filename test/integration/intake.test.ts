import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IntakeBatch, IntakeJob } from '../../contract/methods/intake';
import { readVersionContent } from '../../core/records/documents';
import { resolveCaller } from '../../core/records/users';
import {
  batchOutcome,
  createHotFolder,
  createIntakeService,
  createRealTools,
  defaultOcrSettings,
  registerIntakeService,
  type IntakeService,
  type WordsSidecar,
} from '../../ocr';
import {
  digitalPdf,
  distinctiveWord,
  embeddedFilePdf,
  encryptedPdf,
  hugePng,
  javascriptPdf,
  letter,
  manyPagesTiff,
  mixedBatchPdf,
  SAMPLE_DPI,
  standardFontPdf,
  truncatedPdf,
} from '../../ocr/pipeline/testing/samples';
import { buildEml } from '../../ocr/sources/testing/build-eml';
import { imagePdf, renderLetter } from '../../fixtures/samples/intake';
import { openDemoApp, type DemoApp, type DemoSession } from '../helpers/demo-app';
import { tempDir } from '../helpers/temp-dir';

const pdfCheck = (bytes: Uint8Array, dir: string) => {
  const file = join(dir, `check-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, bytes);
  const qpdf = execFileSync('qpdf', ['--check', file], { encoding: 'utf8' });
  const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' }).trim().split('\n').slice(2);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  return { qpdf, fonts, embedded: fonts.map((l) => l.split(/\s+/).at(-5)), text };
};

// OCR on a shared two-core machine takes minutes; the timeouts only keep a hung run from blocking CI.
const OCR_TIMEOUT = 900_000;

describe('post-room intake', () => {
  let demo: DemoApp;
  let post: DemoSession;
  let service: IntakeService;
  let dir: ReturnType<typeof tempDir>;

  beforeAll(async () => {
    demo = await openDemoApp();
    const settings = { ...defaultOcrSettings, renderDpi: SAMPLE_DPI };
    service = createIntakeService(demo.app.deps, await createRealTools(settings, demo.app.logger), settings);
    registerIntakeService(demo.app.store, service);
    await service.queue.start();
    post = await demo.login('poststelle');
    dir = tempDir('eakte-intake-');
  });
  afterAll(async () => {
    await service.close();
    await demo.close();
    dir.remove();
  });

  /** The post room sees incoming documents through the Posteingang and reads their stored file. */
  const versionOf = async (result: { documentUuid: string; versionUuid: string }) => {
    const doc = (await post.ok('posteingang.list', { limit: 500 })).items.find(
      (d) => d.uuid === result.documentUuid,
    );
    if (!doc) throw new Error(`document ${result.documentUuid} not in the Posteingang`);
    const caller = await resolveCaller(demo.app.store.reader, 'poststelle');
    return { doc, file: await readVersionContent({ store: demo.app.store, caller }, result.versionUuid) };
  };
  const found = async (q: string) =>
    (await post.ok('search.query', { q, limit: 200 })).hits.map((h) => h.document.uuid);
  const start = async (paths: string[], extra: Record<string, unknown> = {}) => {
    const r = await post.ok('intake.start', { paths, ...extra });
    await service.queue.idle();
    return {
      ...r,
      batches: await Promise.all(r.batches.map((b) => post.ok('intake.getJob', { uuid: b.uuid }))),
    };
  };
  const stageStates = (j: IntakeJob) => Object.fromEntries(j.stages.map((s) => [s.name, s.state]));

  it(
    'splits a mixed batch at separator sheets, drops the blank back, turns the upside-down page and keeps a searchable PDF',
    async () => {
      const akte = await demo.app.store.reader.get<{ aktenzeichen: string; amt_id: string }>(
        `SELECT aktenzeichen, amt_id FROM akte WHERE status = 'open' ORDER BY id LIMIT 1`,
      );
      if (!akte) throw new Error('demo data has no open Akte');
      const seeds = [11, 12, 13, 14] as const;
      const inbox = join(dir.path, 'mixed');
      mkdirSync(inbox);
      writeFileSync(
        join(inbox, 'stapel.pdf'),
        await mixedBatchPdf(akte.aktenzeichen, [seeds[0], seeds[1], seeds[2]]),
      );
      writeFileSync(join(inbox, 'digital.pdf'), await digitalPdf(seeds[3]));

      const { batches, rejected } = await start([inbox]);
      expect(rejected).toEqual([]);
      const byName = Object.fromEntries(batches.map((b) => [b.original.fileName, b])) as Record<
        string,
        IntakeBatch
      >;
      const stapel = byName['stapel.pdf']!;
      const digital = byName['digital.pdf']!;
      expect(batches.map(batchOutcome)).toEqual(['done', 'done']);
      expect(stapel.children.map((c) => c.status)).toEqual(['done', 'done', 'done']);
      expect(digital.children).toHaveLength(1);

      const [first, second, third] = stapel.children.map((c) => c.result!);
      expect(first).toMatchObject({
        pages: 1,
        blankPagesRemoved: [2],
        aktenzeichen: null,
        ocr: { performed: true, pagesRecognized: 1 },
      });
      expect(second).toMatchObject({ pages: 1, blankPagesRemoved: [], aktenzeichen: akte.aktenzeichen });
      expect(third).toMatchObject({ pages: 1, aktenzeichen: null });
      const kept = digital.children[0]!;
      expect(kept.result).toMatchObject({ pages: 1, ocr: { performed: false, skippedReason: 'text_layer' } });
      expect(stageStates(kept)).toEqual({
        analyze: 'done',
        preprocess: 'skipped',
        recognize: 'skipped',
        review: 'skipped',
        assemble: 'done',
        commit: 'done',
      });

      const docs = [first!, second!, third!, kept.result!];
      for (const [i, result] of docs.entries()) {
        const word = distinctiveWord(
          seeds[i]!,
          seeds.filter((s) => s !== seeds[i]),
        );
        expect(await found(word), `document ${i + 1} by "${word}"`).toContain(result.documentUuid);
        const { doc, file } = await versionOf(result);
        expect(doc).toMatchObject({ status: 'eingang', channel: 'papier', receivedAt: expect.any(String) });
        expect(file.mimeType).toBe('application/pdf');
        const check = pdfCheck(file.bytes, dir.path);
        expect(check.qpdf).toMatch(/No syntax or stream encoding errors/);
        expect(check.fonts.length).toBeGreaterThan(0);
        expect(check.embedded.every((e) => e === 'yes')).toBe(true);
        expect(check.text.toLowerCase()).toContain(word);
      }
      // The pre-assigned Aktenzeichen routes the document to its Amt's Posteingang (the post room cannot file).
      expect((await versionOf(second!)).doc.amtId).toBe(akte.amt_id);

      const protocol = await demo.app.store.reader.get<{ scan_protocol: string }>(
        `SELECT pi.scan_protocol FROM document d JOIN posteingang_item pi ON pi.id = d.posteingang_item_id WHERE d.uuid = ?`,
        [second!.documentUuid],
      );
      expect(JSON.parse(protocol!.scan_protocol)).toMatchObject({
        source: { origin: 'datei', fileName: 'stapel.pdf', sha256: stapel.original.sha256 },
        operator: 'poststelle',
        batch: { document: 2, of: 3, separatorAktenzeichen: akte.aktenzeichen },
        pages: { stored: 1, rotatedUpright: [4], resolutionDpi: [SAMPLE_DPI] },
        conversion: { output: 'PDF/A-2b' },
      });

      // Word boxes are stored beside the version, in PDF points on the stored page.
      const sidecar = await demo.app.store.reader.get<{ blob_hash: string }>(
        `SELECT s.blob_hash FROM document_version_sidecar s JOIN document_version v ON v.id = s.version_id
       JOIN document d ON d.id = v.document_id WHERE d.uuid = ? AND s.kind = 'ocr-words'`,
        [first!.documentUuid],
      );
      const words = JSON.parse(
        (await demo.app.store.blobs.read(sidecar!.blob_hash)).toString('utf8'),
      ) as WordsSidecar;
      const page = words.pages[0]!;
      expect(page.words.length).toBeGreaterThan(20);
      expect(
        page.words.every(
          (w) => w.x >= 0 && w.y >= 0 && w.x + w.w <= page.width + 1 && w.y + w.h <= page.height + 1,
        ),
      ).toBe(true);
      expect(page.words.map((w) => w.text.toLowerCase()).join(' ')).toContain(
        distinctiveWord(seeds[0], seeds.slice(1)),
      );

      // Finished batches leave no work files behind.
      for (const b of batches) expect(existsSync(join(demo.dataDir, 'work', 'jobs', b.uuid))).toBe(false);
      // The original batch stays retrievable unchanged.
      expect(
        (await demo.app.store.blobs.read(stapel.original.sha256)).equals(
          readFileSync(join(inbox, 'stapel.pdf')),
        ),
      ).toBe(true);
      // Taking the same file in again finds the existing batch instead of creating documents twice.
      const again = await start([join(inbox, 'digital.pdf')]);
      expect(again.batches.map((b) => b.uuid)).toEqual([digital.uuid]);
    },
    OCR_TIMEOUT,
  );

  it(
    'takes in an e-mail: the mail and each attachment as documents, programs blocked, a bad attachment as its own Klärfall',
    async () => {
      const mailDir = join(dir.path, 'mail');
      mkdirSync(mailDir);
      const attachment = await digitalPdf(21);
      writeFileSync(
        join(mailDir, 'widerspruch.eml'),
        buildEml({
          from: '"Krüger, Sabine" <s.krueger@example.invalid>',
          to: 'poststelle@stadt.example.invalid',
          subject: 'Widerspruch Säumniszuschlag Mahnverfahren',
          date: 'Mon, 23 Nov 2026 07:30:00 +0100',
          text: 'Sehr geehrte Damen und Herren,\nich widerspreche dem Säumniszuschlag. Kontoauszug anbei.',
          parts: [
            { fileName: 'Kontoauszug.pdf', mimeType: 'application/pdf', bytes: attachment },
            {
              fileName: 'Rechnung.pdf.exe',
              mimeType: 'application/octet-stream',
              bytes: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]),
            },
            { fileName: 'Vollmacht.pdf', mimeType: 'application/pdf', bytes: await encryptedPdf(22) },
          ],
        }),
      );
      const { batches } = await start([join(mailDir, 'widerspruch.eml')]);
      const [mail] = batches;
      expect(mail).toMatchObject({ channel: 'email', status: 'waiting' });
      expect(mail!.notices.map((n) => [n.code, n.params.name])).toEqual([
        ['intake.attachment_blocked', 'Rechnung.pdf.exe'],
      ]);
      expect(mail!.notices[0]!.message).toMatch(
        /aus Sicherheitsgründen nicht übernommen \(ausführbare Datei/,
      );
      expect(batchOutcome(mail!)).toBe('review');
      const [body, pdf, locked] = mail!.children;
      expect(body).toMatchObject({
        label: 'Widerspruch Säumniszuschlag Mahnverfahren',
        status: 'done',
        result: { mimeType: 'message/rfc822', ocr: { skippedReason: 'not_an_image' } },
      });
      expect(pdf).toMatchObject({
        label: 'Kontoauszug.pdf',
        status: 'done',
        original: { fileName: 'Kontoauszug.pdf' },
      });
      expect(locked).toMatchObject({
        label: 'Vollmacht.pdf',
        status: 'needs_review',
        stage: 'analyze',
        error: { code: 'intake.pdf_encrypted' },
      });

      const mailDoc = await versionOf(body!.result!);
      expect(mailDoc.doc).toMatchObject({
        channel: 'email',
        sender: 'Krüger, Sabine <s.krueger@example.invalid>',
      });
      expect(mailDoc.file.bytes.equals(readFileSync(join(mailDir, 'widerspruch.eml')))).toBe(true);
      expect(await found('Säumniszuschlag')).toContain(body!.result!.documentUuid);
      const attached = await versionOf(pdf!.result!);
      expect(attached.doc).toMatchObject({
        channel: 'email',
        sender: 'Krüger, Sabine <s.krueger@example.invalid>',
      });
      expect(await found(distinctiveWord(21, [22]))).toContain(pdf!.result!.documentUuid);
      // A batch with an open Klärfall keeps its work files, so a retry continues where it stopped.
      expect(existsSync(join(demo.dataDir, 'work', 'jobs', mail!.uuid))).toBe(true);
      // The refused attachment's bytes are kept, as they arrived.
      const lockedOriginal = await demo.app.store.blobs.read(locked!.original.sha256);
      expect(lockedOriginal.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    },
    OCR_TIMEOUT,
  );

  it(
    'stops every kind of bad input as a Klärfall with its own German message, keeps the original and goes on with the rest',
    async () => {
      const bad = join(dir.path, 'bad');
      mkdirSync(bad);
      const files: Record<string, Uint8Array> = {
        'verschluesselt.pdf': await encryptedPdf(31),
        'kaputt.pdf': await truncatedPdf(32),
        'leer.pdf': new Uint8Array(0),
        'riesig.png': hugePng(),
        '500-seiten.tif': manyPagesTiff(500),
        'programm.pdf': Buffer.concat([Buffer.from('MZ'), Buffer.alloc(4000, 7)]),
        'javascript.pdf': await javascriptPdf(33),
        'anhang.pdf': await embeddedFilePdf(34),
        'brief.tif': await digitalPdf(35),
      };
      for (const [name, bytes] of Object.entries(files)) writeFileSync(join(bad, name), bytes);
      const { batches, rejected } = await start([bad]);
      expect(rejected).toEqual([]);
      expect(batches).toHaveLength(Object.keys(files).length);

      const klaerfaelle = await post.ok('intake.listKlaerfaelle', {});
      const codeOf = Object.fromEntries(klaerfaelle.items.map((k) => [k.original.fileName, k.error?.code]));
      expect(codeOf).toMatchObject({
        'verschluesselt.pdf': 'intake.pdf_encrypted',
        'kaputt.pdf': 'intake.pdf_broken',
        'leer.pdf': 'intake.empty_file',
        'riesig.png': 'intake.image_too_large',
        '500-seiten.tif': 'intake.too_many_pages',
        'programm.pdf': 'intake.unsupported_format',
        'javascript.pdf': 'intake.pdf_javascript',
        'anhang.pdf': 'intake.pdf_embedded_files',
      });
      expect(codeOf['brief.tif']).toBeUndefined();
      for (const k of klaerfaelle.items.filter((i) => i.original.fileName in files)) {
        expect(k.status).toBe('needs_review');
        expect(k.error?.message, k.original.fileName).toMatch(/[äöüÄÖÜß]|Datei|PDF|Seite/);
        const original = await demo.app.store.blobs.read(k.original.sha256);
        expect(original.equals(Buffer.from(files[k.original.fileName]!))).toBe(true);
      }
      const ours = klaerfaelle.items.filter((k) => k.original.fileName in files);
      expect(new Set(ours.map((k) => k.error?.message)).size).toBe(ours.length);

      // A wrong extension is noted, and the content decides.
      const brief = batches.find((b) => b.original.fileName === 'brief.tif')!;
      expect(brief.notices.map((n) => n.code)).toEqual(['intake.extension_mismatch']);
      expect(brief.children[0]).toMatchObject({
        status: 'done',
        result: { ocr: { skippedReason: 'text_layer' } },
      });

      // Retry resumes at the stopped stage (and stops again: the file is still encrypted); discard ends it.
      const encrypted = klaerfaelle.items.find((k) => k.original.fileName === 'verschluesselt.pdf')!;
      await post.ok('intake.retryJob', { uuid: encrypted.uuid });
      await service.queue.idle();
      expect(await post.ok('intake.getJob', { uuid: encrypted.uuid })).toMatchObject({
        status: 'needs_review',
        attempt: 2,
        stage: encrypted.stage,
        error: { code: 'intake.pdf_encrypted' },
      });
      const discarded = await post.ok('intake.discardJob', { uuid: encrypted.uuid });
      expect(discarded).toMatchObject({ status: 'failed', error: { code: 'jobs.discarded' } });
      const after = await post.ok('intake.listKlaerfaelle', {});
      expect(after.items.map((k) => k.uuid)).not.toContain(encrypted.uuid);
      expect(await demo.app.store.blobs.has(encrypted.original.sha256)).toBe(true);
      const retryDiscarded = await post.call('intake.retryJob', { uuid: encrypted.uuid });
      expect(retryDiscarded).toMatchObject({ ok: false, error: { code: 'jobs.wrong_status' } });

      // Clerks see only the jobs they started.
      const clerk = await demo.login('sb21');
      expect((await clerk.ok('intake.listKlaerfaelle', {})).total).toBe(0);
      expect(await clerk.call('intake.start', { paths: [bad] })).toMatchObject({
        ok: false,
        error: { code: 'access.denied' },
      });
    },
    OCR_TIMEOUT,
  );

  it(
    'puts the Eingangsdatum into the metadata and, on request, a visible stamp on page 1 that keeps PDF/A',
    async () => {
      const stampDir = join(dir.path, 'stamp');
      mkdirSync(stampDir);
      writeFileSync(join(stampDir, 'antrag.pdf'), await digitalPdf(61));
      const { batches } = await start([join(stampDir, 'antrag.pdf')], {
        stamp: true,
        receivedAt: '2026-11-20T10:15:00+01:00',
      });
      const result = batches[0]!.children[0]!.result!;
      const { file } = await versionOf(result);
      const check = pdfCheck(file.bytes, dir.path);
      expect(check.qpdf).toMatch(/No syntax or stream encoding errors/);
      expect(check.embedded.every((e) => e === 'yes')).toBe(true);
      expect(check.text).toContain('Eingegangen 20.11.2026');
      expect(check.text.toLowerCase()).toContain(distinctiveWord(61, [11, 12, 13, 14]));
      const pdfPath = join(dir.path, 'stamped.pdf');
      writeFileSync(pdfPath, file.bytes);
      const meta = execFileSync('pdfinfo', ['-meta', pdfPath], { encoding: 'utf8' });
      expect(meta).toContain('Eingangsdatum 2026-11-20');
      expect(meta).toMatch(/pdfaid:part>2<|pdfaid:part="2"/);
      expect(meta).toContain(result.documentUuid);
    },
    OCR_TIMEOUT,
  );

  it(
    'stores a text PDF whose fonts are not embedded as page images under its own text, still PDF/A',
    async () => {
      const fontDir = join(dir.path, 'fonts');
      mkdirSync(fontDir);
      writeFileSync(join(fontDir, 'helvetica.pdf'), await standardFontPdf(63));
      const { batches } = await start([join(fontDir, 'helvetica.pdf')]);
      const job = batches[0]!.children[0]!;
      expect(job.result).toMatchObject({ pages: 1, ocr: { performed: false, skippedReason: 'text_layer' } });
      const { file } = await versionOf(job.result!);
      const check = pdfCheck(file.bytes, dir.path);
      expect(check.fonts.some((f) => f.includes('Helvetica'))).toBe(false);
      expect(check.embedded.every((e) => e === 'yes')).toBe(true);
      expect(check.text.toLowerCase()).toContain(distinctiveWord(63, [61, 62]));
    },
    OCR_TIMEOUT,
  );

  it(
    'recognises a PDF that already has text only when OCR is forced',
    async () => {
      const forceDir = join(dir.path, 'force');
      mkdirSync(forceDir);
      writeFileSync(join(forceDir, 'digital-erzwungen.pdf'), await digitalPdf(62));
      const { batches } = await start([join(forceDir, 'digital-erzwungen.pdf')], { forceOcr: true });
      const job = batches[0]!.children[0]!;
      expect(job.result).toMatchObject({
        pages: 1,
        ocr: { performed: true, pagesRecognized: 1, skippedReason: null },
      });
      expect(stageStates(job)).toMatchObject({ preprocess: 'done', recognize: 'done' });
      const { file } = await versionOf(job.result!);
      const check = pdfCheck(file.bytes, dir.path);
      expect(check.embedded.every((e) => e === 'yes')).toBe(true);
      expect(check.text.toLowerCase()).toContain(distinctiveWord(62, [61]));
    },
    OCR_TIMEOUT,
  );

  it(
    'holds scans for review: the post room reorders, turns and splits pages before they are stored',
    async () => {
      const reviewDir = join(dir.path, 'review');
      mkdirSync(reviewDir);
      const [a, b] = [81, 82].map((s) => renderLetter(letter(s), SAMPLE_DPI));
      writeFileSync(join(reviewDir, 'zwei-seiten.pdf'), await imagePdf([a!, b!], SAMPLE_DPI));
      const { batches } = await start([join(reviewDir, 'zwei-seiten.pdf')], { review: true });
      const held = batches[0]!.children[0]!;
      expect(held).toMatchObject({ status: 'waiting', stage: 'review' });
      expect(held.stages.find((st) => st.name === 'review')?.state).toBe('waiting');

      const review = await post.ok('intake.getReview', { uuid: held.uuid });
      expect(review.pages.map((p) => p.page)).toEqual([1, 2]);
      for (const p of review.pages) {
        const png = Buffer.from(p.thumbnail.replace(/^data:image\/png;base64,/, ''), 'base64');
        expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
        expect(png.readUInt32BE(16)).toBeLessThanOrEqual(200);
        expect(p.height).toBeGreaterThan(p.width);
      }
      expect(review.pages[0]!.textPreview.length).toBeGreaterThan(20);

      const bad = await post.call('intake.reviseDocument', {
        uuid: held.uuid,
        documents: [[{ page: 3, rotate: 0 }]],
      });
      expect(bad).toMatchObject({ ok: false, error: { code: 'intake.arrangement_invalid' } });
      const revised = await post.ok('intake.reviseDocument', {
        uuid: held.uuid,
        documents: [[{ page: 2, rotate: 0 }], [{ page: 1, rotate: 90 }]],
      });
      expect(revised.jobs.map((j) => j.status)).toEqual(['queued', 'queued']);
      await service.queue.idle();
      const [second, first] = await Promise.all(
        revised.jobs.map((j) => post.ok('intake.getJob', { uuid: j.uuid })),
      );
      expect([second!.status, first!.status]).toEqual(['done', 'done']);
      expect(await found(distinctiveWord(82, [81]))).toContain(second!.result!.documentUuid);
      expect(await found(distinctiveWord(81, [82]))).toContain(first!.result!.documentUuid);
      expect(second!.result!.documentUuid).not.toBe(first!.result!.documentUuid);

      const turned = await versionOf(first!.result!);
      const turnedPath = join(dir.path, 'turned.pdf');
      writeFileSync(turnedPath, turned.file.bytes);
      const size = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(
        execFileSync('pdfinfo', [turnedPath], { encoding: 'utf8' }),
      );
      expect(Number(size![1])).toBeGreaterThan(Number(size![2]));
      expect(pdfCheck(turned.file.bytes, dir.path).qpdf).toMatch(/No syntax or stream encoding errors/);
    },
    OCR_TIMEOUT,
  );

  it(
    'takes a file from the hot folder only once it is completely written, then moves it to erledigt/',
    async () => {
      const hot = join(dir.path, 'hot');
      mkdirSync(hot);
      const folder = createHotFolder(hot, {
        logger: demo.app.logger,
        takeIn: async (path) => {
          const r = await post.ok('intake.start', {
            paths: [path],
            origin: 'eingangsordner',
            device: 'MFP 3. OG',
          });
          return { jobUuid: r.batches[0]!.uuid };
        },
        outcome: async (uuid) => batchOutcome(await post.ok('intake.getJob', { uuid })),
      });
      const pdf = Buffer.from(await digitalPdf(41));
      const target = join(hot, 'scan-0001.pdf');
      writeFileSync(target, pdf.subarray(0, 1000));
      expect((await folder.pollOnce()).taken).toEqual([]);
      appendFileSync(target, pdf.subarray(1000));
      expect((await folder.pollOnce()).taken).toEqual([]);
      expect((await folder.pollOnce()).taken).toEqual(['scan-0001.pdf']);
      await service.queue.idle();
      expect((await folder.pollOnce()).finished).toEqual([{ name: 'scan-0001.pdf', outcome: 'done' }]);
      expect(readdirSync(join(hot, 'erledigt'))).toEqual(['scan-0001.pdf']);
      expect((await folder.pollOnce()).taken).toEqual([]);

      const jobs = await post.ok('intake.listJobs', {});
      const job = jobs.items.find((j) => j.original.fileName === 'scan-0001.pdf')!;
      expect(job.original.sha256).toMatch(/^[0-9a-f]{64}$/);
      const documentUuid = job.children[0]!.result!.documentUuid;
      expect(await found(distinctiveWord(41, [11, 12, 13, 14, 21, 35]))).toContain(documentUuid);
      const protocol = await demo.app.store.reader.get<{ scan_protocol: string }>(
        `SELECT pi.scan_protocol FROM document d JOIN posteingang_item pi ON pi.id = d.posteingang_item_id WHERE d.uuid = ?`,
        [documentUuid],
      );
      expect(JSON.parse(protocol!.scan_protocol)).toMatchObject({
        source: { origin: 'eingangsordner', device: 'MFP 3. OG' },
      });
    },
    OCR_TIMEOUT,
  );
});
