import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { traceNode } from '../../test/helpers/strace';
import { tempDir } from '../../test/helpers/temp-dir';

let base: { path: string; remove(): void };
beforeEach(() => {
  base = tempDir();
});
afterEach(() => base.remove());
/** A new empty folder inside this test's temp folder. */
const fresh = () => mkdtempSync(join(base.path, 'd-'));

/** A small bag-like tree under `root/built`: returns its files and folders. */
function buildTree(root: string): { built: string; files: string[]; folders: string[] } {
  const built = join(root, 'built');
  const folders = [built, join(built, 'data'), join(built, 'data/primary'), join(built, 'data/metadata')];
  folders.forEach((f) => mkdirSync(f));
  const files = [
    join(built, 'bagit.txt'),
    ...Array.from({ length: 12 }, (_, i) => join(built, `data/primary/seite-${i}.png`)),
    join(built, 'data/metadata/mets.xml'),
  ];
  files.forEach((f, i) => writeFileSync(f, `Inhalt ${i}`.repeat(1000)));
  return { built, files, folders };
}

const module = JSON.stringify(join(import.meta.dirname, 'publish-tree.ts'));

/** Runs publishTree(built, target) in a child under strace (every process and thread), calls in time order. */
const tracedPublish = (built: string, target: string, strace: string[] = []) =>
  traced(`import { publishTree } from ${module}; await publishTree(${JSON.stringify(built)}, ${JSON.stringify(target)});`, strace);

const traced = (script: string, strace: string[] = []) => traceNode(script, ['fsync', 'fdatasync', 'syncfs', 'rename', 'renameat', 'renameat2'], strace);

describe('publishing a finished tree durably', () => {
  it('flushes the whole tree with one syncfs before the rename and fsyncs the folder that gained it (strace)', async () => {
    const root = fresh();
    const { built, files } = buildTree(root);
    const contents = files.map((f) => readFileSync(f));
    const target = join(root, 'bag');
    const calls = await tracedPublish(built, target);
    const rename = calls.find((c) => c.name.startsWith('rename') && c.path === built && c.to === target);
    expect(rename?.ok).toBe(true);
    const syncfs = calls.filter((c) => c.name === 'syncfs' && c.ok && c.path === built);
    expect(syncfs).toHaveLength(1);
    expect(syncfs[0]!.at).toBeLessThan(rename!.at);
    expect(calls.some((c) => c.name === 'fsync' && c.ok && c.path === root && c.at > rename!.at)).toBe(true);
    expect(files.map((f) => readFileSync(f.replace(built, target)))).toEqual(contents);
  });

  it('fsyncs every file and folder before the rename where syncfs is not to be had (strace)', async () => {
    const root = fresh();
    const { built, files, folders } = buildTree(root);
    const target = join(root, 'bag');
    // Without `sync` on the PATH the per-file round runs, as it does off Linux.
    const calls = await tracedPublish(built, target, ['-E', 'PATH=/nonexistent']);
    const rename = calls.find((c) => c.name.startsWith('rename') && c.path === built && c.to === target);
    expect(rename?.ok).toBe(true);
    expect(calls.filter((c) => c.name === 'syncfs')).toEqual([]);
    const fsyncedBefore = new Set(calls.filter((c) => c.name === 'fsync' && c.ok && c.at < rename!.at).map((c) => c.path));
    expect([...files, ...folders].filter((p) => !fsyncedBefore.has(p))).toEqual([]);
    expect(calls.some((c) => c.name === 'fsync' && c.ok && c.path === root && c.at > rename!.at)).toBe(true);
  });

  it('flushes in the background while a tree is written, and not after stop() (strace)', async () => {
    const root = fresh();
    const [before, after] = [join(root, 'before'), join(root, 'after')];
    writeFileSync(before, '');
    const calls = await traced(`
      import { renameSync } from 'node:fs';
      import { setTimeout as sleep } from 'node:timers/promises';
      import { flushBehind } from ${module};
      const flushing = flushBehind(${JSON.stringify(root)});
      await sleep(800);
      await flushing.stop();
      renameSync(${JSON.stringify(before)}, ${JSON.stringify(after)}); // marks the moment stop() returned
      await sleep(600);
    `);
    const stopped = calls.find((c) => c.name.startsWith('rename') && c.path === before)!.at;
    const flushes = calls.filter((c) => c.name === 'syncfs' && c.path === root);
    expect(flushes.filter((c) => c.ok && c.at < stopped).length).toBeGreaterThan(0);
    expect(flushes.filter((c) => c.at > stopped)).toEqual([]);
  });
});

describe('repository folder (outputDir)', () => {
  it('fsyncs the parent of every folder it creates, so a package published into it keeps its path after a crash (strace)', async () => {
    const root = fresh();
    const repo = join(root, 'archiv', 'dips', 'repository');
    const outputDir = JSON.stringify(join(import.meta.dirname, 'app', 'output-dir.ts'));
    const calls = await traced(`import { outputDir } from ${outputDir}; await outputDir(undefined, ${JSON.stringify(repo)});`);
    const fsynced = calls.filter((c) => c.name === 'fsync' && c.ok).map((c) => c.path);
    expect(fsynced.sort()).toEqual([root, join(root, 'archiv'), join(root, 'archiv', 'dips')]);
    // Existing already: nothing created, nothing to fsync.
    expect((await traced(`import { outputDir } from ${outputDir}; await outputDir(undefined, ${JSON.stringify(repo)});`)).filter((c) => c.name === 'fsync')).toEqual([]);
  });
});
