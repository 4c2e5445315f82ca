import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppEvent } from '../../contract/events';
import { fixedClock } from '../../core/platform/clock';
import { memorySink } from '../../core/platform/logger';
import { resolveCaller } from '../../core/records/users';
import { createApp, type App } from '../../host/create-app';
import { createIntakeService, createRealTools, defaultOcrSettings } from '../../ocr';
import { imagePdf, renderLetter } from '../../fixtures/samples/intake';
import { letter, SAMPLE_DPI } from '../../ocr/pipeline/testing/samples';
import { copyDemoDataDir, TEST_TODAY } from '../helpers/demo-app';
import { tempDir } from '../helpers/temp-dir';

// The app's queue renders pages at the scan's resolution (not its 300 dpi default): the same words for
// less than half the recognition work, twice in this test.
process.env.EAKTE_OCR_DPI = String(SAMPLE_DPI);

const SEED = 81;

interface JobRow {
  uuid: string;
  status: string;
  parent_id: number | null;
}

/** The UI hosts (browser mode, Electron) run the intake queue themselves; the CLI does not. */
describe('the app runs the intake queue', () => {
  let dataDir: { path: string; remove(): void };
  const work = tempDir('eakte-app-intake-');
  const logs = memorySink();
  const open = (mode: 'browser' | 'cli') =>
    createApp({ dataDir: dataDir.path, mode, clock: fixedClock(TEST_TODAY), logSinks: [logs] });
  const jobs = (app: App) =>
    app.store.reader.all<JobRow>('SELECT uuid, status, parent_id FROM job ORDER BY id');
  /** Resolves with the first event the predicate accepts. */
  const nextEvent = (app: App, accept: (e: AppEvent) => boolean) =>
    new Promise<AppEvent>((resolve) => {
      const off = app.events.subscribe((e) => {
        if (!accept(e)) return;
        off();
        resolve(e);
      });
    });

  beforeAll(async () => {
    dataDir = await copyDemoDataDir();
    writeFileSync(
      join(work.path, 'brief.pdf'),
      await imagePdf([renderLetter(letter(SEED), SAMPLE_DPI)], SAMPLE_DPI),
    );
  });
  afterAll(() => {
    dataDir.remove();
    work.remove();
  });

  it('leaves a job queued in CLI mode, finishes it once the app starts, and stops mid-OCR before the store closes', async () => {
    // A job taken in without a running queue (as if the app had been closed right after the drop).
    const cli = await open('cli');
    const settings = { ...defaultOcrSettings, renderDpi: SAMPLE_DPI };
    const service = createIntakeService(cli.deps, await createRealTools(settings, cli.logger), settings);
    const caller = await resolveCaller(cli.store.reader, 'poststelle');
    const job = await service.takeIn(caller, join(work.path, 'brief.pdf'), {
      origin: 'datei',
      channel: 'papier',
      sender: null,
      receivedAt: null,
      amtId: null,
      forceOcr: false,
      stamp: false,
      review: false,
      device: null,
    });
    await service.close();
    await cli.close();

    // Started as the app: the queue picks the job up by itself; closing during OCR stops it cleanly.
    const first = await open('browser');
    await nextEvent(first, (e) => e.type === 'job.progress' && e.stage === 'recognize');
    await first.close();
    const between = await open('cli');
    const interrupted = await jobs(between);
    await between.close();
    // The batch waits for its document, whose OCR was cut off: queued again, nothing left "running".
    expect(interrupted.map((j) => j.status)).toEqual(['waiting', 'queued']);
    const intakeErrors = logs.lines.filter(
      (l) => l.includes('"level":"error"') && /"msg":"(job|intake)/.test(l),
    );
    expect(intakeErrors).toEqual([]);

    const second = await open('browser');
    const done = nextEvent(second, (e) => e.type === 'records.changed' && e.objectType === 'document');
    const before = await jobs(second);
    expect(before.find((j) => j.uuid === job.uuid)?.status).not.toBe('done');
    await done;
    await second.close();

    const check = await open('cli');
    const rows = await jobs(check);
    const documents = await check.store.reader.all<{ n: number }>(
      `SELECT count(*) AS n FROM document WHERE title LIKE 'brief.pdf%'`,
    );
    await check.close();
    expect(rows.every((r) => r.status === 'done')).toBe(true);
    expect(rows.filter((r) => r.parent_id !== null)).toHaveLength(1);
    expect(documents[0]?.n).toBe(1);
    // OCR of the letter runs twice (cut off, then again) on cores the rest of the suite shares.
  }, 240_000);
});
