import type { Queryable } from '../../core/store/store';

/** Who sends and who receives: the city and its archive, set by the administrators in the settings table. */
export interface Parties {
  readonly institution: string;
  readonly archive: string;
  readonly archiveUnit: string;
}

const KEYS: Readonly<Record<keyof Parties, string>> = {
  institution: 'aussonderung.institution',
  archive: 'aussonderung.archive',
  archiveUnit: 'aussonderung.archiveUnit',
};

export const defaultParties: Parties = {
  institution: 'Stadtverwaltung',
  archive: 'Stadtarchiv',
  archiveUnit: 'Digitales Archiv (DiPS.kommunal)',
};

export async function loadParties(q: Queryable): Promise<Parties> {
  const rows = await q.all<{ key: string; value: string }>(
    `SELECT key, value FROM setting WHERE key IN (${Object.values(KEYS).map(() => '?').join(',')})`,
    Object.values(KEYS),
  );
  const value = (field: keyof Parties) => rows.find((r) => r.key === KEYS[field])?.value ?? defaultParties[field];
  return { institution: value('institution'), archive: value('archive'), archiveUnit: value('archiveUnit') };
}
