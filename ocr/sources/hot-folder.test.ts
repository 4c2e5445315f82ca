import { appendFileSync, existsSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../contract/app-error';
import { silentLogger } from '../../core/platform/logger';
import { tempDir } from '../../test/helpers/temp-dir';
import { completeFiles } from './hot-folder-scan';
import { createHotFolder, type BatchOutcome } from './hot-folder';

describe('completeFiles', () => {
  const e = (name: string, size: number, mtimeMs = 1) => ({ name, size, mtimeMs });

  it('takes a file only after two polls with the same size and mtime, and never while a lock file exists', () => {
    const first = completeFiles(new Map(), [e('a.pdf', 10), e('b.tif', 5), e('b.tif.lock', 0)], new Map());
    expect(first.ready).toEqual([]);
    const grown = completeFiles(
      first.next,
      [e('a.pdf', 20), e('b.tif', 5), e('b.tif.lock', 0)],
      first.nextEmpty,
    );
    expect(grown.ready).toEqual([]);
    const stable = completeFiles(grown.next, [e('a.pdf', 20), e('b.tif', 5)], grown.nextEmpty);
    expect(stable.ready).toEqual(['a.pdf']);
    const unlocked = completeFiles(stable.next, [e('b.tif', 5)], stable.nextEmpty);
    expect(unlocked.ready).toEqual(['b.tif']);
  });

  it('ignores temporary and hidden names, and takes a zero-byte file only after it stayed empty', () => {
    let s = completeFiles(
      new Map(),
      [e('x.pdf.part', 9), e('.hidden', 3), e('~scan.pdf', 3), e('leer.pdf', 0)],
      new Map(),
    );
    const polls: string[][] = [];
    for (let i = 0; i < 3; i++) {
      s = completeFiles(
        s.next,
        [e('x.pdf.part', 9), e('.hidden', 3), e('~scan.pdf', 3), e('leer.pdf', 0)],
        s.nextEmpty,
      );
      polls.push(s.ready);
    }
    expect(polls).toEqual([[], ['leer.pdf'], ['leer.pdf']]);
  });
});

describe('hot folder', () => {
  let dir: ReturnType<typeof tempDir>;
  const outcomes = new Map<string, BatchOutcome>();
  const takenIn: string[] = [];

  beforeEach(() => {
    dir = tempDir();
    outcomes.clear();
    takenIn.length = 0;
  });
  afterEach(() => dir.remove());

  const folder = () =>
    createHotFolder(dir.path, {
      logger: silentLogger,
      async takeIn(path) {
        takenIn.push(basename(path));
        outcomes.set(basename(path), 'pending');
        return { jobUuid: basename(path) };
      },
      outcome: async (job) => outcomes.get(job) ?? 'pending',
    });
  const ls = (sub = '') =>
    existsSync(join(dir.path, sub))
      ? readdirSync(join(dir.path, sub)).filter((n) => !['in-arbeit', 'erledigt', 'fehler'].includes(n))
      : [];

  it('takes a file that is still being written only once it is complete, exactly once', async () => {
    const hf = folder();
    const file = join(dir.path, 'scan-001.pdf');
    writeFileSync(file, '%PDF-1.7 first half');
    expect((await hf.pollOnce()).taken).toEqual([]);
    appendFileSync(file, ' second half');
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    expect((await hf.pollOnce()).taken).toEqual([]);
    expect(ls()).toEqual(['scan-001.pdf']);
    expect((await hf.pollOnce()).taken).toEqual(['scan-001.pdf']);
    expect(ls()).toEqual([]);
    expect(ls('in-arbeit')).toEqual(['scan-001.pdf']);
    await hf.pollOnce();
    expect(takenIn).toEqual(['scan-001.pdf']);

    outcomes.set('scan-001.pdf', 'done');
    expect((await hf.pollOnce()).finished).toEqual([{ name: 'scan-001.pdf', outcome: 'done' }]);
    expect(ls('in-arbeit')).toEqual([]);
    expect(ls('erledigt')).toEqual(['scan-001.pdf']);
  });

  it('moves a Klärfall to fehler/ and picks up files left in in-arbeit/ by a crash', async () => {
    writeFileSync(join(dir.path, 'a.tif'), 'II*\0 tiff bytes');
    const first = folder();
    await first.pollOnce();
    await first.pollOnce();
    expect(ls('in-arbeit')).toEqual(['a.tif']);
    // A new watcher (after a restart) finds the file in in-arbeit/ and asks for its job again.
    takenIn.length = 0;
    const second = folder();
    await second.pollOnce();
    expect(takenIn).toEqual(['a.tif']);
    outcomes.set('a.tif', 'review');
    expect((await second.pollOnce()).finished).toEqual([{ name: 'a.tif', outcome: 'review' }]);
    expect(ls('fehler')).toEqual(['a.tif']);
  });

  it('reports what the post room sees: files waiting, the last file taken, files in work, the last error', async () => {
    let refuse = false;
    const at = new Date('2026-11-23T10:00:00Z');
    const hf = createHotFolder(dir.path, {
      logger: silentLogger,
      now: () => at,
      async takeIn(path) {
        if (refuse) throw new AppError('intake.source_unreadable', { path: basename(path) }, 'test refusal');
        return { jobUuid: basename(path) };
      },
      outcome: async () => 'pending',
    });
    expect(hf.status()).toEqual({ running: false, lastTaken: null, waiting: 0, inProgress: 0, lastError: null });
    writeFileSync(join(dir.path, 'brief.pdf'), '%PDF-1.7 brief');
    writeFileSync(join(dir.path, 'stapel.tif'), 'II*\0 stapel');
    await hf.pollOnce();
    expect(hf.status()).toMatchObject({ waiting: 2, lastTaken: null, inProgress: 0 });
    await hf.pollOnce();
    expect(hf.status()).toMatchObject({ waiting: 0, lastTaken: { name: 'stapel.tif', at: at.toISOString() }, inProgress: 2, lastError: null });

    refuse = true;
    writeFileSync(join(dir.path, 'kaputt.pdf'), 'x');
    await hf.pollOnce();
    await hf.pollOnce();
    expect(hf.status()).toMatchObject({
      lastTaken: { name: 'kaputt.pdf' },
      inProgress: 2,
      lastError: { code: 'intake.source_unreadable', params: { path: 'kaputt.pdf' }, at: at.toISOString() },
    });
    expect(ls('fehler')).toEqual(['kaputt.pdf']);
    hf.start(60_000);
    expect(hf.status().running).toBe(true);
    await hf.stop();
    expect(hf.status().running).toBe(false);
  });
});
