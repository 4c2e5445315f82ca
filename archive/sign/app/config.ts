import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../../contract/app-error';
import { adminFixes, type AdminSettings } from '../../../core/platform/admin-settings';
import type { Logger } from '../../../core/platform/logger';
import type { CoreDeps } from '../../../core/records/context';
import { DEFAULT_MAX_PDF_BYTES } from '../pdf/load-pdf';

/**
 * Signing settings of a workstation: `<data folder>/sign.json` under the machine-wide config, whose `tsa`
 * replaces `tsaUrl` and whose `trustStore` comes first in the trust store; the user's values count there
 * only where the admin lists the key in `userOverrides` (a trust store is then added to, not replaced).
 * Without either file the app signs B-B without timestamp, trusts no CA (every signature is then "nicht
 * vertrauenswürdig") and offers no signature cards. Read on every use, so a change needs no restart.
 */
export const SignConfigFile = z.object({
  /** RFC 3161 timestamp authority; with it signatures are B-T, or B-B with a queued upgrade when offline. */
  tsaUrl: z.string().url().optional(),
  tsaTimeoutMs: z.number().int().min(100).default(15_000),
  /** Certificate files (PEM bundles or DER) whose certificates are trust anchors; relative to the data folder. */
  trustStore: z.array(z.string().min(1)).default([]),
  /** The signature card's PKCS#11 library (the card vendor's driver). */
  pkcs11Module: z.string().min(1).optional(),
  maxPdfMb: z.number().positive().default(DEFAULT_MAX_PDF_BYTES / 1048576),
});
export type SignConfig = z.infer<typeof SignConfigFile> & { readonly dataDir: string };

export const signConfigPath = (dataDir: string) => join(dataDir, 'sign.json');

export function loadSignConfig(dataDir: string, admin?: AdminSettings, logger?: Logger): SignConfig {
  const path = signConfigPath(dataDir);
  let raw: unknown = {};
  if (existsSync(path)) {
    try {
      raw = JSON.parse(readFileSync(path, 'utf8'));
    } catch {
      throw new AppError('sign.config_invalid', { detail: 'sign.json ist kein gültiges JSON' }, 'sign.json is not JSON');
    }
  }
  const parsed = SignConfigFile.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('sign.config_invalid', { detail: `sign.json: ${issue?.path.join('.') ?? ''}` }, 'invalid sign.json');
  }
  const own = parsed.data;
  if (!admin) return { ...own, dataDir };
  const ignored: string[] = [];
  let tsaUrl = own.tsaUrl;
  if (adminFixes(admin, 'tsa')) {
    if (tsaUrl !== undefined && tsaUrl !== admin.tsa?.url) ignored.push('tsaUrl');
    tsaUrl = admin.tsa?.url;
  } else tsaUrl ??= admin.tsa?.url;
  let trustStore = own.trustStore;
  if (admin.trustStore !== undefined) {
    if (adminFixes(admin, 'trustStore') && trustStore.length) ignored.push('trustStore');
    trustStore = [admin.trustStore, ...(adminFixes(admin, 'trustStore') ? [] : trustStore)];
  }
  if (ignored.length) logger?.warn('sign settings of the user overridden by the machine config', { keys: ignored.join(',') });
  return { ...own, tsaUrl, trustStore, dataDir };
}

/** The settings as the app uses them: the data folder's sign.json under the admin's machine config. */
export const appSignConfig = (deps: Pick<CoreDeps, 'store' | 'admin' | 'logger'>): SignConfig => loadSignConfig(deps.store.dataDir, deps.admin(), deps.logger);

export const maxPdfBytes = (config: SignConfig) => Math.round(config.maxPdfMb * 1048576);

/** The contents of the configured trust anchor files; a missing file is a configuration error. */
export function readTrustAnchors(config: SignConfig): Uint8Array[] {
  return config.trustStore.map((file, index) => {
    const path = isAbsolute(file) ? file : join(config.dataDir, file);
    try {
      return new Uint8Array(readFileSync(path));
    } catch {
      throw new AppError('sign.trust_store_invalid', { index: index + 1 }, 'trust store file not readable');
    }
  });
}
