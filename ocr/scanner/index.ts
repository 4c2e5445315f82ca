export { createScanner } from './create-scanner';
export { capabilitiesFrom, parseDeviceList, parseOptions } from './parse-scanimage';
export { createSaneScanner, type SaneOptions } from './sane-scanner';
export type { ScannedBatch, Scanner, ScannerCapabilities, ScannerDevice, ScanRequest } from './scanner';
export { createWiaScanner } from './wia-scanner';
