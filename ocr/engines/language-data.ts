import { copyFile, mkdir, rename, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** The traineddata file an npm package `@tesseract.js-data/<code>` ships (LSTM, best_int or legacy). */
export function packagedTraineddata(code: string, variant: 'best_int' | 'legacy' = 'best_int'): string {
  const dir = dirname(require.resolve(`@tesseract.js-data/${code}/package.json`));
  return join(dir, variant === 'best_int' ? '4.0.0_best_int' : '4.0.0', `${code}.traineddata.gz`);
}

/**
 * tesseract.js reads every language of a worker from one folder (`langPath`), but each npm data package
 * is its own folder; so the packaged files are copied once into a shared folder (temp name, then rename,
 * so a concurrent start never sees half a file). Nothing is downloaded.
 */
export async function languageFolder(codes: readonly string[], folder = join(tmpdir(), 'eakte-tessdata')): Promise<string> {
  await mkdir(folder, { recursive: true });
  for (const code of codes) {
    const source = packagedTraineddata(code);
    const target = join(folder, `${code}.traineddata.gz`);
    const [from, to] = await Promise.all([stat(source), stat(target).catch(() => null)]);
    if (to?.size === from.size) continue;
    const temp = `${target}.${process.pid}.${Date.now()}.tmp`;
    await copyFile(source, temp);
    await rename(temp, target);
  }
  return folder;
}
