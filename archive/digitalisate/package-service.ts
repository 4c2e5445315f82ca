import { randomBytes } from 'node:crypto';
import { rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError, isAppError } from '../../contract/app-error';
import type { MethodOutput } from '../../contract/methods';
import { appendAudit } from '../../core/audit/index';
import type { CallCtx } from '../../core/records/context';
import { outputDir } from '../ingest/app/output-dir';
import { publishTree } from '../ingest/publish-tree';
import { repositoryDir } from '../ingest/app/settings';
import { accessLayers } from './access-layers';
import { pagesOf, unitByUuid, type PageRow, type UnitRow } from './register';
import type { ScanIntake } from './scan-intake';
import { writeUnitBag } from './unit-bag';

/**
 * The OCR'd access copy, from the pages' kept layers (only new pages are OCR'd); a unit is still packaged
 * (masters are what is archived) when it cannot be made.
 */
async function accessCopy(ctx: CallCtx, intake: ScanIntake, unit: UnitRow, pages: readonly PageRow[]) {
  try {
    const layers = await accessLayers(ctx, intake, unit, pages);
    return Buffer.from(
      await intake.accessCopy(layers.map((hash) => () => ctx.store.blobs.read(hash)), {
        title: `${unit.signatur}: ${unit.titel}`,
        subject: unit.bestand,
        createdAt: ctx.clock.now(),
        documentId: unit.uuid,
      }),
    );
  } catch (err) {
    if (!isAppError(err)) throw err;
    ctx.logger.warn('digitalisat access copy not made', { unit: unit.uuid, code: err.code });
    return null;
  }
}

/**
 * Writes the unit's submission package into the repository folder (or `outDir`), built in a hidden
 * folder, made durable and renamed when complete (before the register knows it). The same pages again return the registered package; pages added
 * since make a new package `<unit>.<n>` beside the earlier one.
 */
export async function packageUnit(
  ctx: CallCtx,
  intake: ScanIntake,
  unitUuid: string,
  requestedDir: string | undefined,
): Promise<MethodOutput<'digitalisate.package'>> {
  const q = ctx.store.reader;
  const unit = await unitByUuid(q, unitUuid);
  const pages = await pagesOf(q, unit.id);
  if (!pages.length) throw new AppError('digitalisate.no_pages', { signatur: unit.signatur }, 'unit without pages');
  const earlier = await q.all<{ id: number; target: string; path: string; pages: number; files: number }>(
    `SELECT s.id, s.target, s.path, s.pages, (SELECT count(*) FROM archiv_unit_submission_file f WHERE f.submission_id = s.id) AS files
     FROM archiv_unit_submission s WHERE s.unit_id = ? ORDER BY s.id`,
    [unit.id],
  );
  const latest = earlier.at(-1);
  if (latest && latest.pages === pages.length)
    return { target: latest.target, path: latest.path, files: latest.files, repeated: true };

  const dir = await outputDir(requestedDir, repositoryDir(ctx.store.dataDir));
  const name = earlier.length === 0 ? unit.uuid : `${unit.uuid}.${earlier.length + 1}`;
  const target = path.join(dir, name);
  if (await stat(target).catch(() => undefined))
    throw new AppError('archiv.package_exists', { path: target }, 'bag folder exists');
  const access = await accessCopy(ctx, intake, unit, pages);
  const createdAt = ctx.clock.now().toISOString();
  const building = path.join(dir, `.${name}.${randomBytes(4).toString('hex')}.partial`);
  let written;
  try {
    written = await writeUnitBag({ unit, pages, access, createdAt }, building, name, (hash) =>
      ctx.store.blobs.read(hash),
    );
    await publishTree(written.path, target);
  } finally {
    await rm(building, { recursive: true, force: true });
  }
  const register = ctx.store.write(async (tx) => {
    const { lastID } = await tx.run(
      'INSERT INTO archiv_unit_submission (unit_id, target, path, pages, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)',
      [unit.id, written.target, target, pages.length, createdAt, ctx.caller.username],
    );
    for (const [file, sha256] of written.files)
      await tx.run('INSERT INTO archiv_unit_submission_file (submission_id, path, sha256) VALUES (?, ?, ?)', [lastID, file, sha256]);
    await appendAudit(tx, ctx.clock.now(), {
      actor: ctx.caller.username,
      action: 'digitalisate.packaged',
      objectType: 'archiv_unit',
      objectUuid: unit.uuid,
      amtId: null,
      details: { target: written.target, files: written.files.size, pages: pages.length, access: access !== null },
    });
  });
  // A bag the register does not know would block the next attempt (package_exists).
  await register.catch(async (err: unknown) => {
    await rm(target, { recursive: true, force: true });
    throw err;
  });
  ctx.logger.info('digitalisat package written', { unit: unit.uuid, files: written.files.size });
  return { target: written.target, path: target, files: written.files.size, repeated: false };
}
