import { acquireInstanceLock } from '../../../core/store/instance-lock';
import { stderrSink } from '../../../core/platform/logger';
import { seedDemo } from '../../../fixtures/demo/seed';
import { createApp } from '../../create-app';
import { startHttpServer } from '../../http/server';
import { rendererDir } from '../../renderer-dir';
import type { Command } from '../command';

export const serveCommand: Command = {
  path: ['serve'],
  summary: 'Startet den Browsermodus: Oberfläche und API auf 127.0.0.1 mit Zugangsschlüssel',
  usage: 'eakte serve [--port N] [--demo] [--data DIR]',
  options: { port: { type: 'string' }, demo: { type: 'boolean' }, verbose: { type: 'boolean' } },
  async run(ctx) {
    const dir = rendererDir();
    const lock = acquireInstanceLock(ctx.global.dataDir);
    const app = await createApp({
      dataDir: ctx.global.dataDir,
      keys: ctx.global.keys,
      admin: ctx.global.admin,
      logLimits: ctx.global.logLimits,
      mode: 'browser',
      logSinks: ctx.options.verbose ? [stderrSink] : [],
    });
    try {
      if (ctx.options.demo) {
        const seeded = await seedDemo(app.deps);
        if (seeded.seeded) ctx.io.err(`Demodaten angelegt: ${seeded.akten} Akten, ${seeded.documents} Dokumente.`);
      }
      const server = await startHttpServer({ app, rendererDir: dir, port: Number(ctx.options.port ?? 0) });
      // The one line a caller (npm start, tests, a user) needs: where to open the app.
      ctx.io.out(ctx.global.json ? JSON.stringify({ url: server.openUrl }) : `eAkte Desk läuft: ${server.openUrl}`);
      await ctx.interrupted;
      await server.close();
      return { value: null, text: '' };
    } finally {
      await app.close();
      lock.release();
    }
  },
};
