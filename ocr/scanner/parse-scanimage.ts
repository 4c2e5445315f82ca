import type { ScannerCapabilities, ScannerDevice } from './scanner';

/** Field separator for `scanimage -f`: a character no device name contains. */
export const LIST_SEPARATOR = '\u001f';
export const LIST_FORMAT = `%d${LIST_SEPARATOR}%v${LIST_SEPARATOR}%m${LIST_SEPARATOR}%t%n`;

export function parseDeviceList(stdout: string): ScannerDevice[] {
  return stdout
    .split('\n')
    .map((line) => line.split(LIST_SEPARATOR))
    .filter((f) => f.length === 4 && f[0])
    .map(([id, vendor, model, type]) => ({ id: id!, vendor: vendor!, model: model!, type: type!.trim() }));
}

interface RawOption {
  readonly values: string;
  readonly current: string | null;
  readonly inactive: boolean;
}

/** Reads `scanimage -d DEV -A` lines such as `    --mode Lineart|Gray|Color [Gray]`. */
export function parseOptions(stdout: string): Map<string, RawOption> {
  const options = new Map<string, RawOption>();
  for (const line of stdout.split('\n')) {
    const m = /^\s+--([a-z0-9-]+)(?:\[=\(([^)]*)\)\]|\s+(.*?))?\s+\[([^\]]*)\]\s*$/.exec(line);
    if (!m) continue;
    const values = (m[2] ?? m[3] ?? '').trim();
    const current = m[4] ?? null;
    options.set(m[1]!, { values, current: current === 'inactive' ? null : current, inactive: current === 'inactive' });
  }
  return options;
}

const FEEDER = /adf|feeder|automatic|einzug|duplex/i;

export function capabilitiesFrom(options: Map<string, RawOption>): ScannerCapabilities {
  const list = (name: string) => {
    const o = options.get(name);
    return o && !o.inactive ? o.values.split('|').map((v) => v.trim()).filter(Boolean) : [];
  };
  const res = options.get('resolution');
  let resolutions: ScannerCapabilities['resolutions'] = { list: [] };
  if (res) {
    const range = /^(\d+)\.\.(\d+)/.exec(res.values);
    resolutions = range
      ? { min: Number(range[1]), max: Number(range[2]) }
      : { list: res.values.replace(/dpi/g, '').split('|').map(Number).filter(Number.isFinite) };
  }
  const sources = list('source');
  const duplexOption = options.get('duplex');
  return {
    resolutions,
    defaultResolution: res?.current ? Number.parseInt(res.current, 10) : null,
    modes: list('mode'),
    sources,
    adf: sources.some((s) => FEEDER.test(s)),
    duplex: sources.some((s) => /duplex/i.test(s)) || (duplexOption !== undefined && !duplexOption.inactive),
  };
}

/** `Scanned page 3.` lines on stderr in batch mode. */
export const scannedPageNumber = (line: string): number | null => {
  const m = /^Scanned page (\d+)/.exec(line.trim());
  return m ? Number(m[1]) : null;
};
