import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../contract/app-error';
import { defaultXmlLimits } from '../xdomea/index';
import { openSafeZip } from '../zip/index';

/** A received message: the XML bytes, taken from a plain .xml file or from the xdomea ZIP container. */
export interface ReceivedMessage {
  readonly fileName: string;
  readonly xml: Buffer;
  readonly fromZip: boolean;
}

export type MessageSourceInput =
  | { readonly kind: 'path'; readonly path: string }
  | { readonly kind: 'bytes'; readonly fileName: string; readonly base64: string };

const isZip = (head: Uint8Array) => head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;

async function fileHead(filePath: string): Promise<Buffer> {
  const fh = await open(filePath, 'r').catch((cause) => {
    throw new AppError('aussonderung.file_unreadable', { path: filePath }, 'message file unreadable', { cause });
  });
  try {
    const head = Buffer.alloc(4);
    await fh.read(head, 0, 4, 0);
    return head;
  } finally {
    await fh.close();
  }
}

/** The one top-level XML of a container; the container passes the ZIP checks (names, links, bombs) first. */
async function messageFromZip(zipPath: string, fileName: string): Promise<ReceivedMessage> {
  const zip = await openSafeZip(zipPath);
  try {
    const xmlEntries = zip.entries.filter((e) => !e.isDirectory && !e.name.includes('/') && /\.xml$/i.test(e.name));
    if (xmlEntries.length !== 1) {
      throw new AppError('xdomea.package_message_missing', { package: fileName }, `container has ${xmlEntries.length} messages`);
    }
    return { fileName, xml: await zip.readBuffer(xmlEntries[0]!.name, defaultXmlLimits.maxBytes), fromZip: true };
  } finally {
    zip.close();
  }
}

async function messageFromPath(filePath: string): Promise<ReceivedMessage> {
  const fileName = path.basename(filePath);
  if (isZip(await fileHead(filePath))) return messageFromZip(filePath, fileName);
  const { size } = await stat(filePath);
  if (size > defaultXmlLimits.maxBytes) {
    throw new AppError('xdomea.too_large', { limit: defaultXmlLimits.maxBytes }, `message file of ${size} bytes`);
  }
  return { fileName, xml: await readFile(filePath), fromZip: false };
}

/** Reads a message from a path or uploaded bytes; a ZIP upload goes through a temporary file in `tmpDir`. */
export async function readReceivedMessage(source: MessageSourceInput, tmpDir: string): Promise<ReceivedMessage> {
  if (source.kind === 'path') return messageFromPath(source.path);
  const bytes = Buffer.from(source.base64, 'base64');
  const fileName = path.basename(source.fileName);
  if (!isZip(bytes)) return { fileName, xml: bytes, fromZip: false };
  await mkdir(tmpDir, { recursive: true });
  const temp = path.join(tmpDir, `${randomBytes(6).toString('hex')}.zip`);
  await writeFile(temp, bytes);
  try {
    return await messageFromZip(temp, fileName);
  } finally {
    await rm(temp, { force: true });
  }
}
