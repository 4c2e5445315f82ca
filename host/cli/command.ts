import type { ParseArgsConfig } from 'node:util';
import type { ErrorCode } from '../../contract/errors';
import type { AdminSettingsSource } from '../../core/platform/admin-settings';
import type { KeyProvider } from '../../core/platform/key-provider';
import type { LogLimits } from '../../core/platform/log-file';
import { errorArea } from '../../contract/errors';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface GlobalOptions {
  dataDir: string;
  user: string | null;
  json: boolean;
  /** From the machine config (host/config): only where the admin chose key-file encryption. */
  keys?: KeyProvider;
  /** The admin's scanner folder for `eakte watch` without a folder argument. */
  hotFolder?: string;
  /** The machine config's DMS, TSA and trust store, and log limits (host/config/front-end.ts). */
  admin?: AdminSettingsSource;
  logLimits?: LogLimits;
}

export interface CommandIo {
  out(text: string): void;
  err(text: string): void;
}

export interface CommandContext {
  global: GlobalOptions;
  positionals: string[];
  options: Record<string, string | boolean | string[] | undefined>;
  io: CommandIo;
  /** Resolves when the user interrupts (Ctrl+C); long-running commands stop gracefully. */
  interrupted: Promise<void>;
}

export interface Command {
  /** Words after `eakte`, e.g. ['audit', 'verify']. */
  readonly path: readonly string[];
  readonly summary: string;
  readonly usage: string;
  readonly options: OptionSpec;
  /** Returns the result printed as JSON with --json; `text` renders it for people. */
  run(ctx: CommandContext): Promise<{ value: unknown; text: string; exitCode?: number }>;
}

/** One place maps error areas to exit codes, so scripts can tell kinds of failure apart. */
export function exitCodeFor(code: ErrorCode): number {
  if (code === 'cli.usage' || code === 'api.invalid_input' || code === 'api.unknown_method') return 2;
  if (code === 'audit.chain_broken' || code === 'store.blob_hash_mismatch' || code === 'store.blob_missing') return 6;
  // "Not found" means the same to a script whichever area's object it was (records, Aussonderung, archive …).
  if (code.endsWith('.not_found')) return 4;
  switch (errorArea(code)) {
    case 'auth':
    case 'access':
      return 3;
    case 'records':
      return 4;
    case 'store':
      return 5;
    default:
      return 1;
  }
}
