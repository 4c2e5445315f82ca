import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { IdGenerator } from '../../../core/platform/ids';
import {
  formatCodeFor,
  messageFileName,
  writeValidatedMessage,
  type Akte,
  type Dokument,
} from '../../xdomea/index';
import { header } from '../../xdomea/testing/sample-messages';

/**
 * An unpacked 0503 of `akten` × `perAkte` Dokumente with one small text file each, for tests of reports
 * larger than a page; `empty` names the (Akte, Dokument) whose file is empty (`file_empty`).
 */
export async function manyObjects0503(
  folder: string,
  ids: Pick<IdGenerator, 'uuid'>,
  { akten: count, perAkte, empty }: { akten: number; perAkte: number; empty?: readonly [number, number] },
) {
  const prozessId = ids.uuid();
  await mkdir(folder, { recursive: true });
  const akten: Akte[] = [];
  let bad: { akte: string; dokument: string } | undefined;
  for (let a = 0; a < count; a++) {
    const akte = ids.uuid();
    const documents: Dokument[] = [];
    for (let d = 0; d < perAkte; d++) {
      const fileName = `${ids.uuid()}.txt`;
      const isBad = empty?.[0] === a && empty[1] === d;
      await writeFile(path.join(folder, fileName), isBad ? '' : `Akte ${a + 1}, Blatt ${d + 1}\n`);
      const dokument = ids.uuid();
      if (isBad) bad = { akte, dokument };
      documents.push({
        kind: 'dokument',
        xdomeaUuid: dokument,
        title: `Blatt ${d + 1}`,
        versions: [{ number: '1', formats: [{ ...formatCodeFor({ mimeType: 'text/plain' }), file: { fileName } }] }],
      });
    }
    akten.push({ kind: 'akte', xdomeaUuid: akte, title: `Bauakte ${a + 1}`, documents });
  }
  await write0503Message(folder, prozessId, akten);
  return { folder, prozessId, akten, bad };
}

/** The XSD-checked 0503 of these Akten into the package folder, under its xdomea file name. */
export async function write0503Message(folder: string, prozessId: string, akten: readonly Akte[]): Promise<void> {
  const xml = await writeValidatedMessage({
    type: '0503',
    header: { ...header('2026-11-20T08:00:00Z'), prozessId },
    archiveIdRequested: false,
    receiptRequested: true,
    objects: [...akten],
  });
  await writeFile(path.join(folder, messageFileName(prozessId, '0503')), xml);
}
