import { loadDefaultStampFont } from '../stamp-font';
import type { VisibleStamp } from '../sign-pdf';

/**
 * The stamp's place on the chosen page: lower right, inside the margins of A4 and US Letter, where a
 * letter's signature line usually is.
 */
export async function defaultStamp(page: number): Promise<VisibleStamp> {
  return { page, x: 335, y: 40, width: 220, height: 70, font: await loadDefaultStampFont() };
}
