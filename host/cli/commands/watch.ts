import { resolve } from 'node:path';
import { AppError } from '../../../contract/app-error';
import { batchOutcome, createHotFolder, HOT_FOLDER_DIRS } from '../../../ocr';
import type { Command } from '../command';
import { openIntakeWorker } from './intake-worker';

export const watchCommand: Command = {
  path: ['watch'],
  summary: 'Überwacht einen Eingangsordner der Scanner und liest fertige Dateien ein',
  usage: 'eakte watch [<Ordner>] [--stamp] [--amt NN] [--device NAME]',
  options: { stamp: { type: 'boolean' }, amt: { type: 'string' }, device: { type: 'string' } },
  async run(ctx) {
    // Without an argument the folder comes from the machine config (hotFolder).
    const folder = ctx.positionals[0] ?? ctx.global.hotFolder;
    if (!folder || ctx.positionals.length > 1)
      throw new AppError('cli.usage', { detail: 'genau einen Ordner angeben (oder hotFolder in der Konfigurationsdatei)' }, 'watch needs one folder');
    const dir = resolve(folder);
    const worker = await openIntakeWorker(ctx.global);
    const { session, service } = worker;
    const counts = { taken: 0, done: 0, review: 0 };
    try {
      const hotFolder = createHotFolder(dir, {
        logger: session.app.logger,
        async takeIn(path) {
          const started = await session.call('intake.start', {
            paths: [path],
            origin: 'eingangsordner',
            stamp: Boolean(ctx.options.stamp),
            ...(ctx.options.amt ? { amtId: String(ctx.options.amt) } : {}),
            ...(ctx.options.device ? { device: String(ctx.options.device) } : {}),
          });
          const batch = started.batches[0];
          if (!batch)
            throw new AppError('intake.source_unreadable', { path }, 'hot folder file not taken in');
          return { jobUuid: batch.uuid };
        },
        outcome: async (jobUuid) => batchOutcome(await session.call('intake.getJob', { uuid: jobUuid })),
      });
      ctx.io.err(
        `Eingangsordner ${dir} wird überwacht (fertige Dateien nach ${HOT_FOLDER_DIRS.done}/, Klärfälle nach ${HOT_FOLDER_DIRS.failed}/). Beenden mit Strg+C.`,
      );
      let stopped = false;
      void ctx.interrupted.then(() => (stopped = true));
      while (!stopped) {
        const polled = await hotFolder.pollOnce();
        counts.taken += polled.taken.length;
        for (const name of polled.taken) ctx.io.err(`eingelesen: ${name}`);
        for (const f of polled.finished) {
          counts[f.outcome]++;
          ctx.io.err(f.outcome === 'done' ? `erledigt: ${f.name}` : `Klärfall: ${f.name}`);
        }
        await Promise.race([new Promise((r) => setTimeout(r, service.settings.pollMs)), ctx.interrupted]);
      }
      return {
        value: counts,
        text: `${counts.taken} eingelesen, ${counts.done} erledigt, ${counts.review} Klärfälle`,
      };
    } finally {
      await worker.close();
    }
  },
};
