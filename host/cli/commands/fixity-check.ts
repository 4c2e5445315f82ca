import type { Command } from '../command';
import { openCliSession } from '../app-session';

export const fixityCheckCommand: Command = {
  path: ['fixity', 'check'],
  summary: 'Prüft alle gespeicherten Dateien gegen ihre SHA-256-Prüfsumme (Bestandserhaltung)',
  usage: 'eakte fixity check [--json]',
  options: {},
  async run(ctx) {
    const session = await openCliSession(ctx.global);
    try {
      const r = await session.call('fixity.check', {});
      const damaged = r.missing.length + r.corrupt.length;
      const text = [
        `${r.blobs} Dateien geprüft (${r.bytes} Bytes): ${r.ok} in Ordnung, ${r.missing.length} fehlen, ${r.corrupt.length} beschädigt`,
        ...r.missing.map((h) => `  fehlt: ${h}`),
        ...r.corrupt.map((h) => `  beschädigt: ${h}`),
        ...(r.unreferenced.length ? [`${r.unreferenced.length} Dateien ohne Eintrag im Bestand`] : []),
      ].join('\n');
      return { value: r, text, exitCode: damaged ? 6 : 0 };
    } finally {
      await session.close();
    }
  },
};
