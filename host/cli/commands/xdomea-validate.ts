import path from 'node:path';
import { AppError } from '../../../contract/app-error';
import { validateMessageFile } from '../../../archive/aussonderung/index';
import type { Command } from '../command';

/** A local file check that needs no login: it reads no records, only the given file. */
export const xdomeaValidateCommand: Command = {
  path: ['xdomea', 'validate'],
  summary: 'Prüft eine xdomea-Nachricht (.xml) oder einen Container (.zip) gegen das Schema, die Primärdateien und Prüfsummen',
  usage: 'eakte xdomea validate <Datei.xml|.zip> [--json]',
  options: {},
  async run(ctx) {
    const file = ctx.positionals[0];
    if (!file) throw new AppError('cli.usage', { detail: 'Datei fehlt' }, 'no file');
    const r = await validateMessageFile(path.resolve(file));
    const ok = r.valid && r.missingFiles.length === 0 && (r.manifest?.mismatched.length ?? 0) === 0;
    const text = [
      r.valid
        ? `Gültig: xdomea ${r.version}, Nachricht ${r.type}, ProzessID ${r.prozessId}`
        : `UNGÜLTIG gegen xdomea ${r.version}: ${r.issues.length} Fehler`,
      ...r.issues.slice(0, 20).map((i) => `  Zeile ${i.line ?? '?'}: ${i.message}`),
      ...r.missingFiles.map((f) => `  Primärdatei fehlt: ${f}`),
      ...(r.manifest ? [`Prüfsummen: ${r.manifest.checked} geprüft, ${r.manifest.mismatched.length} abweichend`] : []),
      ...(r.manifest?.mismatched ?? []).map((f) => `  Prüfsumme falsch oder Datei fehlt: ${f}`),
    ].join('\n');
    return { value: r, text, exitCode: ok ? 0 : 6 };
  },
};
