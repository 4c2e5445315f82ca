import type { Permission } from '../../contract/permissions';
import type { Role } from '../../contract/schemas/identity';
import type { Caller } from './caller';

const rolePermissions: Record<Role, readonly Permission[]> = {
  poststelle: ['session', 'posteingang.read', 'posteingang.write'],
  sachbearbeitung: ['session', 'records.read', 'records.write', 'posteingang.read'],
  // Archivists appraise closed files of every Amt; they never see open case work.
  archiv: ['session', 'records.read', 'archive.read', 'archive.write'],
  // Administrators manage users and check the audit chain, but read no record content.
  admin: ['session', 'admin.users', 'audit.read'],
};

export function hasPermission(caller: Caller | null, permission: Permission): boolean {
  if (permission === 'public') return true;
  if (!caller) return false;
  return caller.grants.some((g) => rolePermissions[g.role].includes(permission));
}

export const hasRole = (caller: Caller, role: Role): boolean => caller.grants.some((g) => g.role === role);

/** Ämter whose records the caller works on as Sachbearbeitung. */
export const clerkAmter = (caller: Caller): string[] =>
  caller.grants.filter((g) => g.role === 'sachbearbeitung' && g.amtId).map((g) => g.amtId as string);

export interface SqlFilter {
  sql: string;
  params: string[];
}

const inList = (column: string, values: string[]): SqlFilter =>
  values.length
    ? { sql: `${column} IN (${values.map(() => '?').join(',')})`, params: values }
    : { sql: '0', params: [] };

const anyOf = (parts: SqlFilter[]): SqlFilter => {
  const live = parts.filter((p) => p.sql !== '0');
  return live.length
    ? { sql: `(${live.map((p) => p.sql).join(' OR ')})`, params: live.flatMap((p) => p.params) }
    : { sql: '0', params: [] };
};

/** Which Akten the caller may read; `a` is the akte alias in the query. */
export function akteVisibility(caller: Caller, a = 'a'): SqlFilter {
  return anyOf([
    inList(`${a}.amt_id`, clerkAmter(caller)),
    hasRole(caller, 'archiv') ? { sql: `${a}.status = 'zda'`, params: [] } : { sql: '0', params: [] },
  ]);
}

/**
 * Which documents the caller may read. `d` is the document alias and `a` a LEFT JOINed akte alias.
 * Applied inside every listing, search and count, so nothing invisible can even be counted.
 */
export function documentVisibility(caller: Caller, d = 'd', a = 'a'): SqlFilter {
  return anyOf([
    inList(`${d}.amt_id`, clerkAmter(caller)),
    hasRole(caller, 'poststelle') ? { sql: `${d}.status = 'eingang'`, params: [] } : { sql: '0', params: [] },
    hasRole(caller, 'archiv') ? { sql: `${a}.status = 'zda'`, params: [] } : { sql: '0', params: [] },
  ]);
}

export const mayWriteAmt = (caller: Caller, amtId: string): boolean => clerkAmter(caller).includes(amtId);

/**
 * The same visibility as documentVisibility(), as an FTS5 filter on the index's scope column
 * (see the document_scope view), so ranking only ever touches visible hits. Null: nothing visible.
 */
export function searchScope(caller: Caller): string | null {
  const tokens = [
    ...clerkAmter(caller).map((a) => `amt${a}`),
    ...(hasRole(caller, 'poststelle') ? ['doceingang'] : []),
    ...(hasRole(caller, 'archiv') ? ['aktezda'] : []),
  ];
  return tokens.length ? `scope : (${tokens.join(' OR ')})` : null;
}

/**
 * Which sync operations and conflicts the caller may count: those on an Akte, Vorgang or document they may
 * see (`uuid` is the object uuid column), so the sync page tells no clerk how busy another Amt is.
 * Administrators keep the workstation running and count all of them (numbers only, no content).
 */
export function syncObjectVisibility(caller: Caller | null, uuid: string): SqlFilter {
  if (!caller) return { sql: '0', params: [] };
  if (hasRole(caller, 'admin')) return { sql: '1', params: [] };
  const docs = documentVisibility(caller, 'sd', 'sa');
  const akten = akteVisibility(caller, 'sa');
  return {
    sql: `(EXISTS (SELECT 1 FROM document sd LEFT JOIN akte sa ON sa.id = sd.akte_id WHERE sd.uuid = ${uuid} AND ${docs.sql})
      OR EXISTS (SELECT 1 FROM akte sa WHERE sa.uuid = ${uuid} AND ${akten.sql})
      OR EXISTS (SELECT 1 FROM vorgang sv JOIN akte sa ON sa.id = sv.akte_id WHERE sv.uuid = ${uuid} AND ${akten.sql}))`,
    params: [...docs.params, ...akten.params, ...akten.params],
  };
}
