import { spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../contract/app-error';
import type { StepContext } from '../raster';
import { capabilitiesFrom, LIST_FORMAT, parseDeviceList, parseOptions, scannedPageNumber } from './parse-scanimage';
import type { ScannedBatch, Scanner, ScanRequest } from './scanner';

export interface SaneOptions {
  /** Path of `scanimage` (Debian package sane-utils). */
  readonly command?: string;
  /** Extra environment, e.g. SANE_CONFIG_DIR for a test configuration. */
  readonly env?: NodeJS.ProcessEnv;
}

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Lines of scanimage's stderr that say the device is not there (as opposed to a failing scan). */
const NOT_FOUND = /open of device .* failed|no SANE devices found|Invalid argument/i;

/** Turns scanimage's English error text into a short German reason for the user. */
function germanReason(stderr: string): string {
  if (/jam/i.test(stderr)) return 'Papierstau';
  if (/cover open/i.test(stderr)) return 'Abdeckung offen';
  if (/out of documents|no docs/i.test(stderr)) return 'kein Papier im Einzug';
  if (/busy/i.test(stderr)) return 'Scanner ist belegt';
  return 'Gerätefehler';
}

export function createSaneScanner(options: SaneOptions = {}): Scanner {
  const command = options.command ?? 'scanimage';
  const run = (args: string[], signal?: AbortSignal, onStderrLine?: (line: string) => void): Promise<Run> =>
    new Promise((resolve, reject) => {
      const child = spawn(command, args, { env: { ...process.env, ...options.env }, signal, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      let partial = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
      child.stderr.setEncoding('utf8').on('data', (d: string) => {
        stderr += d;
        const lines = (partial + d).split('\n');
        partial = lines.pop() ?? '';
        lines.forEach((l) => onStderrLine?.(l));
      });
      child.on('error', (e: NodeJS.ErrnoException) => {
        if (signal?.aborted) reject(signal.reason);
        else if (e.code === 'ENOENT') {
          reject(
            new AppError('intake.scanner_unavailable', { reason: 'Das Scanprogramm (SANE scanimage) ist nicht installiert.' }, 'scanimage not found', { cause: e }),
          );
        } else reject(e);
      });
      child.on('close', (code) => (signal?.aborted ? reject(signal.reason) : resolve({ code, stdout, stderr })));
    });

  const failed = (device: string, r: Run, pages?: number): AppError =>
    NOT_FOUND.test(r.stderr) && !pages
      ? new AppError('intake.scanner_not_found', { device }, `scanimage could not open the device (exit ${r.code})`)
      : new AppError(
          'intake.scanner_failed',
          { reason: germanReason(r.stderr), ...(pages ? { pages } : {}) },
          `scanimage failed (exit ${r.code}): ${r.stderr.trim().split('\n').pop()?.slice(0, 200) ?? ''}`,
        );

  const capabilities = async (deviceId: string, signal?: AbortSignal) => {
    const r = await run(['-d', deviceId, '-A'], signal);
    if (r.code !== 0) throw failed(deviceId, r);
    return capabilitiesFrom(parseOptions(r.stdout));
  };

  return {
    capabilities,
    async listDevices(signal) {
      const r = await run(['-f', LIST_FORMAT], signal);
      if (r.code !== 0) throw failed('', r);
      return parseDeviceList(r.stdout);
    },
    async scan(deviceId, request: ScanRequest, folder, ctx: StepContext = {}): Promise<ScannedBatch> {
      const caps = await capabilities(deviceId, ctx.signal);
      const feeder = request.source ? /adf|feeder|automatic|einzug|duplex/i.test(request.source) : false;
      const count = request.maxPages ?? (feeder ? undefined : 1);
      const args = ['-d', deviceId, '--format=tiff', `--batch=${join(folder, 'page-%04d.tif')}`];
      if (count !== undefined) args.push(`--batch-count=${count}`);
      if (request.resolution) args.push(`--resolution=${request.resolution}`);
      if (request.mode) args.push(`--mode=${request.mode}`);
      if (request.source) {
        if (!caps.sources.includes(request.source)) {
          throw new AppError('intake.scanner_failed', { reason: `Papierquelle „${request.source}“ wird nicht angeboten` }, 'unknown source');
        }
        args.push(`--source=${request.source}`);
      }
      let done = 0;
      const r = await run(args, ctx.signal, (line) => {
        const n = scannedPageNumber(line);
        if (n !== null) {
          done = n;
          ctx.onProgress?.(n, count ?? n);
        }
      });
      const files = (await readdir(folder))
        .filter((f) => /^page-\d{4}\.tif$/.test(f))
        .sort()
        .map((f) => join(folder, f));
      // An empty feeder ends a batch normally (exit 0); anything else is a failure of the device.
      if (r.code !== 0 || files.length === 0) throw failed(deviceId, r, done || files.length);
      ctx.logger?.info('scan finished', { pages: files.length });
      return { files };
    },
  };
}
