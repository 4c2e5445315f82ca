/**
 * What the administrator's machine-wide config (host/config) decides for the feature folders. It is a
 * function, called on every use, so a changed file takes effect without restarting the app.
 */
export interface AdminSettings {
  readonly dms?: { readonly url: string; readonly repositoryId?: string };
  readonly tsa?: { readonly url: string };
  /** PEM file with the CA certificates trusted for signatures, timestamps and the DMS. */
  readonly trustStore?: string;
  /** The scanners' folder (per user, e.g. with %USERNAME%), offered on the post room page to be watched. */
  readonly hotFolder?: string;
  /** Settings a user's own files (config.json, sync.json, sign.json) may still set. */
  readonly userOverrides: readonly string[];
}
export type AdminSettingsSource = () => AdminSettings;

export const noAdminSettings: AdminSettingsSource = () => ({ userOverrides: [] });

/** True when the admin set `key` and does not let users set it themselves: the user's value is ignored. */
export const adminFixes = (s: AdminSettings, key: 'dms' | 'tsa' | 'trustStore'): boolean => s[key] !== undefined && !s.userOverrides.includes(key);
