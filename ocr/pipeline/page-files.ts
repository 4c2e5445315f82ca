import type { FileRef, StageContext } from '../../core/jobs';
import type { PageImage } from '../raster';
import type { IntakeTools } from './tools';

/** Page images live in the work folder as PNG between stages; these two are the only way in and out. */
export async function savePageImage(
  ctx: Pick<StageContext, 'writeFile'>,
  tools: IntakeTools,
  name: string,
  page: number,
  image: PageImage,
): Promise<FileRef> {
  return ctx.writeFile(name, await tools.encodePng(image), page);
}

export async function loadPageImage(
  ctx: Pick<StageContext, 'readFile'>,
  tools: IntakeTools,
  ref: FileRef,
  dpi: { x: number; y: number },
): Promise<PageImage> {
  const raster = await tools.decodePng(await ctx.readFile(ref));
  return { raster, dpi };
}
