import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TracedCall {
  /** Start and end of the call (seconds, strace -ttt and -T). */
  at: number;
  end: number;
  /** The thread or process that made it. */
  pid: string;
  name: string;
  /** The path of the first descriptor argument (strace -y), or the first path argument. */
  path: string;
  to?: string;
  ok: boolean;
}

/**
 * Runs an ES-module script in a Node child under strace (every process and thread: -ff, one file each, so
 * no call is split across lines; -y: descriptors with their paths) and returns the calls named in
 * `syscalls` in time order. `strace` adds options (e.g. `-E PATH=…`). The child must exit with 0.
 */
export async function traceNode(script: string, syscalls: string[], strace: string[] = []): Promise<TracedCall[]> {
  const traces = mkdtempSync(join(tmpdir(), 'eakte-strace-'));
  try {
    const child = spawn(
      'strace',
      [...strace, '-ff', '-y', '-ttt', '-T', '-qq', '-o', join(traces, 't'), '-e', `trace=${syscalls.join(',')}`, process.execPath, '--import', 'tsx', '--input-type=module', '-e', script],
      { stdio: 'inherit' },
    );
    const code = await new Promise((r) => child.on('exit', r));
    if (code !== 0) throw new Error(`traced script exited with ${String(code)}`);
    return readdirSync(traces)
      .flatMap((f) => readFileSync(join(traces, f), 'utf8').split('\n').map((line) => ({ line, pid: f.slice(2) })))
      .flatMap(({ line, pid }) => {
        const m = /^(\d+\.\d+) (\w+)\((?:AT_FDCWD(?:<[^>]*>)?, )?(?:\d+<([^>]*)>|"([^"]*)")(?:, (?:AT_FDCWD(?:<[^>]*>)?, )?"([^"]*)")?.*= (-?\d+)(?:.*<(\d+\.\d+)>)?$/.exec(line);
        if (!m) return [];
        const at = Number(m[1]);
        return [{ at, end: at + Number(m[7] ?? 0), pid, name: m[2]!, path: m[3] ?? m[4]!, ...(m[5] ? { to: m[5] } : {}), ok: m[6] === '0' || (m[2] === 'openat' && Number(m[6]) >= 0) }];
      })
      .sort((a, b) => a.at - b.at);
  } finally {
    rmSync(traces, { recursive: true, force: true });
  }
}
