import path from 'node:path';
import { AppError } from '../../contract/app-error';
import {
  openSafeZip,
  writeZip,
  type ExtractedFile,
  type SafeZip,
  type WrittenZip,
  type ZipLimits,
  type ZipSource,
} from '../zip/index';
import { containerFileName, messageFileName } from './file-names';
import { messageTypes } from './message-types';
import type { AussonderungMessage, XdomeaVersion } from './model';
import { collectPrimaryFileNames } from './object-tree';
import { readMessage, type ReadWarning } from './read/read-message';
import { assertMessageSchema } from './validate/schema-validator';
import { writeValidatedMessage } from './validated';
import { defaultXmlLimits, type XmlLimits } from './xml/safe-xml';

/**
 * The 0503 container: one ZIP named `<ProzessID>_Aussonderung.Aussonderung.0503.zip` holding the message
 * (same name, `.xml`) and every primary file it names, flat, as in the specification's examples.
 */

export interface AussonderungPackageInput {
  readonly message: AussonderungMessage;
  /** Content of each Primaerdokument, keyed by the file name used in the message. */
  readonly files: ReadonlyMap<string, ZipSource>;
}

export interface WrittenPackage {
  readonly zip: WrittenZip;
  readonly messageEntry: string;
}

// Deflating these gains little and costs time on a large package.
const STORED_EXTENSIONS = new Set([
  'pdf',
  'jpg',
  'jpeg',
  'png',
  'tif',
  'tiff',
  'docx',
  'xlsx',
  'pptx',
  'odt',
  'ods',
  'odp',
  'zip',
]);
const isCompressedAlready = (name: string): boolean =>
  STORED_EXTENSIONS.has(name.slice(name.lastIndexOf('.') + 1).toLowerCase());

const referencedFiles = (message: AussonderungMessage): string[] =>
  collectPrimaryFileNames([...(message.coverLetters ?? []), ...message.objects]);

/**
 * Writes the 0503 ZIP into `directory`. The message is checked against the 3.1.0 XSD first, and the files
 * must match the Primaerdokumente exactly. Entry times are the message's Erstellungszeitpunkt, so the
 * same input gives the same container.
 */
export async function writeAussonderungPackage(
  directory: string,
  input: AussonderungPackageInput,
): Promise<WrittenPackage> {
  const { message, files } = input;
  const xml = await writeValidatedMessage(message);
  const referenced = referencedFiles(message);
  for (const name of referenced) {
    if (!files.has(name)) {
      throw new AppError(
        'xdomea.package_file_missing',
        { file: name },
        'primary file named in 0503 not supplied',
      );
    }
  }
  const referencedSet = new Set(referenced);
  const unused = [...files.keys()].find((name) => !referencedSet.has(name));
  if (unused !== undefined) {
    throw new AppError(
      'xdomea.invalid_input',
      { field: `files[${unused}]`, reason: 'Datei wird in der Nachricht nicht genannt' },
      'file supplied for 0503 package is not named in the message',
    );
  }
  const prozessId = message.header.prozessId;
  const messageEntry = messageFileName(prozessId, '0503');
  const zip = await writeZip(
    path.join(directory, containerFileName(prozessId, '0503')),
    [
      { name: messageEntry, source: { kind: 'bytes', data: Buffer.from(xml, 'utf8') } },
      ...referenced.map((name) => ({ name, source: files.get(name)!, compress: !isCompressedAlready(name) })),
    ],
    { modifiedAt: new Date(message.header.createdAt) },
  );
  return { zip, messageEntry };
}

export interface ReadPackageOptions {
  readonly zipLimits?: Partial<ZipLimits>;
  readonly xmlLimits?: XmlLimits;
}

export interface ReadPackage {
  readonly version: XdomeaVersion;
  readonly message: AussonderungMessage;
  readonly warnings: readonly ReadWarning[];
  /** The primary files, extracted below the target folder, with size and SHA-256. */
  readonly files: readonly ExtractedFile[];
  /** Entries the message does not name; they are not extracted. */
  readonly unreferenced: readonly string[];
}

const MESSAGE_SUFFIX = `_${messageTypes['0503'].rootElement}.xml`;

// The message is the one top-level XML named like a 0503; senders that name it otherwise (e.g. `xx_…`)
// are still understood when it is the only top-level XML.
function findMessageEntry(zip: SafeZip, zipPath: string): string {
  const topLevelXml = zip.entries.filter(
    (e) => !e.isDirectory && !e.name.includes('/') && /\.xml$/i.test(e.name),
  );
  const named = topLevelXml.filter((e) => e.name.endsWith(MESSAGE_SUFFIX));
  const candidates = named.length > 0 ? named : topLevelXml;
  if (candidates.length !== 1) {
    throw new AppError(
      'xdomea.package_message_missing',
      { package: path.basename(zipPath) },
      `0503 package has ${candidates.length} message candidates`,
    );
  }
  return candidates[0]!.name;
}

/**
 * Opens a received 0503 container with the ZIP checks, validates and reads the message, and extracts
 * exactly the primary files it names into `extractDir` (which must be empty or absent).
 */
export async function readAussonderungPackage(
  zipPath: string,
  extractDir: string,
  options: ReadPackageOptions = {},
): Promise<ReadPackage> {
  const xmlLimits = options.xmlLimits ?? defaultXmlLimits;
  const zip = await openSafeZip(zipPath, options.zipLimits);
  try {
    const messageEntry = findMessageEntry(zip, zipPath);
    const xml = await zip.readBuffer(messageEntry, xmlLimits.maxBytes);
    await assertMessageSchema(xml, xmlLimits);
    const { version, message, warnings } = readMessage(xml, xmlLimits);
    if (message.type !== '0503') {
      throw new AppError(
        'xdomea.unexpected_message',
        { expected: '0503', actual: message.type },
        `package holds a ${message.type} message`,
      );
    }
    const referenced = referencedFiles(message);
    const absent = referenced.find((name) => !zip.has(name));
    if (absent !== undefined) {
      throw new AppError(
        'xdomea.package_file_missing',
        { file: absent },
        'primary file named in 0503 missing from package',
      );
    }
    const files = await zip.extractTo(extractDir, referenced);
    const named = new Set([messageEntry, ...referenced]);
    const unreferenced = zip.entries.filter((e) => !e.isDirectory && !named.has(e.name)).map((e) => e.name);
    return { version, message, warnings, files, unreferenced };
  } finally {
    zip.close();
  }
}
