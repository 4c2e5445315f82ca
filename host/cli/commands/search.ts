import type { Command } from '../command';
import { openCliSession } from '../app-session';
import { AppError } from '../../../contract/app-error';

export const searchCommand: Command = {
  path: ['search'],
  summary: 'Volltextsuche über alle für den Benutzer sichtbaren Dokumente',
  usage: 'eakte search <Suchbegriffe…> [--amt NN] [--limit N] [--json]',
  options: { amt: { type: 'string' }, limit: { type: 'string' } },
  async run(ctx) {
    const q = ctx.positionals.join(' ').trim();
    if (!q) throw new AppError('cli.usage', { detail: 'Suchbegriff fehlt' }, 'search without query');
    const session = await openCliSession(ctx.global);
    try {
      const amt = ctx.options.amt as string | undefined;
      const result = await session.call('search.query', {
        q,
        filters: amt ? { amtId: amt } : {},
        limit: Number(ctx.options.limit ?? 20),
      });
      const lines = result.hits.map(
        (h) =>
          `${h.document.aktenzeichen ?? '(Posteingang)'}  ${h.document.title}\n    ${h.snippet
            .map((p) => (p.hit ? `»${p.text}«` : p.text))
            .join('')
            .replace(/\s+/g, ' ')}`,
      );
      return { value: result, text: [`${result.total} Treffer`, ...lines].join('\n') };
    } finally {
      await session.close();
    }
  },
};
