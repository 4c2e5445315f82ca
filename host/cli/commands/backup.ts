import { resolve } from 'node:path';
import { AppError } from '../../../contract/app-error';
import { appendAudit } from '../../../core/audit/audit-log';
import { createBackup } from '../../backup/backup';
import { restoreBackup } from '../../backup/restore';
import { openCliSession } from '../app-session';
import type { Command } from '../command';

export const backupCommand: Command = {
  path: ['backup'],
  summary: 'Erstellt eine konsistente Sicherung (Datenbank und Dateien) im laufenden Betrieb',
  usage: 'eakte backup --out DATEI.zip --user ADMIN [--data DIR] [--json]',
  options: { out: { type: 'string' } },
  async run(ctx) {
    const out = ctx.options.out as string | undefined;
    if (!out) throw new AppError('cli.usage', { detail: '--out DATEI fehlt' }, 'backup without --out');
    const session = await openCliSession(ctx.global);
    try {
      // A backup holds every Amt's personal data: only administrators may take one, and it is audited.
      const me = await session.call('session.current', {});
      if (!me.grants.some((g) => g.role === 'admin')) throw new AppError('access.denied', {}, 'backup needs admin');
      const now = session.app.deps.clock.now();
      const result = await createBackup(session.app.store, resolve(out), now);
      await session.app.store.write((tx) =>
        appendAudit(tx, now, {
          actor: me.username,
          action: 'store.backup',
          objectType: 'store',
          objectUuid: null,
          details: { sha256: result.sha256, blobs: result.blobs, schema: result.schemaVersion },
        }),
      );
      return { value: result, text: `Sicherung geschrieben: ${result.path} (${result.blobs} Dateien, SHA-256 ${result.sha256})` };
    } finally {
      await session.close();
    }
  },
};

export const restoreCommand: Command = {
  path: ['restore'],
  summary: 'Prüft eine Sicherung vollständig und ersetzt erst dann den Datenordner (der alte bleibt erhalten)',
  usage: 'eakte restore DATEI.zip [--data DIR] [--json]',
  options: {},
  async run(ctx) {
    const file = ctx.positionals[0];
    if (!file) throw new AppError('cli.usage', { detail: 'Sicherungsdatei fehlt' }, 'restore without file');
    const result = await restoreBackup(resolve(file), resolve(ctx.global.dataDir), new Date());
    return {
      value: result,
      text: `Wiederhergestellt nach ${result.dataDir} (${result.blobs} Dateien).${result.previousMovedTo ? ` Der bisherige Datenordner liegt unter ${result.previousMovedTo}.` : ''}`,
    };
  },
};
