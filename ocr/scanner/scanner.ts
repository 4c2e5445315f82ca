import type { StepContext } from '../raster';

export interface ScannerDevice {
  /** Backend device name, e.g. `fujitsu:fi-7160:123` (SANE) or a WIA device id. */
  readonly id: string;
  readonly vendor: string;
  readonly model: string;
  readonly type: string;
}

export interface ScannerCapabilities {
  /** Either the allowed list or a range. */
  readonly resolutions: { readonly list: readonly number[] } | { readonly min: number; readonly max: number };
  readonly defaultResolution: number | null;
  readonly modes: readonly string[];
  readonly sources: readonly string[];
  /** A source feeds sheets (automatic document feeder). */
  readonly adf: boolean;
  /** Both sides in one pass (a duplex source or option). */
  readonly duplex: boolean;
}

export interface ScanRequest {
  readonly resolution?: number;
  readonly mode?: string;
  readonly source?: string;
  /** Pages to take; a feeder source scans until it is empty when not given, a flatbed scans one. */
  readonly maxPages?: number;
}

export interface ScannedBatch {
  /** Page files (TIFF) in scan order. */
  readonly files: readonly string[];
}

/** The local scanner, behind one interface for SANE (Linux) and WIA (Windows). */
export interface Scanner {
  listDevices(signal?: AbortSignal): Promise<ScannerDevice[]>;
  capabilities(deviceId: string, signal?: AbortSignal): Promise<ScannerCapabilities>;
  /** Scans into `folder` (which must exist); reports progress per finished page. */
  scan(deviceId: string, request: ScanRequest, folder: string, ctx?: StepContext): Promise<ScannedBatch>;
}
