import { createApp } from '../../create-app';
import { seedDemo } from '../../../fixtures/demo/seed';
import type { Command } from '../command';

export const importDemoCommand: Command = {
  path: ['import-demo'],
  summary: 'Legt den Demodatenbestand (Aktenplan, Benutzer, Akten, Posteingang) in einem leeren Datenordner an',
  usage: 'eakte import-demo [--data DIR] [--json]',
  options: {},
  async run(ctx) {
    const app = await createApp({ dataDir: ctx.global.dataDir, keys: ctx.global.keys, logLimits: ctx.global.logLimits, mode: 'cli' });
    try {
      const result = await seedDemo(app.deps);
      const text = result.seeded
        ? `Demodaten angelegt: ${result.akten} Akten, ${result.documents} Dokumente in ${ctx.global.dataDir}`
        : `Der Datenordner ${ctx.global.dataDir} enthält bereits Daten; nichts verändert.`;
      return { value: { ...result, dataDir: ctx.global.dataDir }, text };
    } finally {
      await app.close();
    }
  },
};
