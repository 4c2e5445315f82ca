import path from 'node:path';
import { AppError } from '../../../contract/app-error';
import type { DigitalisatDetail, DigitalisatFields } from '../../../contract/methods/digitalisate';
import type { Command, CommandContext } from '../command';
import { argument, withSession } from './archiv';

/** Digitalisate of the Stadtarchiv: units from its own scanners; `eakte archiv package <Einheit>` packages them. */

const COLOUR = { bitonal: 'bitonal', grey: 'Graustufen', colour: 'Farbe' } as const;

export function unitLines(u: DigitalisatDetail): string[] {
  return [
    `${u.bestand} / ${u.signatur}: ${u.titel} (${u.laufzeit}), Provenienz ${u.provenienz}`,
    `Einheit ${u.unitId}, ${u.pageCount} Seiten${u.submission ? `, zuletzt verpackt: ${u.submission.path}` : ''}`,
    ...u.pages.map(
      (p) =>
        `  Seite ${p.position}: ${p.fileName}${p.pageInFile ? ` (Seite ${p.pageInFile + 1})` : ''}, ${p.formatName}, ` +
        `${p.width} × ${p.height} px, ${p.dpi === null ? 'Auflösung nicht angegeben' : `${p.dpi} dpi`}, ${COLOUR[p.colour]}, SHA-256 ${p.sha256}`,
    ),
  ];
}

const FIELDS = ['bestand', 'signatur', 'titel', 'laufzeit', 'provenienz'] as const;

function fields(ctx: CommandContext): DigitalisatFields {
  const missing = FIELDS.filter((f) => typeof ctx.options[f] !== 'string');
  if (missing.length)
    throw new AppError('cli.usage', { detail: `${missing.map((f) => `--${f}`).join(', ')} fehlt` }, 'unit fields missing');
  return Object.fromEntries(FIELDS.map((f) => [f, ctx.options[f] as string])) as DigitalisatFields;
}

const create: Command = {
  path: ['archiv', 'unit', 'create'],
  summary: 'Legt eine Verzeichnungseinheit für Digitalisate an',
  usage: 'eakte archiv unit create --bestand B --signatur S --titel T --laufzeit 1890-1912 --provenienz P [--json]',
  options: Object.fromEntries(FIELDS.map((f) => [f, { type: 'string' as const }])),
  run: (ctx) =>
    withSession(ctx, async (call) => {
      const u = await call('digitalisate.createUnit', fields(ctx));
      return { value: u, text: unitLines(u).join('\n') };
    }),
};

const add: Command = {
  path: ['archiv', 'unit', 'add'],
  summary: 'Übernimmt gescannte Seiten (TIFF/PNG, Dateien oder Ordner) unverändert als Master in eine Einheit',
  usage: 'eakte archiv unit add <Einheit> <dateien|ordner…> [--json]',
  options: {},
  run: (ctx) =>
    withSession(ctx, async (call) => {
      const unitId = argument(ctx, 'Einheit');
      const paths = ctx.positionals.slice(1).map((p) => path.resolve(p));
      if (!paths.length) throw new AppError('cli.usage', { detail: 'Dateien oder Ordner fehlen' }, 'no files');
      const r = await call('digitalisate.addPages', { unitId, paths });
      const text = [...unitLines(r.unit), ...r.rejected.map((x) => `Nicht übernommen: ${x.message}`)].join('\n');
      // Exit 1 like `archiv receive` with findings: a script sees that not every file was taken.
      return { value: r, text, exitCode: r.rejected.length ? 1 : 0 };
    }),
};

const list: Command = {
  path: ['archiv', 'unit', 'list'],
  summary: 'Listet die Verzeichnungseinheiten mit Digitalisaten',
  usage: 'eakte archiv unit list [--json]',
  options: {},
  run: (ctx) =>
    withSession(ctx, async (call) => {
      const units = await call('digitalisate.list', {});
      const text = units.length
        ? units.map((u) => `${u.unitId}  ${u.bestand} / ${u.signatur}: ${u.titel} (${u.pageCount} Seiten)`).join('\n')
        : 'Keine Digitalisate.';
      return { value: units, text };
    }),
};

const show: Command = {
  path: ['archiv', 'unit', 'show'],
  summary: 'Zeigt eine Einheit mit den technischen Metadaten jeder Seite',
  usage: 'eakte archiv unit show <Einheit> [--json]',
  options: {},
  run: (ctx) =>
    withSession(ctx, async (call) => {
      const u = await call('digitalisate.get', { unitId: argument(ctx, 'Einheit') });
      return { value: u, text: unitLines(u).join('\n') };
    }),
};

export const digitalisateCommands: readonly Command[] = [create, add, list, show];
