import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../../contract/app-error';
import type { AussonderungState } from '../../../contract/methods/aussonderung';
import { deletionProtocolCsv } from '../../../archive/aussonderung/index';
import { openCliSession } from '../app-session';
import type { Command, CommandContext } from '../command';

const STATE: Record<AussonderungState, string> = {
  offered: 'angeboten (0501)',
  offer_received: 'Anbietung bestätigt (0504)',
  appraised: 'bewertet (0502)',
  exported: 'ausgesondert (0503)',
  export_received: 'Empfang bestätigt (0507)',
  import_confirmed: 'Übernahme bestätigt (0506)',
  completed: 'abgeschlossen',
};

const prozessArg = (ctx: CommandContext): string => {
  const id = ctx.positionals[0];
  if (!id) throw new AppError('cli.usage', { detail: 'ProzessID fehlt' }, 'no prozess id');
  return id;
};

const optionalPath = (value: unknown): string | undefined => (typeof value === 'string' ? path.resolve(value) : undefined);

/** Opens a session, runs `fn`, closes; every command calls the API like the UI does. */
async function withSession<T>(ctx: CommandContext, fn: (call: Awaited<ReturnType<typeof openCliSession>>['call']) => Promise<T>): Promise<T> {
  const session = await openCliSession(ctx.global);
  try {
    return await fn(session.call);
  } finally {
    await session.close();
  }
}

const expiring: Command = {
  path: ['aussonderung', 'expiring'],
  summary: 'Listet Akten mit abgelaufener Aufbewahrungsfrist je Amt (mit Bewertungshinweis A/B/V und Sperren)',
  usage: 'eakte aussonderung expiring [--amt NN] [--json]',
  options: { amt: { type: 'string' } },
  run: (ctx) =>
    withSession(ctx, async (call) => {
      const amt = ctx.options.amt as string | undefined;
      const akten = await call('aussonderung.listExpiring', amt ? { amtId: amt } : {});
      const lines = akten.map(
        (a) =>
          `Amt ${a.amtId}  ${a.aktenzeichen}  ${a.archivalHint ?? '-'}  frei seit ${a.expiresOn}` +
          (a.legalHold ? `  GESPERRT: ${a.legalHold}` : '') +
          (a.prozessId ? `  in Aussonderung ${a.prozessId}` : ''),
      );
      return { value: akten, text: [`${akten.length} Akten mit abgelaufener Aufbewahrungsfrist`, ...lines].join('\n') };
    }),
};

const offer: Command = {
  path: ['aussonderung', 'offer'],
  summary: 'Bietet alle freien Akten eines Amtes dem Archiv an und schreibt das Anbieteverzeichnis (0501)',
  usage: 'eakte aussonderung offer --amt NN [--out DIR] [--json]',
  options: { amt: { type: 'string' }, out: { type: 'string' } },
  run: (ctx) =>
    withSession(ctx, async (call) => {
      const amtId = ctx.options.amt as string | undefined;
      if (!amtId) throw new AppError('cli.usage', { detail: 'Amt fehlt (--amt NN)' }, 'no amt');
      const akten = await call('aussonderung.listExpiring', { amtId });
      const free = akten.filter((a) => !a.legalHold && !a.prozessId);
      const held = akten.filter((a) => a.legalHold);
      if (free.length === 0) throw new AppError('aussonderung.empty_selection', {}, 'nothing to offer');
      const result = await call('aussonderung.createOffer', {
        amtId,
        akteUuids: free.map((a) => a.uuid),
        outDir: optionalPath(ctx.options.out),
      });
      const text = [
        `Aussonderung ${result.aussonderung.prozessId}: ${free.length} Akten angeboten`,
        `Anbieteverzeichnis: ${result.offer.path}`,
        ...held.map((a) => `Nicht angeboten (Sperre): ${a.aktenzeichen} – ${a.legalHold}`),
      ].join('\n');
      return { value: { ...result, held: held.map((a) => ({ aktenzeichen: a.aktenzeichen, legalHold: a.legalHold })) }, text };
    }),
};

const importCommand: Command = {
  path: ['aussonderung', 'import'],
  summary: 'Liest eine Antwort des Archivs ein: Bewertung (0502), Empfangs- (0504/0507) oder Importbestätigung (0506)',
  usage: 'eakte aussonderung import <Datei.xml|.zip> [--out DIR] [--json]',
  options: { out: { type: 'string' } },
  run: (ctx) =>
    withSession(ctx, async (call) => {
      const file = ctx.positionals[0];
      if (!file) throw new AppError('cli.usage', { detail: 'Datei fehlt' }, 'no file');
      const r = await call('aussonderung.importMessage', {
        source: { kind: 'path', path: path.resolve(file) },
        receiptDir: optionalPath(ctx.options.out),
      });
      const text = [
        r.repeated ? `Nachricht ${r.type} war bereits eingelesen; nichts verändert.` : `Nachricht ${r.type} übernommen: ${r.applied} Akten${r.failed ? `, ${r.failed} mit Fehlern` : ''}`,
        `Aussonderung ${r.prozessId}: ${STATE[r.state]}`,
        ...r.unanswered.map((a) => `Ohne Antwort: ${a}`),
        ...(r.receipt ? [`Empfangsbestätigung (0505): ${r.receipt.path}`] : []),
      ].join('\n');
      return { value: r, text };
    }),
};

const exportCommand: Command = {
  path: ['aussonderung', 'export'],
  summary: 'Schreibt das Aussonderungspaket (0503) mit PDF/A-Prüfung und SHA-256-Prüfsummen',
  usage: 'eakte aussonderung export <ProzessID> --out DIR [--json]',
  options: { out: { type: 'string' } },
  run: (ctx) =>
    withSession(ctx, async (call) => {
      const r = await call('aussonderung.export', { prozessId: prozessArg(ctx), outDir: optionalPath(ctx.options.out) });
      const count = (o: string) => r.files.filter((f) => f.outcome === o).length;
      const text = [
        `Paket: ${r.package.path} (${r.package.size} Bytes, SHA-256 ${r.package.sha256})`,
        `${r.files.length} Dateien: ${count('conforming')} PDF/A-konform, ${count('converted')} umgewandelt, ${count('not_conforming')} nicht konform`,
        ...r.files.filter((f) => f.outcome === 'not_conforming').map((f) => `Nicht konform: ${f.fileName} – ${f.reason}`),
      ].join('\n');
      return { value: r, text };
    }),
};

const list: Command = {
  path: ['aussonderung', 'list'],
  summary: 'Listet die Aussonderungen mit ihrem Stand',
  usage: 'eakte aussonderung list [--json]',
  options: {},
  run: (ctx) =>
    withSession(ctx, async (call) => {
      const items = await call('aussonderung.list', {});
      const lines = items.map(
        (a) =>
          `${a.prozessId}  Amt ${a.amtId}  ${a.akten} Akten (A ${a.decisions.A}, B ${a.decisions.B}, V ${a.decisions.V}, offen ${a.decisions.open}), gelöscht ${a.deleted}  ${STATE[a.state]}`,
      );
      return { value: items, text: lines.length ? lines.join('\n') : 'Keine Aussonderungen.' };
    }),
};

const show: Command = {
  path: ['aussonderung', 'show'],
  summary: 'Zeigt eine Aussonderung mit der Bewertung je Akte',
  usage: 'eakte aussonderung show <ProzessID> [--json]',
  options: {},
  run: (ctx) =>
    withSession(ctx, async (call) => {
      const d = await call('aussonderung.get', { prozessId: prozessArg(ctx) });
      const lines = d.objects.map(
        (o) =>
          `${o.aktenzeichen}  Hinweis ${o.archivalHint ?? '-'}  Bewertung ${o.decision ?? 'offen'}${o.selected ? '  übergeben' : ''}` +
          (o.importOk === true ? `  übernommen${o.archiveId ? ` (${o.archiveId})` : ''}` : o.importOk === false ? `  Übernahme fehlgeschlagen: ${o.importError}` : '') +
          (o.legalHold ? `  GESPERRT` : '') +
          (o.deletedAt ? `  gelöscht ${o.deletedAt}` : ''),
      );
      return { value: d, text: [`Aussonderung ${d.prozessId}, Amt ${d.amtId}: ${STATE[d.state]}`, ...lines].join('\n') };
    }),
};

const sample: Command = {
  path: ['aussonderung', 'sample'],
  summary: 'Wählt unter den mit B bewerteten Akten die zu übergebenden aus (die übrigen werden vernichtet)',
  usage: 'eakte aussonderung sample <ProzessID> [<Akte-UUID>…] [--json]',
  options: {},
  run: (ctx) =>
    withSession(ctx, async (call) => {
      const d = await call('aussonderung.selectSample', { prozessId: prozessArg(ctx), akteUuids: ctx.positionals.slice(1) });
      const chosen = d.objects.filter((o) => o.decision === 'B' && o.selected).map((o) => o.aktenzeichen);
      return { value: d, text: `Ausgewählt (B): ${chosen.length ? chosen.join(', ') : 'keine'}` };
    }),
};

const deleteCommand: Command = {
  path: ['aussonderung', 'delete'],
  summary: 'Löscht übernommene und zur Vernichtung bewertete Akten und schreibt das Löschprotokoll',
  usage: 'eakte aussonderung delete <ProzessID> [--json]',
  options: {},
  run: (ctx) =>
    withSession(ctx, async (call) => {
      const r = await call('aussonderung.delete', { prozessId: prozessArg(ctx) });
      const text = [
        `${r.deleted.length} Akten gelöscht (Löschprotokoll Nr. ${r.deleted.map((e) => e.seq).join(', ') || '–'})`,
        ...r.kept.map((k) => `Nicht gelöscht: ${k.aktenzeichen} – ${k.reason}`),
        `Aussonderung ${r.aussonderung.prozessId}: ${STATE[r.aussonderung.state]}`,
      ].join('\n');
      return { value: r, text };
    }),
};

const protocol: Command = {
  path: ['aussonderung', 'protocol'],
  summary: 'Gibt das Löschprotokoll aus, auf Wunsch als CSV-Datei',
  usage: 'eakte aussonderung protocol [--prozess ID] [--csv DATEI] [--json]',
  options: { prozess: { type: 'string' }, csv: { type: 'string' } },
  run: (ctx) =>
    withSession(ctx, async (call) => {
      const prozessId = ctx.options.prozess as string | undefined;
      const entries = await call('aussonderung.deletionProtocol', prozessId ? { prozessId } : {});
      const csvPath = optionalPath(ctx.options.csv);
      if (csvPath) await writeFile(csvPath, deletionProtocolCsv(entries));
      const lines = entries.map((e) => `${e.seq}  ${e.deletedAt}  ${e.aktenzeichen}  ${e.decision}  ${e.ground === 'archived' ? 'übergeben' : 'vernichtet'}  von ${e.deletedBy}`);
      return { value: entries, text: [...lines, ...(csvPath ? [`CSV: ${csvPath}`] : [])].join('\n') || 'Das Löschprotokoll ist leer.' };
    }),
};

export const aussonderungCommands: readonly Command[] = [expiring, offer, importCommand, exportCommand, list, show, sample, deleteCommand, protocol];
