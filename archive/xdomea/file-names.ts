import { messageTypeByRootElement, messageTypes } from './message-types';
import type { MessageTypeCode, Uuid } from './model';

/**
 * File names of xdomea 3 containers, messages and primary files (specification 3.0.0, p. 11, as the
 * LAV NRW examples explain): `<ProzessID>_<Nachrichtentyp>.zip|.xml` and `<UUID>[_<Betreff>].<ext>`.
 */

/** e.g. `9fde4e7a-…_Aussonderung.Aussonderung.0503.zip` */
export const containerFileName = (prozessId: Uuid, type: MessageTypeCode): string =>
  `${prozessId}_${messageTypes[type].rootElement}.zip`;

/** e.g. `9fde4e7a-…_Aussonderung.Aussonderung.0503.xml` */
export const messageFileName = (prozessId: Uuid, type: MessageTypeCode): string =>
  `${prozessId}_${messageTypes[type].rootElement}.xml`;

const MESSAGE_FILE =
  /^([0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12})_(.+)\.(xml|zip)$/;

/** ProzessID and type from a container or message file name, or undefined when it does not follow the pattern. */
export function parseMessageFileName(
  fileName: string,
):
  | { readonly prozessId: Uuid; readonly type: MessageTypeCode; readonly extension: 'xml' | 'zip' }
  | undefined {
  const match = MESSAGE_FILE.exec(fileName);
  if (!match) return undefined;
  const type = messageTypeByRootElement.get(match[2]!);
  if (type === undefined) return undefined;
  return { prozessId: match[1]!, type, extension: match[3] as 'xml' | 'zip' };
}

const MAX_TITLE_LENGTH = 60;

/**
 * Name of a primary file: a UUID of its own (not the Dokument's, since a Dokument can have several
 * versions), optionally a readable title, and the extension. The title is reduced to characters that are
 * safe in ZIP entries and on Windows.
 */
export function primaryFileName(fileUuid: Uuid, extension: string, title?: string): string {
  const ext = extension.replace(/^\./, '').toLowerCase();
  const readable = title
    ?.normalize('NFC')
    // eslint-disable-next-line no-control-regex -- finding control characters is the purpose
    .replace(/[\u0000-\u001F\u007F/\\:*?"<>|]+/g, ' ')
    .trim()
    .replace(/\s+/g, '_')
    .slice(0, MAX_TITLE_LENGTH)
    .replace(/[._]+$/, '');
  return readable ? `${fileUuid}_${readable}.${ext}` : `${fileUuid}.${ext}`;
}
