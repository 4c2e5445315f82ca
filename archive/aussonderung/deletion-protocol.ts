import type { DeletionProtocolEntry } from '../../contract/methods/aussonderung';
import type { ArchivalHint } from '../../contract/schemas/records';
import type { Queryable } from '../../core/store/store';

interface Row {
  seq: number;
  uuid: string;
  prozess_id: string;
  akte_uuid: string;
  aktenzeichen: string;
  amt_id: string;
  aktenplan_number: string;
  opened_at: string;
  zda_at: string;
  retention_years: number | null;
  decision: ArchivalHint;
  ground: 'archived' | 'destroyed';
  appraisal_at: string;
  archive_id: string | null;
  import_confirmed_at: string | null;
  vorgaenge: number;
  documents: number;
  versions: number;
  blobs_removed: number;
  deleted_at: string;
  deleted_by: string;
}

/** The Löschprotokoll, oldest first; it names Aktenzeichen and counts, not titles or persons. */
export async function loadDeletionProtocol(q: Queryable, prozessId?: string): Promise<DeletionProtocolEntry[]> {
  const rows = await q.all<Row>(
    `SELECT * FROM loeschprotokoll ${prozessId ? 'WHERE prozess_id = ?' : ''} ORDER BY seq`,
    prozessId ? [prozessId.toLowerCase()] : [],
  );
  return rows.map((r) => ({
    seq: r.seq,
    uuid: r.uuid,
    prozessId: r.prozess_id,
    akteUuid: r.akte_uuid,
    aktenzeichen: r.aktenzeichen,
    amtId: r.amt_id,
    aktenplanNumber: r.aktenplan_number,
    openedAt: r.opened_at,
    zdaAt: r.zda_at,
    retentionYears: r.retention_years,
    decision: r.decision,
    ground: r.ground,
    appraisalAt: r.appraisal_at,
    archiveId: r.archive_id,
    importConfirmedAt: r.import_confirmed_at,
    vorgaenge: r.vorgaenge,
    documents: r.documents,
    versions: r.versions,
    blobsRemoved: r.blobs_removed,
    deletedAt: r.deleted_at,
    deletedBy: r.deleted_by,
  }));
}

const COLUMNS: readonly [keyof DeletionProtocolEntry, string][] = [
  ['seq', 'Nr'],
  ['deletedAt', 'Gelöscht am'],
  ['deletedBy', 'Gelöscht von'],
  ['aktenzeichen', 'Aktenzeichen'],
  ['amtId', 'Amt'],
  ['aktenplanNumber', 'Aktenplan'],
  ['openedAt', 'Laufzeit von'],
  ['zdaAt', 'zdA am'],
  ['retentionYears', 'Aufbewahrung (Jahre)'],
  ['decision', 'Bewertung'],
  ['ground', 'Grund'],
  ['appraisalAt', 'Bewertung erhalten am'],
  ['prozessId', 'ProzessID'],
  ['archiveId', 'Archivkennung'],
  ['importConfirmedAt', 'Übernahme bestätigt am'],
  ['vorgaenge', 'Vorgänge'],
  ['documents', 'Dokumente'],
  ['versions', 'Versionen'],
  ['blobsRemoved', 'Dateien entfernt'],
  ['akteUuid', 'Akte-UUID'],
  ['uuid', 'Protokoll-UUID'],
];

const GROUND: Record<DeletionProtocolEntry['ground'], string> = { archived: 'an das Archiv übergeben', destroyed: 'vernichtet' };

const cell = (value: unknown): string => {
  const text = value === null || value === undefined ? '' : String(value);
  return /[;"\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** CSV as German spreadsheet programs open it: UTF-8 with BOM, semicolons, CRLF. */
export function deletionProtocolCsv(entries: readonly DeletionProtocolEntry[]): string {
  const lines = [
    COLUMNS.map(([, title]) => cell(title)).join(';'),
    ...entries.map((e) => COLUMNS.map(([key]) => cell(key === 'ground' ? GROUND[e.ground] : e[key])).join(';')),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
