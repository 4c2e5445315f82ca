import type { AdminSettings, AdminSettingsSource } from '../../core/platform/admin-settings';
import type { LogLimits } from '../../core/platform/log-file';
import { defaultKeyDir, keyFileProvider, type KeyProvider } from '../../core/platform/key-provider';
import { defaultDataDir } from '../paths';
import { loadMachineConfig, processConfigEnv, type ConfigEnv, type LoadedConfig, type MachineConfig } from './machine-config';

export interface FrontEndSetup {
  loaded: LoadedConfig;
  dataDir: string;
  keys: KeyProvider | undefined;
  /** DMS, TSA and trust store for sync and signing; reads the files again on every call (no restart needed). */
  admin: AdminSettingsSource;
  logLimits: LogLimits;
}

/**
 * What every front end takes from the machine-wide config. Data folder: --data, then EAKTE_DATA_DIR, then
 * the config's template, then the per-user default. Key provider: the OS one the front end has (Electron
 * safeStorage); the CLI and browser mode have none and use the key file only where the admin chose it.
 */
export function frontEndSetup(opts: { explicitDataDir?: string; osKeys?: () => KeyProvider; ce?: ConfigEnv }): FrontEndSetup {
  const ce = opts.ce ?? processConfigEnv();
  const loaded = loadMachineConfig(ce);
  const { config } = loaded;
  // An empty EAKTE_DATA_DIR counts as unset, as in defaultDataDir().
  const dataDir = opts.explicitDataDir ?? (ce.env.EAKTE_DATA_DIR || config.dataDir || defaultDataDir(ce.env, ce.platform));
  const keyFile = () => keyFileProvider(defaultKeyDir(ce.env, ce.platform, ce.home));
  const keys = config.blobEncryption === 'keyfile' ? keyFile() : config.blobEncryption === 'os' ? opts.osKeys?.() : undefined;
  // Data folder, keys and logs are fixed for the run; what sync and signing use is read again each time.
  const admin = () => adminSettings(loadMachineConfig(ce).config);
  const logLimits = { maxBytes: Math.round(config.logs.maxFileMb * 1024 * 1024), keepFiles: config.logs.keepFiles };
  return { loaded, dataDir, keys, admin, logLimits };
}

const adminSettings = ({ dms, tsa, trustStore, hotFolder, userOverrides }: MachineConfig): AdminSettings => ({ dms, tsa, trustStore, hotFolder, userOverrides });
