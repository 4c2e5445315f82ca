import type { CallCtx } from '../../core/records/context';
import type { PageRow, UnitRow } from './register';
import type { ScanIntake } from './scan-intake';

const key = (sha256: string, pageInFile: number) => `${sha256}:${pageInFile}`;

/**
 * The access-copy layer (OCR'd image and words) of every page, as blob hashes in page order. A layer is
 * made once per master page and OCR profile and kept as a derived blob (archiv_page_access), so packaging
 * a unit again OCRs only pages it has not seen; each new layer is kept as soon as it is made.
 */
export async function accessLayers(
  ctx: CallCtx,
  intake: ScanIntake,
  unit: UnitRow,
  pages: readonly PageRow[],
): Promise<string[]> {
  const profile = intake.accessProfile;
  const kept = new Map<string, string>();
  const rows = await ctx.store.reader.all<{ master_sha256: string; page_in_file: number; layer_sha256: string }>(
    `SELECT master_sha256, page_in_file, layer_sha256 FROM archiv_page_access
     WHERE profile = ? AND master_sha256 IN (SELECT sha256 FROM archiv_unit_page WHERE unit_id = ?)`,
    [profile, unit.id],
  );
  for (const r of rows) kept.set(key(r.master_sha256, r.page_in_file), r.layer_sha256);
  // A master page that occurs twice in the unit is OCR'd once.
  const missing = [...new Map(pages.filter((p) => !kept.has(key(p.sha256, p.page_in_file))).map((p) => [key(p.sha256, p.page_in_file), p])).values()];
  if (missing.length)
    await intake.accessLayers(
      missing.map((p) => ({ fileName: p.file_name, pageInFile: p.page_in_file, read: () => ctx.store.blobs.read(p.sha256) })),
      async (i, layer) => {
        const page = missing[i]!;
        const blob = await ctx.store.blobs.put(layer);
        const at = ctx.clock.now().toISOString();
        await ctx.store.write(async (tx) => {
          await tx.run('INSERT OR IGNORE INTO blob (hash, size, created_at) VALUES (?, ?, ?)', [blob.hash, blob.size, at]);
          await tx.run(
            `INSERT OR REPLACE INTO archiv_page_access (master_sha256, page_in_file, profile, layer_sha256, created_at)
             VALUES (?, ?, ?, ?, ?)`,
            [page.sha256, page.page_in_file, profile, blob.hash, at],
          );
        });
        kept.set(key(page.sha256, page.page_in_file), blob.hash);
      },
    );
  ctx.logger.info('digitalisat access layers', { unit: unit.uuid, ocr: missing.length, kept: pages.length - missing.length });
  return pages.map((p) => kept.get(key(p.sha256, p.page_in_file))!);
}
