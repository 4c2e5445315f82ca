import type { User } from '../../contract/schemas/identity';
import type { Akte, AkteSummary, DocumentSummary, DocumentVersion } from '../../contract/schemas/records';

/** Small, readable records for component tests (invented, like the demo data). */
let n = 0;
export const uuid = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;

export const clerk21: User = {
  uuid: uuid(),
  username: 'sb21',
  displayName: 'Murat Yıldız (Amt 21)',
  grants: [{ role: 'sachbearbeitung', amtId: '21' }],
};

export const archivist: User = {
  uuid: uuid(),
  username: 'archiv',
  displayName: 'Sabine Wolff (Stadtarchiv)',
  grants: [{ role: 'archiv', amtId: null }],
};

export function akteSummary(over: Partial<AkteSummary> = {}): AkteSummary {
  return {
    uuid: uuid(),
    aktenzeichen: '21.30.02-0001/2026',
    title: 'Vollstreckung Erika Beispiel, Kassenzeichen 210-2026-123456',
    amtId: '21',
    aktenplanNumber: '21.30.02',
    status: 'open',
    openedAt: '2026-01-12',
    zdaAt: null,
    documentCount: 2,
    legalHold: null,
    ...over,
  };
}

export function akte(over: Partial<Akte> = {}): Akte {
  return {
    ...akteSummary(over),
    aktenplanTitle: 'Forderungspfändungen',
    retentionYears: 10,
    archivalHint: 'V',
    persons: [{ role: 'Schuldner/in', name: 'Erika Beispiel', birthDate: '1970-05-01' }],
    vorgaenge: [{ uuid: uuid(), aktenzeichen: '21.30.02-0001/2026-01', title: 'Beitreibung Grundsteuer B', createdAt: '2026-01-12T09:00:00+01:00', documentCount: 2 }],
    ...over,
  };
}

export function documentSummary(over: Partial<DocumentSummary> = {}): DocumentSummary {
  return {
    uuid: uuid(),
    title: 'Pfändungs- und Einziehungsverfügung an Sparkasse Rhein-Ruhr',
    docType: 'Pfändungs- und Einziehungsverfügung',
    sender: 'Stadt Musterstadt, Vollstreckungsstelle',
    documentDate: '2026-03-02',
    receivedAt: '2026-03-02T09:00:00+01:00',
    channel: 'papier',
    status: 'abgelegt',
    amtId: '21',
    akteUuid: null,
    aktenzeichen: '21.30.02-0001/2026',
    vorgangUuid: null,
    ...over,
  };
}

export function documentVersion(versionNo: number, fileName = `fassung-${versionNo}.pdf`): DocumentVersion {
  return {
    uuid: uuid(),
    versionNo,
    fileName,
    mimeType: 'application/pdf',
    size: 1000 * versionNo,
    sha256: String(versionNo).repeat(64),
    createdAt: `2026-11-0${versionNo}T09:00:00Z`,
    createdBy: 'sb21',
  };
}
