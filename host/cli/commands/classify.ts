import { AppError } from '../../../contract/app-error';
import { openCliSession } from '../app-session';
import type { Command } from '../command';
import { readFileText } from './classify-file';

export const classifyCommand: Command = {
  path: ['classify'],
  summary: 'Ablagevorschlag (Top 3 mit Konfidenz und Gründen) für eine Datei im Amt des Benutzers',
  usage: 'eakte classify <Datei (.pdf, Bild, .txt)> [--amt NN] [--json]',
  options: { amt: { type: 'string' } },
  async run(ctx) {
    const file = ctx.positionals[0];
    if (!file) throw new AppError('cli.usage', { detail: 'Datei fehlt' }, 'classify without file');
    const { text, pageStarts, source } = await readFileText(file);
    const session = await openCliSession(ctx.global);
    try {
      const amtId = ctx.options.amt as string | undefined;
      const p = await session.call('classify.text', { text, pageStarts, ...(amtId ? { amtId } : {}) });
      const lines = p.candidates.map((c, i) => {
        const reasons = c.reasons.map((r) => (r.kind === 'reference' ? `${r.type} ${r.value}` : r.word)).join(', ');
        return `${i + 1}. ${c.aktenzeichen ?? c.aktenplanNumber}  ${c.title}  ${(c.confidence * 100).toFixed(0)} %  (${reasons})`;
      });
      return { value: { source, ...p }, text: [`Amt ${p.amtId}${p.needsReview ? ' – bitte prüfen' : ''}`, ...lines].join('\n') };
    } finally {
      await session.close();
    }
  },
};
