import { execFile } from 'node:child_process';
import path from 'node:path';
import type { Finding } from './findings';

/**
 * What a virus scanner said about a received package. No value at all means no scanner is configured:
 * the PREMIS event then says "not performed", never that a check happened.
 */
export type VirusCheck =
  | { readonly outcome: 'pass'; readonly detail: string }
  | { readonly outcome: 'fail'; readonly detail: string; readonly infected: readonly Infected[] }
  | { readonly outcome: 'error'; readonly detail: string };

export interface Infected {
  /** Path inside the package (for a ZIP the scanner names the ZIP itself). */
  readonly entry: string;
  readonly signature: string;
}

/** A scanner of files on disk; another engine than ClamAV implements the same. */
export interface VirusScanner {
  /** Scans a file or a folder (with everything below it; archives are opened by the scanner). */
  scan(target: string): Promise<VirusCheck>;
}

export interface ClamavCommand {
  /** `clamscan` (loads its signatures each time) or `clamdscan` (asks the running clamd), or a full path. */
  readonly command: string;
  /** Extra arguments, e.g. `--database=…` or clamdscan's `--fdpass`. */
  readonly args?: readonly string[];
}

// clamscan and clamdscan both print `<path>: <signature> FOUND` per infected file.
const FOUND = /^(.*): (.+) FOUND$/;

/** One run of a scanner process, as exit code and output; a scanner that cannot start is an error. */
function run(command: string, args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(command, [...args], { maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err === null ? 0 : typeof err.code === 'number' ? err.code : null;
      resolve({ code, stdout, stderr: stderr || (err && code === null ? err.message : '') });
    });
  });
}

/**
 * ClamAV's command line scanners, by their documented exit codes: 0 nothing found, 1 found, anything else
 * (no signatures, unreadable file, clamd down, command missing) an error that is reported as such.
 */
export function clamavScanner(config: ClamavCommand): VirusScanner {
  const name = path.basename(config.command);
  return {
    async scan(target) {
      const version = await run(config.command, ['--version']);
      const engine = version.code === 0 ? version.stdout.trim().split('/')[0]! : name;
      const { code, stdout, stderr } = await run(config.command, [
        ...(config.args ?? []),
        '--no-summary',
        '--infected',
        ...(name.startsWith('clamscan') ? ['--recursive'] : []),
        target,
      ]);
      if (code === 0) return { outcome: 'pass', detail: `${engine}: no virus found` };
      if (code === 1) {
        const infected = stdout
          .split('\n')
          .map((line) => FOUND.exec(line.trim()))
          .filter((m) => m !== null)
          .map((m) => ({ entry: entryName(target, m[1]!), signature: m[2]! }));
        return { outcome: 'fail', detail: `${engine}: ${infected.length} infected`, infected };
      }
      const reason = (stderr.trim().split('\n').pop() ?? '').slice(0, 300);
      return { outcome: 'error', detail: `${engine} exit ${code ?? 'none'}: ${reason}` };
    },
  };
}

const entryName = (target: string, reported: string): string => {
  const relative = path.relative(target, reported);
  return relative === '' || relative.startsWith('..') ? path.basename(reported) : relative.split(path.sep).join('/');
};

/** The package findings of a check: every infected entry, or a check that did not complete. */
export function virusFindings(check: VirusCheck | undefined): Finding[] {
  if (check === undefined || check.outcome === 'pass') return [];
  if (check.outcome === 'error') return [{ status: 'error', code: 'virus_check_failed', detail: check.detail }];
  return check.infected.length > 0
    ? check.infected.map((i) => ({ status: 'error', code: 'virus_found', detail: `${i.entry}: ${i.signature}` }))
    : [{ status: 'error', code: 'virus_found', detail: check.detail }];
}
