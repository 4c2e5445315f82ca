import type {
  AkteSummary,
  AktenplanEntry,
  DocumentSummary,
  DocumentVersion,
  Wiedervorlage,
} from '../../contract/schemas/records';

/** SQL column lists and row mappers shared by the records queries. */
const AKTE_COLUMNS = `a.id, a.uuid, a.aktenzeichen, a.title, a.amt_id, p.number AS plan_number, a.status, a.opened_at,
  a.zda_at, a.legal_hold`;
const AKTE_FROM = 'FROM akte a JOIN aktenplan_entry p ON p.id = a.aktenplan_entry_id';

/** For checks and changes: no document count, which would cost a scan per call in large Akten. */
export const AKTE_ROW_SELECT = `SELECT ${AKTE_COLUMNS} ${AKTE_FROM}`;

export const AKTE_SUMMARY_SELECT = `SELECT ${AKTE_COLUMNS},
  (SELECT count(*) FROM document dc WHERE dc.akte_id = a.id) AS document_count ${AKTE_FROM}`;

export type AkteRow = Omit<AkteSummaryRow, 'document_count'>;

export interface AkteSummaryRow {
  id: number;
  uuid: string;
  aktenzeichen: string;
  title: string;
  amt_id: string;
  plan_number: string;
  status: 'open' | 'zda';
  opened_at: string;
  zda_at: string | null;
  legal_hold: string | null;
  document_count: number;
}

export const toAkteSummary = (r: AkteSummaryRow): AkteSummary => ({
  uuid: r.uuid,
  aktenzeichen: r.aktenzeichen,
  title: r.title,
  amtId: r.amt_id,
  aktenplanNumber: r.plan_number,
  status: r.status,
  openedAt: r.opened_at,
  zdaAt: r.zda_at,
  documentCount: r.document_count,
  legalHold: r.legal_hold,
});

export const DOCUMENT_COLUMNS = `d.id, d.uuid, d.title, d.doc_type, d.sender, d.document_date, d.status, d.amt_id,
  a.uuid AS akte_uuid, a.aktenzeichen, v.uuid AS vorgang_uuid, pi.received_at, pi.channel`;

/** Joins that DOCUMENT_COLUMNS and the access filter (aliases d, a) rely on. */
export const DOCUMENT_JOINS = `LEFT JOIN akte a ON a.id = d.akte_id
  LEFT JOIN vorgang v ON v.id = d.vorgang_id
  LEFT JOIN posteingang_item pi ON pi.id = d.posteingang_item_id`;

export const DOCUMENT_SUMMARY_SELECT = `SELECT ${DOCUMENT_COLUMNS} FROM document d ${DOCUMENT_JOINS}`;

export interface DocumentSummaryRow {
  id: number;
  uuid: string;
  title: string;
  doc_type: string | null;
  sender: string | null;
  document_date: string | null;
  status: 'eingang' | 'abgelegt';
  amt_id: string | null;
  akte_uuid: string | null;
  aktenzeichen: string | null;
  vorgang_uuid: string | null;
  received_at: string | null;
  channel: DocumentSummary['channel'];
}

export const toDocumentSummary = (r: DocumentSummaryRow): DocumentSummary => ({
  uuid: r.uuid,
  title: r.title,
  docType: r.doc_type,
  sender: r.sender,
  documentDate: r.document_date,
  receivedAt: r.received_at,
  channel: r.channel,
  status: r.status,
  amtId: r.amt_id,
  akteUuid: r.akte_uuid,
  aktenzeichen: r.aktenzeichen,
  vorgangUuid: r.vorgang_uuid,
});

export interface VersionRow {
  uuid: string;
  version_no: number;
  file_name: string;
  mime_type: string;
  size: number;
  blob_hash: string;
  created_at: string;
  created_by: string | null;
}

export const VERSION_SELECT = `
  SELECT dv.uuid, dv.version_no, dv.file_name, dv.mime_type, b.size, dv.blob_hash, dv.created_at,
         u.username AS created_by
  FROM document_version dv JOIN blob b ON b.hash = dv.blob_hash LEFT JOIN app_user u ON u.id = dv.created_by`;

export const toVersion = (r: VersionRow): DocumentVersion => ({
  uuid: r.uuid,
  versionNo: r.version_no,
  fileName: r.file_name,
  mimeType: r.mime_type,
  size: r.size,
  sha256: r.blob_hash,
  createdAt: r.created_at,
  createdBy: r.created_by ?? 'system',
});

export interface AktenplanRow {
  uuid: string;
  number: string;
  title: string;
  parent_uuid: string | null;
  amt_id: string;
  retention_years: number | null;
  archival_hint: 'A' | 'B' | 'V' | null;
  child_count: number;
}

export const toAktenplanEntry = (r: AktenplanRow): AktenplanEntry => ({
  uuid: r.uuid,
  number: r.number,
  title: r.title,
  parentUuid: r.parent_uuid,
  amtId: r.amt_id,
  retentionYears: r.retention_years,
  archivalHint: r.archival_hint,
  isLeaf: r.child_count === 0,
});

/** A letter handed to another Amt keeps its Wiedervorlage in the old Amt, without the new Amt's Aktenzeichen. */
export const WIEDERVORLAGE_SELECT = `
  SELECT w.uuid, w.due_date, w.note, a.uuid AS akte_uuid,
         COALESCE(a.aktenzeichen, CASE WHEN d.amt_id = w.amt_id THEN da.aktenzeichen END) AS aktenzeichen,
         d.uuid AS document_uuid, w.done_at, CASE WHEN d.amt_id <> w.amt_id THEN d.amt_id END AS handed_on_to
  FROM wiedervorlage w
  LEFT JOIN akte a ON a.id = w.akte_id
  LEFT JOIN document d ON d.id = w.document_id
  LEFT JOIN akte da ON da.id = d.akte_id`;

export interface WiedervorlageRow {
  uuid: string;
  due_date: string;
  note: string;
  akte_uuid: string | null;
  aktenzeichen: string | null;
  document_uuid: string | null;
  done_at: string | null;
  handed_on_to: string | null;
}

export const toWiedervorlage = (r: WiedervorlageRow): Wiedervorlage => ({
  uuid: r.uuid,
  dueDate: r.due_date,
  note: r.note,
  akteUuid: r.akte_uuid,
  aktenzeichen: r.aktenzeichen,
  documentUuid: r.document_uuid,
  doneAt: r.done_at,
  handedOnTo: r.handed_on_to,
});
