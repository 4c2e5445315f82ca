import { ImageProblem, MAX_IMAGE_PIXELS, type RasterImage } from './raster-image';

const SOF_MARKERS = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

export const isJpeg = (bytes: Uint8Array): boolean =>
  bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;

/**
 * JPEG goes into the PDF unchanged (DCTDecode), so scans keep their original data. Only the frame header is
 * read, for size and components. CMYK JPEGs are refused: the document's output intent is sRGB, and PDF/A
 * forbids DeviceCMYK without a CMYK output intent.
 */
export function jpegImage(bytes: Uint8Array): RasterImage {
  let offset = 2;
  while (offset + 4 <= bytes.length) {
    if (bytes[offset] !== 0xff)
      throw new ImageProblem('unreadable', 'JPEG-Struktur fehlerhaft', 'JPEG marker expected');
    const marker = bytes[offset + 1]!;
    if (marker === 0xff) {
      offset++;
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) break; // end of image or start of scan before a frame header
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      offset += 2;
      continue;
    }
    const length = (bytes[offset + 2]! << 8) | bytes[offset + 3]!;
    if (length < 2)
      throw new ImageProblem('unreadable', 'JPEG-Struktur fehlerhaft', 'JPEG segment length below 2');
    if (SOF_MARKERS.has(marker)) {
      if (offset + 10 > bytes.length) break;
      const precision = bytes[offset + 4]!;
      const height = (bytes[offset + 5]! << 8) | bytes[offset + 6]!;
      const width = (bytes[offset + 7]! << 8) | bytes[offset + 8]!;
      const components = bytes[offset + 9]!;
      if (precision !== 8) {
        throw new ImageProblem(
          'unsupported',
          `JPEG mit ${precision} Bit je Kanal`,
          `JPEG precision ${precision}`,
        );
      }
      if (width === 0 || height === 0)
        throw new ImageProblem('unsupported', 'JPEG ohne Bildgröße', 'JPEG with zero size');
      if (width * height > MAX_IMAGE_PIXELS) {
        throw new ImageProblem('unsupported', 'Bild zu groß', `JPEG of ${width}x${height} pixels`);
      }
      if (components !== 1 && components !== 3) {
        throw new ImageProblem(
          'unsupported',
          components === 4 ? 'CMYK-JPEG wird nicht unterstützt' : `JPEG mit ${components} Kanälen`,
          `JPEG with ${components} components`,
        );
      }
      return {
        width,
        height,
        bitsPerComponent: 8,
        colorSpace: components === 1 ? 'DeviceGray' : 'DeviceRGB',
        filter: 'DCTDecode',
        data: bytes,
        passthrough: true,
      };
    }
    offset += 2 + length;
  }
  throw new ImageProblem('unreadable', 'JPEG ohne Bildkopf', 'no JPEG frame header found');
}
