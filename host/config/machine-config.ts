import { existsSync, readFileSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../contract/app-error';
import { GroupRole } from '../../contract/methods/admin';

/**
 * Keys a user's own files may set, and only when the machine file lists them in `userOverrides`: dataDir
 * and hotFolder in the user's config.json; dms, tsa and trustStore there and in sync.json / sign.json.
 */
const UserKey = z.enum(['dataDir', 'hotFolder', 'dms', 'tsa', 'trustStore']);

/**
 * The administrator's settings for every user of a machine. Paths may use %USERNAME%, %APPDATA%,
 * %LOCALAPPDATA%, %USERPROFILE% (or ${USER}/${HOME} on Linux), so one file gives every user of a
 * terminal server a folder of their own.
 */
export const MachineConfig = z.strictObject({
  dataDir: z.string().min(1).optional(),
  hotFolder: z.string().min(1).optional(),
  dms: z.strictObject({ url: z.url({ protocol: /^https?$/ }), repositoryId: z.string().min(1).optional() }).optional(),
  tsa: z.strictObject({ url: z.url({ protocol: /^https?$/ }) }).optional(),
  /** PEM file with the CA certificates trusted for signatures, timestamps and the DMS. */
  trustStore: z.string().min(1).optional(),
  /** os: Electron safeStorage (DPAPI/Keychain/libsecret); keyfile: 0600 file in the user's profile; off: plain. */
  blobEncryption: z.enum(['os', 'keyfile', 'off']).default('os'),
  identity: z
    .strictObject({ source: z.enum(['os', 'demo']).default('os'), groupRoles: z.array(GroupRole).default([]) })
    .default({ source: 'os', groupRoles: [] }),
  userOverrides: z.array(UserKey).default([]),
  /** Log files: rotated at maxFileMb, keepFiles old ones kept (logs/eakte.log.1 is the newest). */
  logs: z
    .strictObject({ maxFileMb: z.number().min(0.01).max(1024).default(10), keepFiles: z.number().int().min(1).max(100).default(5) })
    .default({ maxFileMb: 10, keepFiles: 5 }),
});
export type MachineConfig = z.infer<typeof MachineConfig>;

export interface ConfigEnv {
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  home: string;
  username: string;
}

export const processConfigEnv = (): ConfigEnv => ({ env: process.env, platform: process.platform, home: homedir(), username: userInfo().username });

/** EAKTE_CONFIG replaces the machine-wide path (tests, side-by-side installs). */
export function machineConfigPath({ env, platform }: ConfigEnv): string {
  if (env.EAKTE_CONFIG) return env.EAKTE_CONFIG;
  if (platform === 'win32') return join(env.ProgramData ?? 'C:\\ProgramData', 'eAkte Desk', 'config.json');
  return '/etc/eakte-desk/config.json';
}

export function userConfigPath({ env, platform, home }: ConfigEnv): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'eAkte Desk', 'config.json');
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), 'eakte-desk', 'config.json');
}

export interface LoadedConfig {
  config: MachineConfig;
  /** Files that were read, machine file first. */
  sources: string[];
  /** Keys of the user's file that the machine file does not allow (left out, named for the log). */
  ignoredUserKeys: string[];
}

/** Reads the machine file, then the user's file where allowed; no file at all gives the defaults. */
export function loadMachineConfig(ce: ConfigEnv = processConfigEnv()): LoadedConfig {
  const sources: string[] = [];
  const machinePath = machineConfigPath(ce);
  const machineRaw = readJson(machinePath);
  if (machineRaw !== undefined) sources.push(machinePath);
  const machine = parse(MachineConfig, machineRaw ?? {}, machinePath);

  const userPath = userConfigPath(ce);
  const userRaw = readJson(userPath);
  const ignoredUserKeys: string[] = [];
  let merged: MachineConfig = machine;
  if (userRaw !== undefined) {
    sources.push(userPath);
    const user = parse(MachineConfig.partial(), userRaw, userPath);
    const allowed: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(userRaw as Record<string, unknown>)) {
      const key = UserKey.safeParse(k);
      if (key.success && machine.userOverrides.includes(key.data)) allowed[key.data] = user[key.data];
      else if (v !== undefined) ignoredUserKeys.push(k);
    }
    merged = { ...machine, ...allowed };
  }
  const file = sources.at(-1) ?? machinePath;
  const expanded = { dataDir: expand(merged.dataDir, ce, file), hotFolder: expand(merged.hotFolder, ce, file), trustStore: expand(merged.trustStore, ce, file) };
  return { config: { ...merged, ...expanded }, sources, ignoredUserKeys };
}

function readJson(path: string): unknown {
  if (!existsSync(path)) return undefined;
  let text: string;
  try {
    text = readFileSync(path, 'utf8').replace(/^\uFEFF/, ''); // Notepad writes a BOM
  } catch (err) {
    throw new AppError('config.invalid', { path, reason: 'nicht lesbar' }, `config ${path} unreadable`, { cause: err });
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new AppError('config.invalid', { path, reason: 'kein gültiges JSON' }, `config ${path} is not JSON`, { cause: err });
  }
}

function parse<T extends z.ZodType>(schema: T, raw: unknown, path: string): z.infer<T> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const where = issue.path.join('.') || '(Datei)';
  const reason = issue.code === 'unrecognized_keys' ? `unbekannter Eintrag ${issue.keys.join(', ')}` : `Eintrag ${where} hat einen unzulässigen Wert`;
  throw new AppError('config.invalid', { path, reason }, `config ${path}: ${where} ${issue.message}`);
}

/** Replaces %VAR% (Windows style) and ${VAR} placeholders; an unknown one is an error, never an empty path. */
function expand(template: string | undefined, { env, home, username }: ConfigEnv, file: string): string | undefined {
  if (template === undefined) return undefined;
  const known: Record<string, string | undefined> = {
    USERNAME: username,
    USER: username,
    HOME: home,
    USERPROFILE: env.USERPROFILE ?? home,
    APPDATA: env.APPDATA,
    LOCALAPPDATA: env.LOCALAPPDATA,
  };
  return template.replace(/%([A-Z_]+)%|\$\{([A-Z_]+)\}/gi, (whole, a: string | undefined, b: string | undefined) => {
    const value = known[(a ?? b)!.toUpperCase()];
    if (value === undefined) throw new AppError('config.invalid', { path: file, reason: `Platzhalter ${whole} ist unbekannt` }, `unknown placeholder ${whole}`);
    return value;
  });
}
