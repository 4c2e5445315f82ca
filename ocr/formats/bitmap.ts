import { createCanvas, loadImage } from '@napi-rs/canvas';
import { AppError } from '../../contract/app-error';
import { fromRgba, type PageImage } from '../raster';
import type { IntakeDocument } from './document';
import { imageComplete, readJpegHeader, readPngHeader } from './image-header';
import { assertPixels, type IntakeLimits } from './limits';

/** Camera pictures and e-mailed images often carry no resolution; 300 dpi is the scanner default. */
const DEFAULT_DPI = 300;

/** A single-page PNG or JPEG; its size is checked from the header before Skia decodes it. */
export function openBitmap(bytes: Uint8Array, format: 'png' | 'jpeg', limits: IntakeLimits): IntakeDocument {
  const label = format === 'png' ? 'PNG' : 'JPEG';
  const header = format === 'png' ? readPngHeader(bytes) : readJpegHeader(bytes);
  if (!header) throw new AppError('intake.image_broken', { format: label }, `${label} header unreadable`);
  assertPixels(header.width, header.height, 1, limits);
  if (!imageComplete(bytes, format)) throw new AppError('intake.image_broken', { format: label }, `${label} is truncated`);
  const dpi = header.dpi && header.dpi.x >= 50 && header.dpi.y >= 50 ? header.dpi : { x: DEFAULT_DPI, y: DEFAULT_DPI };
  const onlyPage = (index: number) => {
    if (index !== 0) throw new RangeError(`page ${index} of 1`);
  };
  return {
    format,
    pageCount: 1,
    async pageSize(index) {
      onlyPage(index);
      return { width: (header.width * 72) / dpi.x, height: (header.height * 72) / dpi.y };
    },
    readText: async () => null,
    async rasterize(index): Promise<PageImage> {
      onlyPage(index);
      let image;
      try {
        image = await loadImage(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      } catch (e) {
        throw new AppError('intake.image_broken', { format: label }, `${label} undecodable`, { cause: e });
      }
      if (image.width !== header.width || image.height !== header.height) {
        throw new AppError('intake.image_broken', { format: label }, `${label} size differs from its header`);
      }
      const canvas = createCanvas(image.width, image.height);
      const ctx = canvas.getContext('2d');
      ctx.drawImage(image, 0, 0);
      const rgba = ctx.getImageData(0, 0, image.width, image.height).data;
      return { raster: fromRgba(rgba, image.width, image.height), dpi };
    },
    close: async () => undefined,
  };
}
