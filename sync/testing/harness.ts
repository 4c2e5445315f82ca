import { randomBytes, randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Caller } from '../../core/access/caller';
import type { CoreDeps } from '../../core/records/context';
import type { Queryable } from '../../core/store/db';
import { CmisClient } from '../cmis/client';
import { ROOT_ID, type DevRepository } from '../dms-dev/repository';
import { DEV_PASSWORD, DEV_USER } from '../dms-dev/server';
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

/** A leaf of Amt 21's Aktenplan in the demo data, for Akten made on the DMS side. */
export async function amt21Plan(q: Queryable): Promise<string> {
  const row = await q.get<{ number: string }>(
    `SELECT e.number FROM aktenplan_entry e WHERE NOT EXISTS (SELECT 1 FROM aktenplan_entry c WHERE c.parent_id = e.id) AND e.amt_id = '21' ORDER BY e.number LIMIT 1`,
  );
  if (!row) throw new Error('no Aktenplan leaf of Amt 21');
  return row.number;
}

/**
 * Fills a development repository directly (no HTTP): /eAkte with its Posteingang, then `docs` documents of
 * `bytes` random bytes, `perVorgang` in the one Vorgang of each Akte (Aktenplan `plan`). Returns the
 * documents' object ids.
 */
export function fillDevRepository(repo: DevRepository, plan: string, o: { docs: number; bytes: number; perVorgang: number }): string[] {
  const ids: string[] = [];
  const base = repo.createFolder(DEV_USER, ROOT_ID, 'cmis:folder', [], 'eAkte', {});
  repo.createFolder(DEV_USER, base.id, 'cmis:folder', [], 'Posteingang', {});
  for (let a = 0; a * o.perVorgang < o.docs; a++) {
    const az = `${plan}-${String(9000 + a).padStart(4, '0')}/2026`;
    const akte = repo.createFolder(DEV_USER, base.id, 'cmis:folder', ['eakte:akte'], az.replace('/', '_'), {
      'eakte:uuid': randomUUID(), 'eakte:aktenzeichen': az, 'eakte:title': `Akte ${a}`, 'eakte:amtId': '21', 'eakte:aktenplan': plan, 'eakte:status': 'open',
    });
    const vorgang = repo.createFolder(DEV_USER, akte.id, 'cmis:folder', ['eakte:vorgang'], `${az.replace('/', '_')}-01`, {
      'eakte:uuid': randomUUID(), 'eakte:aktenzeichen': `${az}-01`, 'eakte:title': 'Vorgang',
    });
    for (let d = 0; d < o.perVorgang && ids.length < o.docs; d++) {
      const name = `dokument-${d}.pdf`;
      const doc = repo.createDocument(
        DEV_USER,
        vorgang.id,
        { typeId: 'cmis:document', secondary: ['eakte:document'], name, props: { 'eakte:uuid': randomUUID(), 'eakte:title': `Dokument ${d}`, 'eakte:versionUuid': randomUUID() } },
        { bytes: randomBytes(o.bytes), mimeType: 'application/pdf', fileName: name },
        'major',
      );
      ids.push(doc.id);
    }
  }
  return ids;
}
