import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError, isAppError } from '../../contract/app-error';
import { germanMessage } from '../../contract/errors';
import type { MethodOutput } from '../../contract/methods';
import type { DigitalisatFields } from '../../contract/methods/digitalisate';
import { appendAudit } from '../../core/audit/index';
import type { CallCtx } from '../../core/records/context';
import type { WriteTx } from '../../core/store/store';
import { removeUpload, uploadPath } from '../../core/store/uploads';
import { normaliseLaufzeit } from './laufzeit';
import { describeMaster, type Master } from './master';
import { unitByUuid, unitDetail } from './register';
import type { ScanIntake } from './scan-intake';

const audit = (tx: WriteTx, ctx: CallCtx, action: string, unitUuid: string, details: Record<string, unknown>) =>
  appendAudit(tx, ctx.clock.now(), {
    actor: ctx.caller.username,
    action,
    objectType: 'archiv_unit',
    objectUuid: unitUuid,
    amtId: null,
    details,
  });

/** A new Verzeichnungseinheit; its Signatur must be new within the Bestand. */
export async function createUnit(ctx: CallCtx, input: DigitalisatFields): Promise<MethodOutput<'digitalisate.createUnit'>> {
  const fields = { ...input, laufzeit: normaliseLaufzeit(input.laufzeit) };
  const uuid = ctx.ids.uuid();
  await ctx.store.write(async (tx) => {
    const taken = await tx.get('SELECT 1 FROM archiv_unit WHERE bestand = ? AND signatur = ?', [
      fields.bestand,
      fields.signatur,
    ]);
    if (taken)
      throw new AppError('digitalisate.signatur_taken', { bestand: fields.bestand, signatur: fields.signatur }, 'signatur taken');
    await tx.run(
      `INSERT INTO archiv_unit (uuid, bestand, signatur, titel, laufzeit, provenienz, created_at, created_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      [uuid, fields.bestand, fields.signatur, fields.titel, fields.laufzeit, fields.provenienz, ctx.clock.now().toISOString(), ctx.caller.username],
    );
    // Ids only in the audit details, like the log: the descriptive fields are in the register.
    await audit(tx, ctx, 'digitalisate.unit_created', uuid, {});
  });
  ctx.logger.info('digitalisat unit created', { unit: uuid });
  return unitDetail(ctx.store.reader, await unitByUuid(ctx.store.reader, uuid));
}

interface Rejected {
  fileName: string;
  code: string;
  message: string;
}

const rejection = (fileName: string, err: AppError): Rejected => ({
  fileName,
  code: err.code,
  message: germanMessage(err.code, err.params),
});

/**
 * Takes a scan batch into a unit: every file is checked (lossless image, readable through the intake),
 * kept unchanged in the blob store as the master and appended page by page. A file that fails is
 * reported alone and left where it was; the others are taken.
 */
export async function addPages(
  ctx: CallCtx,
  intake: ScanIntake,
  unitUuid: string,
  sources: { paths: readonly string[]; uploads: readonly string[] },
): Promise<MethodOutput<'digitalisate.addPages'>> {
  const unit = await unitByUuid(ctx.store.reader, unitUuid);
  // Every upload must be this archivist's before any file is taken (an unknown id refuses the whole call).
  const uploaded = await Promise.all(sources.uploads.map((id) => uploadPath(ctx.store.dataDir, id, ctx.caller.username)));
  const rejected: Rejected[] = [];
  const masters: Master[] = [];
  const take = async (fileName: string, bytes: () => Promise<Buffer>) => {
    try {
      const data = await bytes();
      const master = await describeMaster(intake, data, fileName);
      await ctx.store.blobs.put(data);
      masters.push(master);
    } catch (err) {
      if (!isAppError(err)) throw err;
      ctx.logger.warn('digitalisat file refused', { unit: unitUuid, code: err.code });
      rejected.push(rejection(fileName, err));
    }
  };
  for (const c of await intake.collect(sources.paths)) {
    if (c.kind === 'rejected') rejected.push(rejection(path.basename(c.path), c.error));
    else await take(path.basename(c.path), () => readFile(c.path));
  }
  for (const file of uploaded) await take(path.basename(file), () => readFile(file));

  if (masters.length) {
    const at = ctx.clock.now().toISOString();
    await ctx.store.write(async (tx) => {
      const last = await tx.get<{ n: number | null }>('SELECT max(position) AS n FROM archiv_unit_page WHERE unit_id = ?', [unit.id]);
      let position = last?.n ?? 0;
      for (const m of masters) {
        await tx.run('INSERT OR IGNORE INTO blob (hash, size, created_at) VALUES (?, ?, ?)', [m.sha256, m.size, at]);
        for (const p of m.pages)
          await tx.run(
            `INSERT INTO archiv_unit_page (unit_id, position, file_name, sha256, size, page_in_file, puid, format_name,
               mime_type, width, height, dpi, colour, added_at, added_by)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
            [unit.id, ++position, m.fileName, m.sha256, m.size, p.pageInFile, m.puid, m.formatName, m.mimeType, p.width, p.height, p.dpi, p.colour, at, ctx.caller.username],
          );
      }
      await audit(tx, ctx, 'digitalisate.pages_added', unitUuid, {
        files: masters.length,
        pages: masters.reduce((n, m) => n + m.pages.length, 0),
        sha256: masters.map((m) => m.sha256),
      });
    });
  }
  // Taken masters are in the blob store and refused files would be refused again: the staging copies go.
  for (const id of sources.uploads) await removeUpload(ctx.store.dataDir, id);
  ctx.logger.info('digitalisat pages added', { unit: unitUuid, files: masters.length, rejected: rejected.length });
  return { unit: await unitDetail(ctx.store.reader, await unitByUuid(ctx.store.reader, unitUuid)), rejected };
}
