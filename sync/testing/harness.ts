import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Caller } from '../../core/access/caller';
import type { CoreDeps } from '../../core/records/context';
import { CmisClient } from '../cmis/client';
import { DEV_PASSWORD } from '../dms-dev/server';
import { P, toRemoteVersion } from '../mapping';

/** Test and benchmark helpers: a client's settings, a caller with every grant, and what each side holds. */
export function writeSyncConfig(dataDir: string, url: string, user: string, extra: Record<string, unknown> = {}): void {
  writeFileSync(
    join(dataDir, 'sync.json'),
    JSON.stringify({ url, auth: { type: 'basic', username: user, password: DEV_PASSWORD }, timeoutMs: 5000, ...extra }, null, 2),
  );
}

/** The demo data's system user with write grants for every Amt, for test changes across Ämter. */
export async function allAemterCaller(deps: CoreDeps): Promise<Caller> {
  const user = await deps.store.reader.get<{ id: number; uuid: string }>(`SELECT id, uuid FROM app_user WHERE username = 'system'`);
  const aemter = await deps.store.reader.all<{ id: string }>('SELECT id FROM amt');
  return {
    userId: user?.id ?? 0,
    uuid: user?.uuid ?? 'system',
    username: 'system',
    displayName: 'Test',
    grants: [{ role: 'poststelle', amtId: null }, ...aemter.map((a) => ({ role: 'sachbearbeitung' as const, amtId: a.id }))],
  };
}

/** `uuid|versionNo|sha256` per version, sorted: equal lists mean equal documents, bytes and histories. */
export async function localVersionSet(deps: CoreDeps): Promise<string[]> {
  const rows = await deps.store.reader.all<{ uuid: string; version_no: number; blob_hash: string }>(
    'SELECT d.uuid, dv.version_no, dv.blob_hash FROM document d JOIN document_version dv ON dv.document_id = d.id',
  );
  return rows.map((r) => `${r.uuid}|${r.version_no}|${r.blob_hash}`).sort();
}

/** The same list as the DMS has it under the eAkte root, plus every eakte:uuid with how often it occurs. */
export async function remoteVersionSet(url: string, rootPath = '/eAkte'): Promise<{ versions: string[]; uuidCounts: Map<string, number> }> {
  const client = new CmisClient({ url, auth: { type: 'basic', username: 'checker', password: DEV_PASSWORD } });
  try {
    const root = String((await client.getObjectByPath(rootPath)).succinctProperties['cmis:objectId']);
    const docs = [];
    for (let skip = 0; ; skip += 1000) {
      const r = await client.query(`SELECT * FROM cmis:document WHERE IN_TREE('${root}')`, skip, 1000);
      docs.push(...r.results.map(toRemoteVersion).filter((v) => !v.isPwc));
      if (!r.hasMoreItems) break;
    }
    const versions: string[] = [];
    const uuidCounts = new Map<string, number>();
    for (const d of docs) {
      const uuid = String(d.props[P.uuid] ?? d.seriesId);
      uuidCounts.set(uuid, (uuidCounts.get(uuid) ?? 0) + 1);
      // A first version is the whole history (as the pull reads it); only later ones need the list.
      const history = d.versionLabel === '1.0' ? [d] : (await client.versions(d.seriesId)).map(toRemoteVersion).filter((v) => !v.isPwc).reverse();
      history.forEach((v, i) => versions.push(`${uuid}|${i + 1}|${v.sha256}`));
    }
    return { versions: versions.sort(), uuidCounts };
  } finally {
    client.close();
  }
}
