import { createHash } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { rm } from 'node:fs/promises';
import { AppError } from '../../contract/app-error';
import type { AussonderungMessage, RecordObject } from './model';
import { collectPrimaryFileNames } from './object-tree';
import { assertMessageFileSchema } from './validate/schema-validator';
import { handoverFrame, objectXml } from './write/write-message';
import { defaultXmlLimits } from './xml/safe-xml';

export interface WrittenHandoverMessage {
  readonly path: string;
  readonly sha256: string;
  readonly size: number;
  /** Every Primaerdokument the message names, each once, in document order. */
  readonly primaryFiles: readonly string[];
}

/**
 * Writes a 0503 into a file one Schriftgutobjekt at a time, so an Aussonderung of a whole Amt needs the
 * memory of one Akte, not of the message. The finished file is checked against the XSD in one streaming
 * pass (libxml2 reads it piece by piece), so the check's memory does not grow with the message either and
 * its findings carry the file's own line numbers.
 */
export class HandoverMessageWriter {
  private readonly hash = createHash('sha256');
  private readonly names = new Set<string>();
  private objects = 0;
  private size = 0;

  private constructor(
    private readonly path: string,
    private readonly out: WriteStream,
    private readonly frame: { head: string; tail: string },
  ) {}

  static async open(path: string, message: Omit<AussonderungMessage, 'objects'>): Promise<HandoverMessageWriter> {
    const frame = handoverFrame(message);
    const out = createWriteStream(path, { flags: 'wx', mode: 0o600 });
    await once(out, 'open');
    const writer = new HandoverMessageWriter(path, out, frame);
    for (const name of collectPrimaryFileNames(message.coverLetters ?? [])) writer.names.add(name);
    await writer.write(frame.head);
    return writer;
  }

  async add(object: RecordObject): Promise<void> {
    const xml = objectXml(object, this.objects++);
    for (const name of collectPrimaryFileNames([object])) this.names.add(name);
    await this.write(xml);
  }

  /** Closes the file and checks it against the XSD; throws (and removes the file) on an empty or invalid message. */
  async finish(): Promise<WrittenHandoverMessage> {
    try {
      if (this.objects === 0) throw new AppError('xdomea.invalid_input', { field: 'objects', reason: 'mindestens ein Schriftgutobjekt nötig' }, 'empty 0503');
      await this.write(this.frame.tail);
      this.out.end();
      await once(this.out, 'close');
      // Our own output: the size limit for received messages does not apply to it.
      await assertMessageFileSchema(this.path, { ...defaultXmlLimits, maxBytes: Math.max(defaultXmlLimits.maxBytes, this.size) });
    } catch (err) {
      await this.abort();
      throw err;
    }
    return { path: this.path, sha256: this.hash.digest('hex'), size: this.size, primaryFiles: [...this.names] };
  }

  async abort(): Promise<void> {
    if (!this.out.closed) {
      this.out.end(); // let pending writes settle rather than destroy them mid-flight
      await once(this.out, 'close').catch(() => undefined);
    }
    await rm(this.path, { force: true });
  }

  private async write(text: string): Promise<void> {
    const bytes = Buffer.from(text, 'utf8');
    this.hash.update(bytes);
    this.size += bytes.byteLength;
    if (!this.out.write(bytes)) await once(this.out, 'drain');
  }
}
