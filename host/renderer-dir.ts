import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AppError } from '../contract/app-error';

/** The built renderer (vite build → dist/renderer), served in browser mode and loaded by Electron. */
export function rendererDir(): string {
  const dir = fileURLToPath(new URL('../dist/renderer/', import.meta.url));
  if (!existsSync(`${dir}index.html`)) {
    throw new AppError('cli.usage', { detail: 'Die Oberfläche ist nicht gebaut. Bitte „npm run build“ ausführen.' }, 'renderer not built');
  }
  return dir;
}
