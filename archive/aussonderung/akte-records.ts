import type { ArchivalHint, Person } from '../../contract/schemas/records';
import type { Queryable } from '../../core/store/store';

/** An Akte with what the xdomea messages carry about it; loaded in bulk for offers and packages. */
export interface AkteRecord {
  readonly id: number;
  readonly uuid: string;
  readonly aktenzeichen: string;
  readonly title: string;
  readonly amtId: string;
  readonly amtName: string;
  readonly aktenplanNumber: string;
  readonly aktenplanTitle: string;
  readonly status: 'open' | 'zda';
  readonly openedAt: string;
  readonly zdaAt: string | null;
  readonly retentionYears: number | null;
  readonly archivalHint: ArchivalHint | null;
  readonly legalHold: string | null;
  readonly persons: readonly Person[];
  readonly vorgaenge: readonly VorgangRecord[];
}

export interface VorgangRecord {
  readonly uuid: string;
  readonly aktenzeichen: string;
  readonly title: string;
  readonly createdAt: string;
  readonly documents: readonly DocumentRecord[];
}

export interface DocumentRecord {
  readonly uuid: string;
  readonly title: string;
  readonly docType: string | null;
  readonly sender: string | null;
  readonly documentDate: string | null;
  readonly receivedAt: string | null;
  readonly versions: readonly VersionRecord[];
}

export interface VersionRecord {
  readonly uuid: string;
  readonly versionNo: number;
  readonly fileName: string;
  readonly mimeType: string;
  readonly blobHash: string;
  readonly size: number;
  readonly createdAt: string;
  readonly createdBy: string | null;
}

interface AkteRow {
  id: number;
  uuid: string;
  aktenzeichen: string;
  title: string;
  amt_id: string;
  amt_name: string;
  plan_number: string;
  plan_title: string;
  status: 'open' | 'zda';
  opened_at: string;
  zda_at: string | null;
  retention_years: number | null;
  archival_hint: ArchivalHint | null;
  legal_hold: string | null;
}

// SQLite allows 32766 parameters; smaller chunks keep each statement quick.
const CHUNK = 500;

async function chunked<T, R>(items: readonly T[], fn: (part: readonly T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(...(await fn(items.slice(i, i + CHUNK))));
  return out;
}

const marks = (n: number) => Array.from({ length: n }, () => '?').join(',');

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** Akten by UUID, in the given order, without Vorgänge; unknown UUIDs are left out. */
export async function loadAkten(q: Queryable, uuids: readonly string[]): Promise<AkteRecord[]> {
  const rows = await chunked(uuids, (part) =>
    q.all<AkteRow>(
      `SELECT a.id, a.uuid, a.aktenzeichen, a.title, a.amt_id, m.name AS amt_name, p.number AS plan_number,
              p.title AS plan_title, a.status, a.opened_at, a.zda_at, p.retention_years, p.archival_hint, a.legal_hold
       FROM akte a JOIN aktenplan_entry p ON p.id = a.aktenplan_entry_id JOIN amt m ON m.id = a.amt_id
       WHERE a.uuid IN (${marks(part.length)})`,
      part as string[],
    ),
  );
  const persons = await chunked(rows, (part) =>
    q.all<{ akte_id: number; role: string; name: string; birth_date: string | null }>(
      `SELECT akte_id, role, name, birth_date FROM akte_person WHERE akte_id IN (${marks(part.length)}) ORDER BY rowid`,
      part.map((r) => r.id),
    ),
  );
  const personsOf = groupBy(persons, (p) => p.akte_id);
  const byUuid = new Map(
    rows.map((r) => [
      r.uuid,
      {
        id: r.id,
        uuid: r.uuid,
        aktenzeichen: r.aktenzeichen,
        title: r.title,
        amtId: r.amt_id,
        amtName: r.amt_name,
        aktenplanNumber: r.plan_number,
        aktenplanTitle: r.plan_title,
        status: r.status,
        openedAt: r.opened_at,
        zdaAt: r.zda_at,
        retentionYears: r.retention_years,
        archivalHint: r.archival_hint,
        legalHold: r.legal_hold,
        persons: (personsOf.get(r.id) ?? []).map((p) => ({ role: p.role, name: p.name, birthDate: p.birth_date })),
        vorgaenge: [],
      } satisfies AkteRecord,
    ]),
  );
  return uuids.flatMap((u) => byUuid.get(u) ?? []);
}

interface ContentRow {
  akte_id: number;
  vorgang_uuid: string;
  vorgang_aktenzeichen: string;
  vorgang_title: string;
  vorgang_created_at: string;
  document_uuid: string | null;
  title: string | null;
  doc_type: string | null;
  sender: string | null;
  document_date: string | null;
  received_at: string | null;
  version_uuid: string | null;
  version_no: number | null;
  file_name: string | null;
  mime_type: string | null;
  blob_hash: string | null;
  size: number | null;
  version_created_at: string | null;
  created_by: string | null;
}

/** The same Akten with their Vorgänge, Dokumente and versions, for the 0503 package. */
export async function loadAktenWithContent(q: Queryable, uuids: readonly string[]): Promise<AkteRecord[]> {
  const akten = await loadAkten(q, uuids);
  const rows = await chunked(akten, (part) =>
    q.all<ContentRow>(
      `SELECT v.akte_id, v.uuid AS vorgang_uuid, v.aktenzeichen AS vorgang_aktenzeichen, v.title AS vorgang_title,
              v.created_at AS vorgang_created_at, d.uuid AS document_uuid, d.title, d.doc_type, d.sender,
              d.document_date, pi.received_at, dv.uuid AS version_uuid, dv.version_no, dv.file_name, dv.mime_type,
              dv.blob_hash, b.size, dv.created_at AS version_created_at, u.username AS created_by
       FROM vorgang v
       LEFT JOIN document d ON d.vorgang_id = v.id
       LEFT JOIN posteingang_item pi ON pi.id = d.posteingang_item_id
       LEFT JOIN document_version dv ON dv.document_id = d.id
       LEFT JOIN blob b ON b.hash = dv.blob_hash
       LEFT JOIN app_user u ON u.id = dv.created_by
       WHERE v.akte_id IN (${marks(part.length)})
       ORDER BY v.akte_id, v.running_no, COALESCE(d.document_date, pi.received_at, d.created_at), d.id, dv.version_no`,
      part.map((a) => a.id),
    ),
  );
  const rowsOf = groupBy(rows, (r) => r.akte_id);
  return akten.map((akte) => ({ ...akte, vorgaenge: groupVorgaenge(rowsOf.get(akte.id) ?? []) }));
}

function groupVorgaenge(rows: readonly ContentRow[]): VorgangRecord[] {
  const vorgaenge = new Map<string, VorgangRecord & { documents: DocumentRecord[] }>();
  const documents = new Map<string, DocumentRecord & { versions: VersionRecord[] }>();
  for (const r of rows) {
    let vorgang = vorgaenge.get(r.vorgang_uuid);
    if (!vorgang) {
      vorgang = {
        uuid: r.vorgang_uuid,
        aktenzeichen: r.vorgang_aktenzeichen,
        title: r.vorgang_title,
        createdAt: r.vorgang_created_at,
        documents: [],
      };
      vorgaenge.set(r.vorgang_uuid, vorgang);
    }
    if (r.document_uuid === null) continue;
    let document = documents.get(r.document_uuid);
    if (!document) {
      document = {
        uuid: r.document_uuid,
        title: r.title ?? '',
        docType: r.doc_type,
        sender: r.sender,
        documentDate: r.document_date,
        receivedAt: r.received_at,
        versions: [],
      };
      documents.set(r.document_uuid, document);
      vorgang.documents.push(document);
    }
    if (r.version_uuid === null) continue;
    document.versions.push({
      uuid: r.version_uuid,
      versionNo: r.version_no ?? 1,
      fileName: r.file_name ?? '',
      mimeType: r.mime_type ?? 'application/octet-stream',
      blobHash: r.blob_hash ?? '',
      size: r.size ?? 0,
      createdAt: r.version_created_at ?? '',
      createdBy: r.created_by,
    });
  }
  return [...vorgaenge.values()];
}
