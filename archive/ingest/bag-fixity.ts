import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';

/** A difference between a bag's manifests and its files, found by re-hashing (the later fixity run). */
export interface FixityChange {
  readonly file: string;
  readonly change: 'changed' | 'missing' | 'unlisted';
}

async function sha256File(file: string): Promise<string | undefined> {
  const hash = createHash('sha256');
  try {
    await pipeline(createReadStream(file), hash);
  } catch {
    return undefined;
  }
  return hash.digest('hex');
}

const parseManifest = (text: string): Map<string, string> =>
  new Map(
    text
      .split('\n')
      .filter((l) => l.length > 0)
      .map((l) => {
        const [hash, ...name] = l.split('  ');
        return [name.join('  '), hash!];
      }),
  );

/** Re-checks both manifests of a bag and lists payload files that no manifest names. */
export async function checkBagFixity(bag: string): Promise<FixityChange[]> {
  const changes: FixityChange[] = [];
  const payload = parseManifest(await readFile(path.join(bag, 'manifest-sha256.txt'), 'utf8'));
  const tags = parseManifest(await readFile(path.join(bag, 'tagmanifest-sha256.txt'), 'utf8'));
  for (const [file, expected] of [...tags, ...payload]) {
    const actual = await sha256File(path.join(bag, file));
    if (actual === undefined) changes.push({ file, change: 'missing' });
    else if (actual !== expected) changes.push({ file, change: 'changed' });
  }
  const onDisk = await readdir(path.join(bag, 'data'), { recursive: true, withFileTypes: true });
  for (const entry of onDisk.filter((e) => e.isFile())) {
    const file = path.relative(bag, path.join(entry.parentPath, entry.name)).split(path.sep).join('/');
    if (!payload.has(file)) changes.push({ file, change: 'unlisted' });
  }
  return changes;
}
