import { AppError } from '../../../contract/app-error';
import { openCliSession } from '../app-session';
import type { Command } from '../command';
import { readFileText } from './classify-file';

export const extractCommand: Command = {
  path: ['extract'],
  summary: 'Bezüge (Kassenzeichen, Aktenzeichen, AZR-Nummer …) aus einer Datei lesen',
  usage: 'eakte extract <Datei (.pdf, Bild, .txt)> [--json]',
  options: {},
  async run(ctx) {
    const file = ctx.positionals[0];
    if (!file) throw new AppError('cli.usage', { detail: 'Datei fehlt' }, 'extract without file');
    const { text, pageStarts, source } = await readFileText(file);
    const session = await openCliSession(ctx.global);
    try {
      const p = await session.call('classify.text', { text, pageStarts });
      const references = p.references.map(({ type, value, raw, page, start, end, confidence }) => ({ type, value, raw, page, start, end, confidence }));
      return {
        value: { source, references },
        text: references.map((r) => `${r.type}\t${r.value}\tSeite ${r.page ?? '-'}\t${r.start}–${r.end}`).join('\n') || 'Keine Bezüge gefunden',
      };
    } finally {
      await session.close();
    }
  },
};
