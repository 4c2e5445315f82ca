import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyFileProvider } from '../../core/platform/key-provider';
import { readVersionContent } from '../../core/records/documents';
import { resolveCaller } from '../../core/records/users';
import { createIntakeService, createRealTools, defaultOcrSettings, registerIntakeService, type IntakeService } from '../../ocr';
import { digitalPdf, distinctiveWord, letter, SAMPLE_DPI } from '../../ocr/pipeline/testing/samples';
import { imagePdf, renderLetter } from '../../fixtures/samples/intake';
import { openDemoApp, type DemoApp } from '../helpers/demo-app';
import { tempDir } from '../helpers/temp-dir';

/**
 * The log file may leave the machine (support tickets): it must hold ids and codes only. A full intake
 * (text PDF and an OCR'd scan) into a sealed store, search, reading and a failed call are run, and then
 * every word of the letters and the demo users' names is looked for in the log file.
 */
describe('logs', () => {
  let demo: DemoApp;
  let service: IntakeService;
  const dir = tempDir('eakte-logs-');
  const keys = tempDir('eakte-logs-keys-');
  const seeds = [71, 72] as const;

  beforeAll(async () => {
    demo = await openDemoApp({ keys: keyFileProvider(keys.path) });
    const settings = { ...defaultOcrSettings, renderDpi: SAMPLE_DPI };
    service = createIntakeService(demo.app.deps, await createRealTools(settings, demo.app.logger), settings);
    registerIntakeService(demo.app.store, service);
    await service.queue.start();
  }, 120_000);
  afterAll(async () => {
    await service.close();
    await demo.close();
    dir.remove();
    keys.remove();
  });

  it('contain no document text and no personal data after intake, search and reading', async () => {
    writeFileSync(join(dir.path, 'brief.pdf'), await digitalPdf(seeds[0]));
    writeFileSync(join(dir.path, 'scan.pdf'), await imagePdf([renderLetter(letter(seeds[1]), SAMPLE_DPI)], SAMPLE_DPI));
    const post = await demo.login('poststelle');
    const started = await post.ok('intake.start', { paths: [join(dir.path, 'brief.pdf'), join(dir.path, 'scan.pdf')] });
    expect(started.rejected).toEqual([]);
    await service.queue.idle();

    for (const seed of seeds) {
      const word = distinctiveWord(seed, seeds.filter((s) => s !== seed));
      const found = await post.ok('search.query', { q: word, limit: 10 });
      expect(found.total, word).toBeGreaterThan(0);
    }
    // Reading the stored files goes through the sealed blob store.
    const caller = await resolveCaller(demo.app.store.reader, 'poststelle');
    for (const b of started.batches) {
      for (const child of (await post.ok('intake.getJob', { uuid: b.uuid })).children) {
        const file = await readVersionContent({ store: demo.app.store, caller }, child.result!.versionUuid);
        expect(file.bytes.subarray(0, 5).toString()).toBe('%PDF-');
      }
    }
    const foreign = await (await demo.login('sb32')).call('documents.get', { uuid: '00000000-0000-4000-8000-000000000000' });
    expect(foreign.ok).toBe(false);

    const log = readFileSync(join(demo.dataDir, 'logs', 'eakte.log'), 'utf8');
    expect(log).toContain('intake'); // the run was logged at all
    const words = new Set(seeds.flatMap((s) => letter(s).text.match(/\p{L}{6,}/gu) ?? []));
    const users = await demo.app.store.reader.all<{ display_name: string }>('SELECT display_name FROM app_user');
    for (const u of users) for (const part of u.display_name.split(/\s+/)) if (part.length >= 4) words.add(part);
    expect(words.size).toBeGreaterThan(20);
    const leaked = [...words].filter((w) => log.toLowerCase().includes(w.toLowerCase()));
    expect(leaked).toEqual([]);
  }, 900_000);
});
