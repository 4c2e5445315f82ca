import { AppError } from '../../contract/app-error';
import type { HandlerCtx } from '../../core/api/handler-types';
import { unitByUuid, type PageRow } from './register';
import type { ScanIntake } from './scan-intake';

const THUMBNAIL_WIDTH = 160;

/** A page preview for the unit's page list, decoded from its master (hash-checked on reading). */
export async function pageThumbnail(ctx: HandlerCtx, intake: ScanIntake, unitUuid: string, position: number): Promise<string> {
  const unit = await unitByUuid(ctx.store.reader, unitUuid);
  const page = await ctx.store.reader.get<Pick<PageRow, 'sha256' | 'file_name' | 'page_in_file'>>(
    'SELECT sha256, file_name, page_in_file FROM archiv_unit_page WHERE unit_id = ? AND position = ?',
    [unit.id, position],
  );
  if (!page) throw new AppError('digitalisate.not_found', { id: `${unitUuid}/${position}` }, 'page not found');
  const png = await intake.thumbnail(await ctx.store.blobs.read(page.sha256), page.file_name, page.page_in_file, THUMBNAIL_WIDTH);
  return `data:image/png;base64,${Buffer.from(png).toString('base64')}`;
}
