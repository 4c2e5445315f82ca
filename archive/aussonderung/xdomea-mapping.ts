import { retentionExpiresOn } from '../../core/domain/retention';
import type { Akte, Contact, DocumentFormat, Dokument, MessageHeader, Vorgang } from '../xdomea/index';
import type { AkteRecord, DocumentRecord, VersionRecord, VorgangRecord } from './akte-records';
import type { Parties } from './parties';

/** Pure mapping of our records to the xdomea model; the only place that decides what the archive learns. */

const MEDIUM_ELECTRONIC = '001';

const dayBefore = (isoDate: string): string =>
  new Date(Date.parse(`${isoDate}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

export function messageHeader(parties: Parties, amt: { id: string; name: string }, prozessId: string, createdAt: string): MessageHeader {
  return {
    prozessId,
    createdAt,
    sender: { institution: { name: parties.institution }, orgUnit: `Amt ${amt.id} – ${amt.name}` },
    recipient: { institution: { name: parties.archive }, orgUnit: parties.archiveUnit },
    sendingSystem: { productName: 'eAkte Desk' },
  };
}

/** What the archive needs to appraise an Akte: identification, Aktenplan, Laufzeit, retention, hint; no content. */
export function offerObject(akte: AkteRecord, position: number): Akte {
  const years = akte.retentionYears;
  const zdaAt = akte.zdaAt ?? undefined;
  return {
    kind: 'akte',
    xdomeaUuid: akte.uuid,
    position,
    title: akte.title,
    aktenzeichen: akte.aktenzeichen,
    leadOrgUnit: `Amt ${akte.amtId}`,
    recordsOrgUnit: `Amt ${akte.amtId}`,
    medium: MEDIUM_ELECTRONIC,
    aktenplan: { number: akte.aktenplanNumber, title: akte.aktenplanTitle },
    archival: {
      ...(years === null ? {} : { retentionYears: years }),
      ...(akte.archivalHint === null ? {} : { archivalHint: akte.archivalHint }),
      ...(years === null || !zdaAt ? {} : { retentionEndsAt: dayBefore(retentionExpiresOn(zdaAt, years)) }),
    },
    period: { start: akte.openedAt, ...(zdaAt ? { end: zdaAt } : {}) },
    zda: akte.status === 'zda',
    ...(zdaAt ? { zdaAt } : {}),
  };
}

/** How one version goes into the package: its files there with their Dateiformat, the archival one first. */
export interface PackagedVersion {
  readonly files: readonly { readonly fileName: string; readonly format: Omit<DocumentFormat, 'file'> }[];
  /** Why the file is not PDF/A; travels as the Dokument's Bemerkung so nothing is sent silently. */
  readonly problem: string | null;
}

/**
 * The full Akte for the 0503: Vorgänge, Dokumente, every version with its primary file, and the
 * persons of the Akte (name and role; birth dates are not part of the xdomea contact model we write).
 */
export function handoverObject(
  akte: AkteRecord,
  position: number,
  packaged: (version: VersionRecord) => PackagedVersion,
): Akte {
  return {
    ...offerObject(akte, position),
    contacts: akte.persons.map((p): Contact => ({ person: { familyName: p.name }, role: { code: p.role } })),
    vorgaenge: akte.vorgaenge.map((v, i) => vorgangObject(akte, v, i + 1, packaged)),
  };
}

function vorgangObject(
  akte: AkteRecord,
  vorgang: VorgangRecord,
  position: number,
  packaged: (version: VersionRecord) => PackagedVersion,
): Vorgang {
  return {
    kind: 'vorgang',
    xdomeaUuid: vorgang.uuid,
    position,
    title: vorgang.title,
    aktenzeichen: vorgang.aktenzeichen,
    akteTitle: akte.title,
    documents: vorgang.documents.map((d, i) => dokumentObject(d, i + 1, packaged)),
  };
}

function dokumentObject(
  document: DocumentRecord,
  position: number,
  packaged: (version: VersionRecord) => PackagedVersion,
): Dokument {
  const versions = document.versions.map((v) => ({ record: v, packaged: packaged(v) }));
  const problems = versions.flatMap((v) => (v.packaged.problem ? [`Version ${v.record.versionNo}: ${v.packaged.problem}`] : []));
  return {
    kind: 'dokument',
    xdomeaUuid: document.uuid,
    position,
    title: document.title,
    medium: MEDIUM_ELECTRONIC,
    ...(problems.length ? { remark: `Nicht PDF/A-konform – ${problems.join('; ')}` } : {}),
    ...(document.receivedAt ? { receivedAt: document.receivedAt.slice(0, 10) } : {}),
    ...(document.documentDate ? { documentDate: document.documentDate } : {}),
    ...(document.docType ? { docType: document.docType } : {}),
    ...(document.sender ? { senders: [{ institution: { name: document.sender } }] } : {}),
    versions: versions.map(({ record, packaged: p }) => ({
      number: String(record.versionNo),
      formats: p.files.map((f) => ({
        ...f.format,
        file: {
          fileName: f.fileName,
          originalFileName: record.fileName,
          ...(record.createdBy ? { creator: record.createdBy } : {}),
          ...(record.createdAt ? { createdAt: record.createdAt } : {}),
        },
      })),
    })),
  };
}
