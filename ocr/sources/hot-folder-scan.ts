/** One poll of a hot folder: the regular files directly in it, with size and modification time. */
export interface FolderEntry {
  readonly name: string;
  readonly size: number;
  readonly mtimeMs: number;
}

/** What a poll remembers of the previous one: name → size and mtime when first seen unchanged. */
export type Snapshot = ReadonlyMap<string, { size: number; mtimeMs: number }>;

/**
 * Names that are never a finished scan: temporary and hidden files, Office owner files, and lock files
 * that multifunction printers write next to a file while they are still writing it.
 */
export function isInProgressName(name: string): boolean {
  const lower = name.toLowerCase();
  return (
    lower.startsWith('.') || lower.startsWith('~') || /\.(tmp|part|partial|crdownload|lock|lck)$/.test(lower)
  );
}

/** A file `X` is still being written while `X.lock`, `X.lck` or `~X` (MFP convention) exists beside it. */
export function isLocked(name: string, names: ReadonlySet<string>): boolean {
  const lower = name.toLowerCase();
  for (const lock of [
    `${lower}.lock`,
    `${lower}.lck`,
    `~${lower}`,
    `${lower.replace(/\.[^.]+$/, '')}.lock`,
  ]) {
    if (names.has(lock)) return true;
  }
  return false;
}

/**
 * Decides which files are complete: seen twice in a row with the same, non-zero size and mtime and no
 * lock file. (A zero-byte file that stays zero is taken too, after one more poll, so it ends as a
 * Klärfall instead of lying in the folder forever.)
 */
export function completeFiles(
  previous: Snapshot,
  current: readonly FolderEntry[],
  emptySeen: ReadonlyMap<string, number>,
): { ready: string[]; next: Map<string, { size: number; mtimeMs: number }>; nextEmpty: Map<string, number> } {
  const names = new Set(current.map((e) => e.name.toLowerCase()));
  const ready: string[] = [];
  const next = new Map<string, { size: number; mtimeMs: number }>();
  const nextEmpty = new Map<string, number>();
  for (const e of current) {
    if (isInProgressName(e.name) || isLocked(e.name, names)) continue;
    const before = previous.get(e.name);
    next.set(e.name, { size: e.size, mtimeMs: e.mtimeMs });
    if (!before || before.size !== e.size || before.mtimeMs !== e.mtimeMs) continue;
    if (e.size > 0) ready.push(e.name);
    else {
      const polls = (emptySeen.get(e.name) ?? 0) + 1;
      nextEmpty.set(e.name, polls);
      if (polls >= 2) ready.push(e.name);
    }
  }
  return { ready: ready.sort(), next, nextEmpty };
}
