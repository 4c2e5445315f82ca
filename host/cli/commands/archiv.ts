import path from 'node:path';
import { AppError, isAppError } from '../../../contract/app-error';
import type { ArchivReceiptDetail, IngestStatus } from '../../../contract/methods/archiv';
import { openCliSession, type CliSession } from '../app-session';
import type { Command, CommandContext } from '../command';

/** The Stadtarchiv's side of the Aussonderung: receive, confirm, package for DiPS.kommunal, fixity. */

const STATUS: Record<IngestStatus, string> = { ok: 'in Ordnung', warning: 'Warnung', error: 'Fehler' };
const EXIT_FINDINGS = 1;
const EXIT_INTEGRITY = 6;

export const argument = (ctx: CommandContext, what: string): string => {
  const value = ctx.positionals[0];
  if (!value) throw new AppError('cli.usage', { detail: `${what} fehlt` }, `no ${what}`);
  return value;
};

export const outDir = (ctx: CommandContext): string | undefined =>
  typeof ctx.options.out === 'string' ? path.resolve(ctx.options.out) : undefined;

export async function withSession<T>(ctx: CommandContext, fn: (call: CliSession['call']) => Promise<T>): Promise<T> {
  const session = await openCliSession(ctx.global);
  try {
    return await fn(session.call);
  } finally {
    await session.close();
  }
}

/** The per-object report as text lines: status, object, then each finding in German. */
export function reportLines(d: ArchivReceiptDetail): string[] {
  const c = d.counts;
  const lines = [
    `Übernahme ${d.receiptId} aus ${d.sourceName}: ${STATUS[d.status]}`,
    ...(d.refused ? [`Abgewiesen: ${d.refused.text}`] : []),
    ...(d.prozessId
      ? [
          `ProzessID ${d.prozessId}, xdomea ${d.xdomeaVersion ?? '?'}${d.appraisalKnown ? ', mit Bewertung (0502) abgeglichen' : ''}`,
        ]
      : []),
    `${c.akten} Akten, ${c.vorgaenge} Vorgänge, ${c.dokumente} Dokumente, ${c.primaerdateien} Primärdateien`,
    ...d.packageFindings.filter((f) => f.code !== d.refused?.code).map((f) => `  Paket: ${f.text}`),
  ];
  return [...lines, ...objectLines(d.objects)];
}

/** Top-level objects and every object with a finding, indented by depth. */
function objectLines(objects: ArchivReceiptDetail['objects']): string[] {
  const lines: string[] = [];
  for (const o of objects) {
    const name = [o.aktenzeichen, o.title].filter(Boolean).join(' ') || o.xdomeaUuid;
    const findings = [...o.findings, ...o.files.flatMap((f) => f.findings)];
    if (o.status === 'ok' && o.depth > 0) continue;
    lines.push(`${'  '.repeat(o.depth)}${o.kind} ${name}: ${STATUS[o.status]}`);
    for (const f of findings) lines.push(`${'  '.repeat(o.depth + 1)}- ${f.text}`);
  }
  return lines;
}

/** The report of a receipt whose answer held only the first page of objects: the rest page by page. */
async function fullReportLines(call: CliSession['call'], d: ArchivReceiptDetail): Promise<string[]> {
  const lines = reportLines(d);
  for (let offset = d.objects.length; offset < d.objectsTotal; ) {
    const page = await call('archiv.get', { receiptId: d.receiptId, offset });
    lines.push(...objectLines(page.objects));
    offset += page.objects.length;
  }
  return lines;
}

const receive: Command = {
  path: ['archiv', 'receive'],
  summary: 'Nimmt eine Aussonderung (0503, ZIP oder Ordner) ins Archiv an und prüft sie je Objekt',
  usage: 'eakte archiv receive <zip|ordner> [--json]',
  options: {},
  run: (ctx) =>
    withSession(ctx, async (call) => {
      const d = await call('archiv.receive', {
        source: { kind: 'path', path: path.resolve(argument(ctx, 'Paket')) },
      });
      return {
        value: d,
        text: (await fullReportLines(call, d)).join('\n'),
        exitCode: d.status === 'error' ? EXIT_FINDINGS : 0,
      };
    }),
};

const confirm: Command = {
  path: ['archiv', 'confirm'],
  summary: 'Schreibt Empfangsbestätigung (0507) und Importbestätigung (0506) für die Behörde',
  usage: 'eakte archiv confirm <ProzessID> --out DIR [--json]',
  options: { out: { type: 'string' } },
  run: (ctx) =>
    withSession(ctx, async (call) => {
      const r = await call('archiv.confirm', { prozessId: argument(ctx, 'ProzessID'), outDir: outDir(ctx) });
      const text = [
        r.accepted
          ? 'Übernahme bestätigt: alle Objekte übernommen.'
          : 'Übernahme abgelehnt: die Importbestätigung nennt die Fehler je Objekt.',
        `Empfangsbestätigung (0507): ${r.receipt.path}`,
        `Importbestätigung (0506): ${r.importConfirmation.path}`,
        ...(r.repeated ? ['(bereits früher bestätigt; dieselben Nachrichten erneut geschrieben)'] : []),
      ].join('\n');
      return { value: r, text };
    }),
};

/** A ProzessID (accepted Aussonderung) or, when no Aussonderung has that id, a Digitalisat unit. */
async function packageEither(call: CliSession['call'], id: string, out: string | undefined) {
  try {
    return await call('archiv.package', { prozessId: id, outDir: out });
  } catch (err) {
    if (!isAppError(err) || err.code !== 'archiv.not_found') throw err;
    return call('digitalisate.package', { unitId: id, outDir: out });
  }
}

const packageCommand: Command = {
  path: ['archiv', 'package'],
  summary: 'Schreibt das Übergabepaket für DiPS.kommunal (BagIt mit METS und PREMIS) einer Aussonderung oder eines Digitalisats',
  usage: 'eakte archiv package <ProzessID|Einheit> [--out DIR] [--json]',
  options: { out: { type: 'string' } },
  run: (ctx) =>
    withSession(ctx, async (call) => {
      const r = await packageEither(call, argument(ctx, 'ProzessID oder Einheit'), outDir(ctx));
      return {
        value: r,
        text: `${r.repeated ? 'Bereits verpackt' : 'Paket geschrieben'}: ${r.path} (${r.files} Dateien, ${r.target})`,
      };
    }),
};

const CHANGE = { changed: 'verändert', missing: 'fehlt', unlisted: 'nicht im Manifest' } as const;

const fixity: Command = {
  path: ['archiv', 'fixity'],
  summary: 'Prüft alle Übergabepakete erneut gegen ihre Manifeste und das Register (Exit 6 bei Änderungen)',
  usage: 'eakte archiv fixity [--json]',
  options: {},
  run: (ctx) =>
    withSession(ctx, async (call) => {
      const run = await call('archiv.fixityRun', {});
      const bad = run.results.filter((r) => r.outcome !== 'ok');
      const text = [
        `${run.packages} Pakete, ${run.files} Dateien geprüft: ${bad.length ? `${bad.length} mit Abweichungen` : 'alle unverändert'}`,
        ...bad.flatMap((r) => [
          `${r.kind === 'digitalisat' ? 'Digitalisat ' : ''}${r.prozessId} (${r.path}): ${r.outcome === 'missing' ? 'Paket fehlt' : 'verändert'}`,
          ...r.changes.map((c) => `  ${c.file}: ${CHANGE[c.change]}`),
        ]),
      ].join('\n');
      return { value: run, text, exitCode: bad.length ? EXIT_INTEGRITY : 0 };
    }),
};

export const archivCommands: readonly Command[] = [receive, confirm, packageCommand, fixity];
