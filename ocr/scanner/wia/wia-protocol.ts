import type { ScannerCapabilities, ScannerDevice } from '../scanner';

/** One line of the PowerShell helper's answer (wia-script.ts). */
export type WiaLine =
  | { device: { id: string; vendor: string; model: string; description?: string } }
  | { caps: WiaRawCaps }
  | { page: { n: number; file: string } }
  | { end: { pages: number } }
  | { error: { hresult: string; message: string } };

export interface WiaRawCaps {
  /** WIA_DPS_DOCUMENT_HANDLING_CAPABILITIES bits: 1 feeder, 2 flatbed, 4 duplex. */
  handling: number;
  resolution: number;
  min?: number;
  max?: number;
  list?: number[];
}

/** Sources offered to the user, in the words SANE drivers use, so the feeder logic is shared. */
export const WIA_SOURCES = { Flatbed: 2, Feeder: 1, Duplex: 1 | 4 } as const;
export type WiaSource = keyof typeof WIA_SOURCES;

/** WIA_IPS_CUR_INTENT values for the colour modes. */
export const WIA_MODES = { Color: 1, Gray: 2, Lineart: 4 } as const;

/** Parses the helper's output; lines that are not JSON (PowerShell warnings) are skipped. */
export function parseWiaLines(stdout: string): WiaLine[] {
  const lines: WiaLine[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    const text = line.trim();
    if (!text.startsWith('{')) continue;
    try {
      lines.push(JSON.parse(text) as WiaLine);
    } catch {
      // a truncated line after a crash: the exit code tells the rest
    }
  }
  return lines;
}

export const devicesOf = (lines: readonly WiaLine[]): ScannerDevice[] =>
  lines.flatMap((l) =>
    'device' in l ? [{ id: l.device.id, vendor: l.device.vendor, model: l.device.model, type: l.device.description || 'WIA-Scanner' }] : [],
  );

export function capabilitiesOf(raw: WiaRawCaps): ScannerCapabilities {
  const sources = (Object.keys(WIA_SOURCES) as WiaSource[]).filter((s) => (raw.handling & WIA_SOURCES[s]) === WIA_SOURCES[s]);
  const resolutions =
    raw.list && raw.list.length > 0
      ? { list: [...raw.list].sort((a, b) => a - b) }
      : { min: raw.min ?? raw.resolution, max: raw.max ?? raw.resolution };
  return {
    resolutions,
    defaultResolution: raw.resolution || null,
    modes: Object.keys(WIA_MODES),
    // A scanner that reports nothing has at least the glass the WIA item scans from.
    sources: sources.length > 0 ? sources : ['Flatbed'],
    adf: sources.includes('Feeder'),
    duplex: sources.includes('Duplex'),
  };
}

/** HRESULTs that mean the device is not there (as opposed to a failing scan). */
export const NOT_THERE = new Set(['not_found', '0x80210015', '0x80210009']);

/** HRESULTs that mean WIA itself is missing on this workstation (COM class not registered). */
export const WIA_MISSING = new Set(['0x80040154', '0x80040112']);

/** Short German reasons for WIA's device errors (WiaDef.h), for the user. */
const REASONS: Record<string, string> = {
  '0x80210002': 'Papierstau',
  '0x80210003': 'kein Papier im Einzug',
  '0x80210004': 'Problem mit dem Papier im Einzug',
  '0x80210005': 'Scanner ist ausgeschaltet oder nicht verbunden',
  '0x80210006': 'Scanner ist belegt',
  '0x80210007': 'Scanner wärmt sich auf, bitte gleich noch einmal versuchen',
  '0x80210008': 'Eingriff am Scanner nötig',
  '0x8021000A': 'Verbindung zum Scanner gestört',
  '0x8021000D': 'Scanner ist von einem anderen Programm gesperrt',
  '0x80210016': 'Abdeckung offen',
  '0x80210017': 'Lampe ausgeschaltet',
  '0x80210020': 'mehrere Blätter gleichzeitig eingezogen',
};

export const wiaReason = (hresult: string): string => REASONS[hresult.toUpperCase().replace(/^0X/, '0x')] ?? 'Gerätefehler';
