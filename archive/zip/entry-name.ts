import { AppError } from '../../contract/app-error';

/**
 * Entry names we accept, in both directions: relative, `/`-separated, no `..`, nothing that Windows would
 * read as a drive, device or stream, and nothing it would silently change (trailing dot or space). Reader
 * and writer share the rule, so we never write a package we would refuse to read.
 */

const MAX_NAME_LENGTH = 1024;
const MAX_SEGMENT_LENGTH = 255;
// eslint-disable-next-line no-control-regex -- finding control characters is the purpose
const CONTROL = /[\u0000-\u001F\u007F]/;
const WINDOWS_FORBIDDEN = /[<>:"|?*]/;
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;

/** German reason why a name is refused, or undefined when it is fine. A trailing `/` marks a directory. */
export function entryNameProblem(name: string): string | undefined {
  if (name === '' || name === '/') return 'leerer Name';
  if (name.length > MAX_NAME_LENGTH) return 'Name zu lang';
  if (CONTROL.test(name)) return 'Steuerzeichen im Namen';
  if (name.includes('\\')) return 'umgekehrter Schrägstrich im Namen';
  if (name.startsWith('/') || /^[a-zA-Z]:/.test(name)) return 'absoluter Pfad';
  const segments = (name.endsWith('/') ? name.slice(0, -1) : name).split('/');
  for (const segment of segments) {
    if (segment === '..') return 'Verweis auf übergeordneten Ordner („..“)';
    if (segment === '' || segment === '.') return 'leerer Pfadteil';
    if (segment.length > MAX_SEGMENT_LENGTH) return 'Pfadteil zu lang';
    if (WINDOWS_FORBIDDEN.test(segment)) return 'unter Windows unzulässiges Zeichen';
    if (WINDOWS_DEVICE.test(segment)) return 'reservierter Gerätename';
    if (/[. ]$/.test(segment)) return 'Pfadteil endet mit Punkt oder Leerzeichen';
  }
  return undefined;
}

export function assertSafeEntryName(name: string): void {
  const reason = entryNameProblem(name);
  if (reason !== undefined) {
    throw new AppError('zip.unsafe_entry_name', { name, reason }, 'zip entry name refused as unsafe');
  }
}

/** Key under which two names collide on a case-insensitive, normalising file system (Windows, macOS). */
export const entryNameKey = (name: string): string => name.normalize('NFC').toLowerCase();

/** Finds the first name that collides with an earlier one. */
export function firstDuplicate(names: Iterable<string>): string | undefined {
  const seen = new Set<string>();
  for (const name of names) {
    const key = entryNameKey(name);
    if (seen.has(key)) return name;
    seen.add(key);
  }
  return undefined;
}
