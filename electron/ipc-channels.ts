/** The only channels between renderer and main; the preload forwards exactly these. */
export const IPC_INVOKE = 'eakte:invoke';
export const IPC_READ_FILE = 'eakte:read-file';
export const IPC_EVENT = 'eakte:event';
/** A dropped or chosen file's path, handed to main before the renderer may name it in intake.start. */
export const IPC_FILE_PATH = 'eakte:file-path';
/** Opens the folder dialog; the chosen folder may then be named as a source (read) or an out folder (write). */
export const IPC_CHOOSE_FOLDER = 'eakte:choose-folder';

/** Origin of the bundled renderer; every IPC sender must be a frame of this origin. */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://eakte`;

/** Compares scheme and host: for custom schemes URL.origin is "null" outside Chromium, so it cannot be used. */
export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === 'eakte';
  } catch {
    return false;
  }
}
