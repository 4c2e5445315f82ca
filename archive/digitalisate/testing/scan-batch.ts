import { execFileSync } from 'node:child_process';
import path from 'node:path';

/**
 * A small scan batch of an archive scanner, written by ImageMagick (not by us): a grey PNG page with a
 * word to OCR, a colour TIFF (LZW, lossless) and a bitonal PNG, each at 300 dpi and a few hundred pixels.
 */
export const SCAN_WORD = 'Ratsprotokoll';

export function writeScanBatch(dir: string): string[] {
  const common = ['-units', 'PixelsPerInch', '-density', '300'];
  const pages: [string, string[]][] = [
    ['scan-0001.png', ['-size', '640x160', 'xc:white', '-fill', 'black', '-pointsize', '64', '-annotate', '+20+105', SCAN_WORD, '-colorspace', 'Gray', '-depth', '8']],
    ['scan-0002.tif', ['-size', '320x200', 'xc:#e8d8b0', '-fill', '#a03020', '-draw', 'rectangle 40,40 200,140', '-depth', '8', '-compress', 'LZW']],
    ['scan-0003.png', ['-size', '320x200', 'xc:white', '-fill', 'black', '-draw', 'rectangle 60,60 260,140', '-monochrome']],
  ];
  return pages.map(([name, args]) => {
    const file = path.join(dir, name);
    execFileSync('convert', [...args, ...common, file]);
    return file;
  });
}
