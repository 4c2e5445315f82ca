import { open, stat } from 'node:fs/promises';
import { AppError } from '../../../contract/app-error';
import type { MessageHeader, MessageTypeCode, RecordObject, XdomeaVersion } from '../model';
import {
  defaultXmlLimits,
  safeElementParser,
  safeUtf8Decoder,
  type XmlElement,
  type XmlLimits,
} from '../xml/safe-xml';
import { ElementReader } from './element-reader';
import { readHeader } from './read-header';
import { identifyMessage } from './read-message';
import { readAkte, readAnlage, readDokument, readVorgang } from './read-objects';

/** One Akte, Vorgang or Dokument of a message as it streams past, without its child objects. */
export interface StreamedObject {
  /** Preorder number over all objects of the message (cover letters included), parents first. */
  readonly position: number;
  readonly depth: number;
  /** Position of its top-level object (its own when depth is 0). */
  readonly top: number;
  readonly object: RecordObject;
}

export interface StreamedMessage {
  readonly version: XdomeaVersion;
  readonly type: MessageTypeCode;
  readonly header: MessageHeader;
}

const readers: Record<string, (e: ElementReader) => RecordObject> = {
  Akte: readAkte,
  Teilakte: readAkte,
  Vorgang: readVorgang,
  Teilvorgang: readVorgang,
  Dokument: readDokument,
  Anschreiben: readDokument,
  Anlage: readAnlage,
};

// The object elements inside each kind of element (xdomea's structure as read-objects.ts reads it); an
// Akte holds its objects inside Akteninhalt, the message each one inside a Schriftgutobjekt.
const objectChildren: Record<string, readonly string[]> = {
  Schriftgutobjekt: ['Akte', 'Vorgang', 'Dokument'],
  Akteninhalt: ['Dokument', 'Vorgang', 'Teilakte'],
  Vorgang: ['Dokument', 'Teilvorgang'],
  Teilvorgang: ['Dokument', 'Teilvorgang'],
  Dokument: ['Anlage'],
  Anschreiben: ['Anlage'],
  Anlage: ['Anlage'],
};

interface Open {
  readonly element: XmlElement;
  /** Set on an object; on Akteninhalt and Schriftgutobjekt, the object their objects belong to (or none). */
  readonly position?: number;
  readonly depth: number;
  readonly top: number;
  /** An object, a Schriftgutobjekt or an Akteninhalt: a place where objects may open. */
  readonly holdsObjects: boolean;
  /** Its children are kept (the header, an object's metadata). */
  readonly keep: boolean;
}

const CHUNK = 64 * 1024;

/**
 * Reads a message file in pieces and hands each object to `onObject` as soon as its end tag is read
 * (children before their parent, with preorder positions), keeping in memory only the objects still open
 * and the header: a 0503 of 20,000 files is never held as one tree. `onObject` may be slow (file checks):
 * reading waits for it after every piece. The same safe-XML rules as `readMessage` apply; the XSD check
 * is the caller's. A message of another type than `expectedType` is refused at its root element.
 */
export async function streamMessageObjects(
  file: string,
  onObject: (object: StreamedObject) => Promise<void>,
  { limits = defaultXmlLimits, expectedType }: { limits?: XmlLimits; expectedType?: MessageTypeCode } = {},
): Promise<StreamedMessage> {
  const { size } = await stat(file);
  if (size > limits.maxBytes)
    throw new AppError('xdomea.too_large', { limit: limits.maxBytes }, `xml of ${size} bytes exceeds limit`);
  let identity: { version: XdomeaVersion; type: MessageTypeCode } | undefined;
  let ns = '';
  let header: MessageHeader | undefined;
  let next = 0;
  const stack: Open[] = [];
  const done: StreamedObject[] = [];
  const parser = safeElementParser(limits, {
    attach(element, parent) {
      if (!parent) {
        identity = identifyMessage(element);
        if (expectedType !== undefined && identity.type !== expectedType)
          throw new AppError(
            'xdomea.unexpected_message',
            { expected: expectedType, actual: identity.type },
            `message is a ${identity.type}`,
          );
        ns = element.ns;
        stack.push({ element, depth: -1, top: 0, holdsObjects: false, keep: false });
        return false;
      }
      const up = stack[stack.length - 1]!;
      const ours = element.ns === ns;
      const atRoot = stack.length === 1;
      const isObject =
        ours &&
        ((atRoot && element.name === 'Anschreiben') ||
          (up.holdsObjects && (objectChildren[up.element.name] ?? []).includes(element.name)));
      if (isObject) {
        const position = next++;
        // Objects of a Schriftgutobjekt or Anschreiben are top-level; the others sit one below their holder.
        const depth = up.position === undefined ? 0 : up.depth + 1;
        stack.push({ element, position, depth, top: depth === 0 ? position : up.top, holdsObjects: true, keep: true });
        return false;
      }
      const slot = ours && ((atRoot && element.name === 'Schriftgutobjekt') || (up.holdsObjects && element.name === 'Akteninhalt'));
      stack.push({
        element,
        ...(slot && up.position !== undefined ? { position: up.position } : {}),
        depth: up.depth,
        top: up.top,
        holdsObjects: slot,
        keep: !slot && (up.keep || (atRoot && element.name === 'Kopf')),
      });
      return up.keep || (atRoot && element.name === 'Kopf');
    },
    closed(element) {
      const entry = stack.pop()!;
      if (entry.holdsObjects && entry.keep) {
        const object = readers[element.name]!(new ElementReader(element, ns));
        done.push({ position: entry.position!, depth: entry.depth, top: entry.top, object });
      } else if (stack.length === 1 && element.ns === ns && element.name === 'Kopf') {
        header = readHeader(new ElementReader(element, ns));
      }
    },
  });
  const decode = safeUtf8Decoder();
  const handle = await open(file);
  try {
    const buffer = Buffer.alloc(CHUNK);
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, CHUNK, null);
      parser.write(decode(buffer.subarray(0, bytesRead), bytesRead === 0));
      for (const object of done.splice(0)) await onObject(object);
      if (bytesRead === 0) break;
    }
  } finally {
    await handle.close();
  }
  const root = parser.close();
  if (!identity || !header) throw new ElementReader(root, ns).invalid(`${root.name}/Kopf`, 'missing');
  return { ...identity, header };
}
