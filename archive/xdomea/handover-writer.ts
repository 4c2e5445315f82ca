import { createHash } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { rm } from 'node:fs/promises';
import { AppError } from '../../contract/app-error';
import type { AussonderungMessage, RecordObject } from './model';
import { collectPrimaryFileNames } from './object-tree';
import { assertMessageSchema } from './validate/schema-validator';
import { handoverFrame, objectXml } from './write/write-message';
import { defaultXmlLimits } from './xml/safe-xml';

export interface WrittenHandoverMessage {
  readonly path: string;
  readonly sha256: string;
  readonly size: number;
  /** Every Primaerdokument the message names, each once, in document order. */
  readonly primaryFiles: readonly string[];
}

/** Object XML collected before a slice is proven: libxml2 needs several times this while validating, so it bounds the memory of an export. */
const SLICE_BYTES = 4 * 1024 * 1024;

/**
 * Writes a 0503 into a file one Schriftgutobjekt at a time, so an Aussonderung of a whole Amt needs the
 * memory of one Akte, not of the message. The XSD check runs on slices: the frame (Kopf, Anschreiben)
 * with a run of objects is a complete 0503 by itself. That proves the whole message because the 0503's
 * content model is `Kopf, Anschreiben*, Schriftgutobjekt+` and the xdomea schemas declare no identity
 * constraints (xs:key/xs:unique) that could relate objects of different slices. Schema line numbers in
 * findings are relative to the slice.
 */
export class HandoverMessageWriter {
  private readonly hash = createHash('sha256');
  private readonly names = new Set<string>();
  private slice: string[] = [];
  private sliceBytes = 0;
  private objects = 0;
  private size = 0;

  private constructor(
    private readonly path: string,
    private readonly out: WriteStream,
    private readonly frame: { head: string; tail: string },
    private readonly sliceLimit: number,
  ) {}

  static async open(
    path: string,
    message: Omit<AussonderungMessage, 'objects'>,
    options: { sliceBytes?: number } = {},
  ): Promise<HandoverMessageWriter> {
    const frame = handoverFrame(message);
    const out = createWriteStream(path, { flags: 'wx', mode: 0o600 });
    await once(out, 'open');
    const writer = new HandoverMessageWriter(path, out, frame, options.sliceBytes ?? SLICE_BYTES);
    for (const name of collectPrimaryFileNames(message.coverLetters ?? [])) writer.names.add(name);
    await writer.write(frame.head);
    return writer;
  }

  async add(object: RecordObject): Promise<void> {
    const xml = objectXml(object, this.objects++);
    for (const name of collectPrimaryFileNames([object])) this.names.add(name);
    this.slice.push(xml);
    this.sliceBytes += Buffer.byteLength(xml);
    await this.write(xml);
    if (this.sliceBytes >= this.sliceLimit) await this.proveSlice();
  }

  /** Proves the last slice and closes the file; throws (and removes the file) on an empty or invalid message. */
  async finish(): Promise<WrittenHandoverMessage> {
    try {
      if (this.objects === 0) throw new AppError('xdomea.invalid_input', { field: 'objects', reason: 'mindestens ein Schriftgutobjekt nötig' }, 'empty 0503');
      if (this.slice.length > 0) await this.proveSlice();
      await this.write(this.frame.tail);
      this.out.end();
      await once(this.out, 'close');
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

  private async proveSlice(): Promise<void> {
    const text = this.frame.head + this.slice.join('') + this.frame.tail;
    this.slice = [];
    this.sliceBytes = 0;
    // A single Akte larger than the default limit is still our own output, so the limit follows it.
    await assertMessageSchema(text, { ...defaultXmlLimits, maxBytes: Math.max(defaultXmlLimits.maxBytes, text.length * 4) });
  }

  private async write(text: string): Promise<void> {
    const bytes = Buffer.from(text, 'utf8');
    this.hash.update(bytes);
    this.size += bytes.byteLength;
    if (!this.out.write(bytes)) await once(this.out, 'drain');
  }
}
