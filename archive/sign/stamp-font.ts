import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** DejaVu Sans (covers German text), the font the app uses for visible signature stamps. */
export async function loadDefaultStampFont(): Promise<Uint8Array> {
  return new Uint8Array(await readFile(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')));
}
