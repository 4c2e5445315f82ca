import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { mapPool } from '../../core/jobs/pool';
import { metsPieces, type PayloadFile } from './mets';
import { formatNameOf } from './format-id';
import type { SubmissionContent, SubmissionPackager, WrittenSubmission } from './packager';
import { premisPieces } from './premis';
import { writeTextPieces } from './text-file';

/**
 * BagIt 1.0 (RFC 8493) for DiPS.kommunal: `data/primary/` the primary files, `data/message/` the original
 * 0503, `data/metadata/mets.xml` and `premis.xml`; SHA-256 payload and tag manifests.
 */
// Copies in flight: each is one call into the thread pool (the kernel copies), a few more than its threads.
const COPIES_IN_FLIGHT = 8;

export const sha256 = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex');

/** The primary files as payload, numbered in the order the content lists them. */
async function payloadOf(content: SubmissionContent): Promise<PayloadFile[]> {
  const files: PayloadFile[] = [];
  for await (const f of content.files())
    files.push({
      id: `FILE-${files.length + 1}`,
      use: 'primary',
      bagPath: `primary/${f.fileName}`,
      sha256: f.sha256,
      size: f.size,
      ...(f.puid !== undefined ? { puid: f.puid, formatName: formatNameOf(f.puid) } : {}),
    });
  return files;
}

/** Like Promise.all, but rejects only once every writer has stopped, so no write lands after a clean-up. */
async function allSettled<T extends readonly unknown[]>(writers: T): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  const settled = await Promise.allSettled(writers);
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((r) => (r as PromiseFulfilledResult<unknown>).value) as { -readonly [K in keyof T]: Awaited<T[K]> };
}

export const bagitPackager: SubmissionPackager = {
  target: 'dips-kommunal-bagit',
  async write(content, events, outDir): Promise<WrittenSubmission> {
    if (content.status === 'error') throw new Error('only an accepted Aussonderung is packaged');
    const bag = path.join(outDir, content.prozessId);
    const data = path.join(bag, 'data');
    await mkdir(path.join(data, 'primary'), { recursive: true });
    await mkdir(path.join(data, 'message'), { recursive: true });
    await mkdir(path.join(data, 'metadata'), { recursive: true });

    const primary = await payloadOf(content);
    const messageBytes = await content.message();
    const message: PayloadFile = {
      id: 'FILE-MESSAGE',
      use: 'message',
      bagPath: `message/${content.messageEntry}`,
      sha256: sha256(messageBytes),
      size: messageBytes.length,
      puid: 'fmt/101',
      formatName: 'XML 1.0',
    };
    const payload = [...primary, message];
    // The copies run in the thread pool and the kernel while METS and PREMIS are generated on this thread.
    const [, , mets, premis] = await allSettled([
      mapPool(primary, COPIES_IN_FLIGHT, (f) =>
        content.copyTo({ fileName: f.bagPath.slice('primary/'.length), sha256: f.sha256 }, path.join(data, f.bagPath)),
      ),
      writeFile(path.join(data, message.bagPath), messageBytes),
      writeTextPieces(path.join(data, 'metadata/mets.xml'), metsPieces(content, payload, events.receivedAt)),
      writeTextPieces(path.join(data, 'metadata/premis.xml'), premisPieces(payload, events)),
    ] as const);

    const manifest = new Map<string, string>(payload.map((f) => [`data/${f.bagPath}`, f.sha256]));
    manifest.set('data/metadata/mets.xml', mets.sha256);
    manifest.set('data/metadata/premis.xml', premis.sha256);
    const octets = payload.reduce((sum, f) => sum + f.size, 0) + mets.size + premis.size;
    await writeBagTags(bag, manifest, octets, {
      identifier: content.prozessId,
      baggingDate: events.receivedAt.slice(0, 10),
      agent: 'eAkte Desk archive/ingest',
      description: `xdomea ${content.xdomeaVersion} Aussonderung 0503`,
    });
    return { target: this.target, path: bag, files: manifest };
  },
};

/**
 * The tag files of a bag whose payload is written: `bagit.txt`, `bag-info.txt` (with Payload-Oxum over
 * `octets` and the manifest's file count), `manifest-sha256.txt` and `tagmanifest-sha256.txt`.
 */
export async function writeBagTags(
  bag: string,
  manifest: ReadonlyMap<string, string>,
  octets: number,
  info: { identifier: string; baggingDate: string; agent: string; description: string },
): Promise<void> {
  const lines = (m: ReadonlyMap<string, string>) => [...m].map(([p, h]) => `${h}  ${p}\n`).join('');
  const tags = new Map<string, string>([
    ['bagit.txt', 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n'],
    [
      'bag-info.txt',
      `External-Identifier: ${info.identifier}\nBagging-Date: ${info.baggingDate}\n` +
        `Payload-Oxum: ${octets}.${manifest.size}\nBag-Software-Agent: ${info.agent}\n` +
        `External-Description: ${info.description}\n`,
    ],
    ['manifest-sha256.txt', lines(manifest)],
  ]);
  for (const [name, text] of tags) await writeFile(path.join(bag, name), text);
  await writeFile(
    path.join(bag, 'tagmanifest-sha256.txt'),
    lines(new Map([...tags].map(([n, t]) => [n, sha256(t)]))),
  );
}
