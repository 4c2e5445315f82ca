import {
  PDFHexString,
  PDFName,
  concatTransformationMatrix,
  drawObject,
  popGraphicsState,
  pushGraphicsState,
  type PDFDocument,
  type PDFPage,
} from 'pdf-lib';
import { AppError } from '../../../contract/app-error';
import { addInvisibleTextLayer, type TextLayerResult, type WordBox } from '../text/invisible-text';
import { isJpeg, jpegImage } from './jpeg-image';
import { isPng, pngImage } from './png-image';
import { ImageProblem, type RasterImage } from './raster-image';

/** One scanned page: the image as scanned, its resolution, and optionally the recognised words. */
export interface ImagePage {
  /** PNG or JPEG bytes (recognised by their signature), or pixels already made a PDF image (TIFF pages). */
  readonly image: Uint8Array | RasterImage;
  /** Scan resolution; the page gets the physical size of the paper (2480×3508 px at 300 dpi is A4). */
  readonly dpi: number | { readonly x: number; readonly y: number };
  /** Words in PDF points on this page, for the invisible text layer. */
  readonly words?: readonly WordBox[];
  /** The deskew correction (degrees) under which the words were recognised; see addInvisibleTextLayer. */
  readonly skewCorrection?: number;
}

function rasterImage(bytes: Uint8Array | RasterImage): RasterImage {
  if (!(bytes instanceof Uint8Array)) return bytes;
  if (isJpeg(bytes)) return jpegImage(bytes);
  if (isPng(bytes)) return pngImage(bytes);
  throw new ImageProblem('unreadable', 'weder PNG noch JPEG', 'image is neither PNG nor JPEG');
}

function imageStream(doc: PDFDocument, image: RasterImage) {
  const { context } = doc;
  const colorSpace =
    typeof image.colorSpace === 'string'
      ? image.colorSpace
      : context.obj([
          PDFName.of('Indexed'),
          PDFName.of('DeviceRGB'),
          image.colorSpace.indexed.length / 3 - 1,
          PDFHexString.of(Buffer.from(image.colorSpace.indexed).toString('hex')),
        ]);
  const dict = {
    Type: 'XObject',
    Subtype: 'Image',
    Width: image.width,
    Height: image.height,
    BitsPerComponent: image.bitsPerComponent,
    ColorSpace: colorSpace,
    Filter: image.filter,
    ...(image.pngPredictor && {
      DecodeParms: {
        Predictor: 15,
        Colors: image.pngPredictor.colors,
        BitsPerComponent: image.bitsPerComponent,
        Columns: image.pngPredictor.columns,
      },
    }),
  };
  return context.register(context.stream(image.data, dict));
}

const dpiOf = (dpi: ImagePage['dpi']) => (typeof dpi === 'number' ? { x: dpi, y: dpi } : dpi);

/**
 * Adds a page the physical size of the scanned paper showing the image, and the text layer if words are
 * given. `pageNumber` only labels errors (1-based, as users count pages).
 */
export async function addImagePage(
  doc: PDFDocument,
  page: ImagePage,
  pageNumber = doc.getPageCount() + 1,
): Promise<{ page: PDFPage; textLayer: TextLayerResult | null }> {
  const dpi = dpiOf(page.dpi);
  if (![dpi.x, dpi.y].every((d) => Number.isFinite(d) && d > 0)) throw new RangeError('dpi must be positive');
  let image: RasterImage;
  try {
    image = rasterImage(page.image);
  } catch (e) {
    if (!(e instanceof ImageProblem)) throw e;
    throw new AppError(
      e.kind === 'unreadable' ? 'pdfa.image_unreadable' : 'pdfa.image_unsupported',
      { page: pageNumber, reason: e.reason },
      `image for page ${pageNumber}: ${e.logDetail}`,
      { cause: e },
    );
  }
  const width = (image.width * 72) / dpi.x;
  const height = (image.height * 72) / dpi.y;
  const pdfPage = doc.addPage([width, height]);
  const key = pdfPage.node.newXObject('Scan', imageStream(doc, image));
  pdfPage.pushOperators(
    pushGraphicsState(),
    concatTransformationMatrix(width, 0, 0, height, 0, 0),
    drawObject(key),
    popGraphicsState(),
  );
  const textLayer =
    page.words && page.words.length > 0
      ? await addInvisibleTextLayer(pdfPage, page.words, page.skewCorrection)
      : null;
  return { page: pdfPage, textLayer };
}
