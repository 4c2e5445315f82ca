import { spawn } from 'node:child_process';
import { AppError } from '../../contract/app-error';
import type { StepContext } from '../raster';
import type { ScannedBatch, Scanner, ScanRequest } from './scanner';
import {
  capabilitiesOf,
  devicesOf,
  NOT_THERE,
  parseWiaLines,
  WIA_MISSING,
  WIA_MODES,
  WIA_SOURCES,
  wiaReason,
  type WiaLine,
  type WiaSource,
} from './wia/wia-protocol';
import { encodedCommand, WIA_SCRIPT } from './wia/wia-script';

export interface WiaOptions {
  /** The program that runs the WIA script; tests put a stand-in for Windows' COM layer here. */
  readonly launcher?: { readonly command: string; readonly args: readonly string[] };
}

const POWERSHELL = {
  command: 'powershell.exe',
  args: ['-NoProfile', '-NonInteractive', '-EncodedCommand', encodedCommand(WIA_SCRIPT)],
};

type Request =
  | { op: 'list' }
  | { op: 'caps'; device: string }
  | { op: 'scan'; device: string; folder: string; handling?: number; feeder: boolean; resolution?: number; intent?: number; maxPages?: number };

/** Windows Image Acquisition through PowerShell and the WIA Automation Layer (see wia/wia-script.ts). */
export function createWiaScanner(options: WiaOptions = {}): Scanner {
  const launcher = options.launcher ?? POWERSHELL;

  const run = (request: Request, signal?: AbortSignal, onLine?: (line: WiaLine) => void): Promise<WiaLine[]> =>
    new Promise((resolve, reject) => {
      const child = spawn(launcher.command, [...launcher.args], {
        env: { ...process.env, EAKTE_WIA_REQUEST: JSON.stringify(request) },
        signal,
        stdio: ['ignore', 'pipe', 'pipe'],
        windowsHide: true,
      });
      const lines: WiaLine[] = [];
      let partial = '';
      // Pages are reported as they arrive; each complete line is parsed once.
      const take = (text: string) =>
        parseWiaLines(text).forEach((l) => {
          lines.push(l);
          onLine?.(l);
        });
      child.stdout.setEncoding('utf8').on('data', (d: string) => {
        const text = partial + d;
        const end = text.lastIndexOf('\n') + 1;
        partial = text.slice(end);
        take(text.slice(0, end));
      });
      child.stderr.resume();
      child.on('error', (e: NodeJS.ErrnoException) => {
        if (signal?.aborted) reject(signal.reason);
        else if (e.code === 'ENOENT') {
          reject(new AppError('intake.scanner_unavailable', { reason: 'Windows PowerShell ist auf diesem Arbeitsplatz nicht verfügbar.' }, 'powershell not found', { cause: e }));
        } else reject(e);
      });
      child.on('close', (code) => {
        if (signal?.aborted) return reject(signal.reason);
        take(partial);
        const error = lines.find((l): l is Extract<WiaLine, { error: unknown }> => 'error' in l);
        if (error || code !== 0) {
          const pages = lines.filter((l) => 'page' in l).length;
          return reject(failed('device' in request ? request.device : '', error?.error ?? { hresult: `exit ${code}`, message: '' }, pages));
        }
        resolve(lines);
      });
    });

  const capabilities = async (deviceId: string, signal?: AbortSignal) => {
    const caps = (await run({ op: 'caps', device: deviceId }, signal)).find((l) => 'caps' in l);
    if (!caps || !('caps' in caps)) throw failed(deviceId, { hresult: 'no caps', message: '' }, 0);
    return capabilitiesOf(caps.caps);
  };

  return {
    capabilities,
    listDevices: async (signal) => devicesOf(await run({ op: 'list' }, signal)),
    async scan(deviceId, request: ScanRequest, folder, ctx: StepContext = {}): Promise<ScannedBatch> {
      const caps = await capabilities(deviceId, ctx.signal);
      if (request.source && !caps.sources.includes(request.source)) {
        throw new AppError('intake.scanner_failed', { reason: `Papierquelle „${request.source}“ wird nicht angeboten` }, 'unknown source');
      }
      if (request.mode && !(request.mode in WIA_MODES)) {
        throw new AppError('intake.scanner_failed', { reason: `Farbmodus „${request.mode}“ wird nicht angeboten` }, 'unknown mode');
      }
      const source = request.source as WiaSource | undefined;
      const feeder = source === 'Feeder' || source === 'Duplex';
      const count = request.maxPages ?? (feeder ? undefined : 1);
      const files: string[] = [];
      await run(
        {
          op: 'scan',
          device: deviceId,
          folder,
          feeder,
          ...(source ? { handling: WIA_SOURCES[source] } : {}),
          ...(request.resolution ? { resolution: request.resolution } : {}),
          ...(request.mode ? { intent: WIA_MODES[request.mode as keyof typeof WIA_MODES] } : {}),
          ...(count !== undefined ? { maxPages: count } : {}),
        },
        ctx.signal,
        (line) => {
          if (!('page' in line)) return;
          files.push(line.page.file);
          ctx.onProgress?.(line.page.n, count ?? line.page.n);
        },
      );
      if (files.length === 0) throw failed(deviceId, { hresult: '0x80210003', message: 'no page' }, 0);
      ctx.logger?.info('scan finished', { pages: files.length });
      return { files };
    },
  };
}

function failed(device: string, error: { hresult: string; message: string }, pages: number): AppError {
  if (WIA_MISSING.has(error.hresult)) {
    return new AppError('intake.scanner_unavailable', { reason: 'Die Windows-Bilderfassung (WIA) ist auf diesem Arbeitsplatz nicht eingerichtet.' }, `WIA missing (${error.hresult})`);
  }
  if (NOT_THERE.has(error.hresult) && !pages) {
    return new AppError('intake.scanner_not_found', { device }, `WIA device not available (${error.hresult})`);
  }
  return new AppError(
    'intake.scanner_failed',
    { reason: wiaReason(error.hresult), ...(pages ? { pages } : {}) },
    `WIA scan failed (${error.hresult}): ${error.message.slice(0, 200)}`,
  );
}
