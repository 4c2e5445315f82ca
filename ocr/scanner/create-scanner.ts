import { createSaneScanner, type SaneOptions } from './sane-scanner';
import type { Scanner } from './scanner';
import { createWiaScanner } from './wia-scanner';

/** The platform's scanner access: WIA on Windows, SANE elsewhere. */
export const createScanner = (platform: NodeJS.Platform = process.platform, sane: SaneOptions = {}): Scanner =>
  platform === 'win32' ? createWiaScanner() : createSaneScanner(sane);
