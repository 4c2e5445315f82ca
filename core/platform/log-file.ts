import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { LogSink } from './logger';

/** How big the log may grow: the current file up to `maxBytes`, then it becomes `.1` and the oldest goes. */
export interface LogLimits {
  readonly maxBytes: number;
  /** Rotated files kept beside the current one (`eakte.log.1` is the newest). */
  readonly keepFiles: number;
}

export const DEFAULT_LOG_LIMITS: LogLimits = { maxBytes: 10 * 1024 * 1024, keepFiles: 5 };

/**
 * Appends JSON lines to `path`, rotating by size so a workstation's log never grows without bound. The
 * size is read from the file before each line, as the CLI and the app may write the same file; a file
 * another process rotated a moment earlier is simply not there (renames that miss are ignored).
 */
export function fileSink(path: string, limits: LogLimits = DEFAULT_LOG_LIMITS): LogSink {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  return {
    write(line) {
      const text = line + '\n';
      const size = statSync(path, { throwIfNoEntry: false })?.size ?? 0;
      if (size > 0 && size + Buffer.byteLength(text) > limits.maxBytes) rotate(path, limits.keepFiles);
      appendFileSync(path, text, { mode: 0o600 });
    },
  };
}

function rotate(path: string, keepFiles: number): void {
  rmSync(`${path}.${keepFiles}`, { force: true });
  for (let i = keepFiles - 1; i >= 1; i--) renameIfThere(`${path}.${i}`, `${path}.${i + 1}`);
  if (keepFiles > 0) renameIfThere(path, `${path}.1`);
  else rmSync(path, { force: true });
}

function renameIfThere(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}
