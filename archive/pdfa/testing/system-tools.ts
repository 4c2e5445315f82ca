import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Independent checkers for tests: qpdf and poppler-utils (Debian qpdf, poppler-utils), lcms2's transicc
 * (liblcms2-utils) and exiftool (libimage-exiftool-perl). A missing tool fails the test with the package
 * name instead of skipping it.
 */

const PACKAGES: Record<string, string> = {
  qpdf: 'qpdf',
  pdffonts: 'poppler-utils',
  pdftotext: 'poppler-utils',
  pdfinfo: 'poppler-utils',
  pdfimages: 'poppler-utils',
  pdftoppm: 'poppler-utils',
  transicc: 'liblcms2-utils',
  exiftool: 'libimage-exiftool-perl',
};

export interface ToolResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function run(tool: string, args: readonly string[], input?: string): ToolResult {
  const result = spawnSync(tool, args, { encoding: 'utf8', input, maxBuffer: 64 * 1024 * 1024 });
  if (result.error) {
    throw new Error(
      `${tool} is not available (install Debian package ${PACKAGES[tool] ?? tool}): ${result.error.message}`,
    );
  }
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** A temporary folder for one test file, removed by `cleanup`. */
export function workFolder(): {
  path: (name: string) => string;
  write: (name: string, bytes: Uint8Array) => string;
  cleanup: () => void;
} {
  const dir = mkdtempSync(join(tmpdir(), 'pdfa-test-'));
  return {
    path: (name) => join(dir, name),
    write: (name, bytes) => {
      const file = join(dir, name);
      writeFileSync(file, bytes);
      return file;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export const readBytes = (file: string): Uint8Array => new Uint8Array(readFileSync(file));

/** Rows of `pdffonts`: font name and whether it is embedded. */
export function pdffonts(file: string): { name: string; embedded: boolean }[] {
  const { stdout, status, stderr } = run('pdffonts', [file]);
  if (status !== 0) throw new Error(`pdffonts failed: ${stderr}`);
  return stdout
    .split('\n')
    .slice(2)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      // Columns: name type encoding emb sub uni object ID; name and type may contain spaces, the tail does not.
      const tail = line.trim().split(/\s+/).slice(-5);
      return { name: line.split(/\s+/)[0]!, embedded: tail[0] === 'yes' };
    });
}

/** Reads a binary PPM/PGM (P6/P5) as written by pdftoppm. */
export function readPnm(file: string): {
  width: number;
  height: number;
  channels: number;
  pixels: Uint8Array;
} {
  const bytes = readBytes(file);
  const header = Buffer.from(bytes.subarray(0, 64)).toString('latin1');
  const m = /^(P[56])\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(header);
  if (!m) throw new Error('not a binary PPM/PGM');
  return {
    width: Number(m[2]),
    height: Number(m[3]),
    channels: m[1] === 'P6' ? 3 : 1,
    pixels: bytes.subarray(m[0].length),
  };
}
