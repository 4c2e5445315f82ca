import { join } from 'node:path';
import type { Command } from '../command';

export const dmsDevCommand: Command = {
  path: ['dms-dev'],
  summary: 'Startet das Entwicklungs-DMS (CMIS 1.1 Browser Binding) auf 127.0.0.1 – nur für Entwicklung und Tests',
  usage: 'eakte dms-dev [--port N] [--data DIR]',
  options: { port: { type: 'string' } },
  async run(ctx) {
    // Loaded only here: the development DMS is no part of the app's own code paths.
    const { startDmsDev, DEV_USER, DEV_PASSWORD, DEV_TOKEN } = await import('../../../sync/dms-dev');
    const dataDir = typeof ctx.options.data === 'string' ? ctx.options.data : join(ctx.global.dataDir, 'dms-dev');
    const dms = await startDmsDev({ dataDir, port: Number(ctx.options.port ?? 0) });
    const info = { url: dms.url, user: DEV_USER, password: DEV_PASSWORD, token: DEV_TOKEN, dataDir };
    ctx.io.out(
      ctx.global.json
        ? JSON.stringify(info)
        : `Entwicklungs-DMS läuft: ${dms.url} (Benutzer ${DEV_USER}, Kennwort ${DEV_PASSWORD}; Daten in ${dataDir})`,
    );
    await ctx.interrupted;
    await dms.close();
    return { value: null, text: '' };
  },
};
