import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';

/**
 * Writes text given piece by piece to `filePath` and hashes it on the way, so a METS or PREMIS file of
 * tens of thousands of files never exists as one string.
 */
export async function writeTextPieces(
  filePath: string,
  pieces: Iterable<string> | AsyncIterable<string>,
): Promise<{ readonly sha256: string; readonly size: number }> {
  const hash = createHash('sha256');
  const out = createWriteStream(filePath);
  const done = finished(out); // listens for errors from the start; rejects with the first one
  let size = 0;
  for await (const piece of pieces) {
    if (out.destroyed) break;
    const bytes = Buffer.from(piece, 'utf8');
    hash.update(bytes);
    size += bytes.length;
    if (!out.write(bytes)) await Promise.race([once(out, 'drain'), done]);
  }
  out.end();
  await done;
  return { sha256: hash.digest('hex'), size };
}
