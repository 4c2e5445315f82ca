import { rename, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { AppError } from '../../../contract/app-error';
import { openCliSession } from '../app-session';
import type { Command } from '../command';

export const exportAkteneinsichtCommand: Command = {
  path: ['export', 'akteneinsicht'],
  summary: 'Akte (oder ausgewählte Dokumente) als ein PDF mit Inhaltsverzeichnis und Seitenstempel für die Akteneinsicht',
  usage: 'eakte export akteneinsicht <Aktenzeichen> --out DATEI.pdf [--document UUID …] [--json]',
  options: { out: { type: 'string' }, document: { type: 'string', multiple: true } },
  async run(ctx) {
    const aktenzeichen = ctx.positionals[0]?.trim();
    const out = ctx.options.out as string | undefined;
    if (!aktenzeichen) throw new AppError('cli.usage', { detail: 'Aktenzeichen fehlt' }, 'export without aktenzeichen');
    if (!out) throw new AppError('cli.usage', { detail: '--out DATEI fehlt' }, 'export without --out');
    const session = await openCliSession(ctx.global);
    try {
      const found = await session.call('akten.list', { text: aktenzeichen, limit: 50 });
      const akte = found.items.find((a) => a.aktenzeichen === aktenzeichen);
      if (!akte) throw new AppError('records.not_found', { kind: `Die Akte ${aktenzeichen}` }, 'akte for export not found');
      const documentUuids = ctx.options.document as string[] | undefined;
      const result = await session.call('akteneinsicht.export', { akteUuid: akte.uuid, documentUuids });
      // Written beside the target and renamed, so an interrupted export never leaves half a PDF under the name.
      const path = resolve(out);
      await writeFile(`${path}.part`, Buffer.from(result.base64, 'base64'));
      await rename(`${path}.part`, path);
      const { base64: _bytes, ...summary } = result;
      return {
        value: { ...summary, path },
        text: `Akteneinsicht ${aktenzeichen}: ${result.documentCount} Dokumente, ${result.pageCount} Seiten → ${path}`,
      };
    } finally {
      await session.close();
    }
  },
};
