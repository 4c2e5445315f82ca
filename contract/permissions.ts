/**
 * What a call needs. Record-level visibility (which Amt, which status) is decided in the core's
 * access module on every query; a permission only says whether the caller may try at all.
 */
export const permissions = [
  'public', // no login needed (login itself, status)
  'session', // any logged-in user
  'records.read',
  'records.write',
  'posteingang.read',
  'posteingang.write',
  'archive.read',
  'archive.write',
  'audit.read',
  'admin.users',
] as const;
export type Permission = (typeof permissions)[number];
