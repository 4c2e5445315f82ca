import type {
  Akte,
  AppraisalMessage,
  AussonderungMessage,
  Contact,
  Dokument,
  ImportConfirmationMessage,
  MessageHeader,
  OfferMessage,
  ReceiptMessage,
  Vorgang,
} from '../model';

/** Messages that use every field of the model, for round trips and schema checks in tests. */

export const PROZESS_ID = '3f0c1d2e-4b5a-4c6d-8e7f-901a2b3c4d5e';

const stadt: Contact = {
  authorityKey: {
    code: 'DE-NW-DU',
    name: 'Stadt Duisburg',
    listUri: 'urn:example:behoerden',
    listVersion: '1',
  },
  institution: { name: 'Stadt Duisburg', shortName: 'DU' },
  orgUnit: 'Amt 32 – Bürger- und Ordnungsamt',
  person: { salutation: 'Frau', title: 'Dr.', familyName: 'Öztürk-Weiß', givenName: 'Zeynep' },
  activity: 'Registratur',
  responsibility: 'Aussonderung',
  addresses: [
    {
      country: { code: 'DE', listVersion: '2024-03-05', name: 'Deutschland' },
      street: 'Burgplatz',
      houseNumber: '19',
      postalCode: '47051',
      city: 'Duisburg',
    },
  ],
  role: { code: 'abgebende Stelle' },
};

const archiv: Contact = {
  institution: { name: 'Stadtarchiv Duisburg' },
  orgUnit: 'Digitales Archiv (DiPS.kommunal)',
};

export const header = (createdAt = '2025-03-31T09:15:00Z'): MessageHeader => ({
  prozessId: PROZESS_ID,
  createdAt,
  sender: stadt,
  recipient: archiv,
  sendingSystem: { instanceId: 'eakte-desk-test', productName: 'eAkte Desk', version: '0.1.0' },
  note: 'Aussonderung Amt 32, Jahrgang 2014 <&> "alles" zu den Akten',
});

export const answerHeader = (createdAt: string): MessageHeader => ({
  prozessId: PROZESS_ID,
  createdAt,
  sender: archiv,
  recipient: { institution: { name: 'Stadt Duisburg' }, orgUnit: 'Amt 32' },
});

const bescheid: Dokument = {
  kind: 'dokument',
  xdomeaUuid: 'a1b2c3d4-0001-4000-8000-000000000001',
  position: 1,
  title: 'Bescheid über die Erteilung eines Aufenthaltstitels',
  aktenzeichen: '32.10.02-0815/2014-1',
  confidentiality: '002',
  medium: '001',
  remark: 'Zeile 1\r\nZeile 2 mit Tab\tund Emoji 📎',
  senderReference: 'AZR 123456789',
  receivedAt: '2014-02-03',
  sentAt: '2014-02-10',
  documentDate: '2014-02-07',
  regarding: 'Antrag vom 03.02.2014',
  clerk: 'Sachbearbeitung 32/1',
  docType: 'Bescheid',
  history: [{ actor: 'system', at: '2014-02-07T10:00:00+01:00', action: 'erstellt' }],
  versions: [
    {
      number: '1',
      formats: [
        {
          code: '044',
          codeListVersion: '2.0',
          formatVersion: '2b',
          file: {
            fileName: 'b7e1c2d3-1111-4a2b-9c3d-000000000001_Bescheid.pdf',
            originalFileName: 'Bescheid Aufenthaltstitel.pdf',
            creator: 'eAkte Desk',
            createdAt: '2014-02-07T10:00:00Z',
          },
        },
      ],
    },
  ],
  attachments: [
    {
      kind: 'dokument',
      xdomeaUuid: 'a1b2c3d4-0001-4000-8000-000000000002',
      title: 'Passkopie',
      attachmentNumber: '1',
      versions: [
        {
          number: '1',
          formats: [
            {
              code: '100',
              codeListVersion: '2.0',
              otherName: 'image/jp2',
              formatVersion: '',
              file: { fileName: 'b7e1c2d3-1111-4a2b-9c3d-000000000002.jp2' },
            },
          ],
        },
      ],
    },
  ],
  senders: [{ person: { familyName: 'Mustermann', givenName: 'Max' } }],
  recipients: [stadt],
  otherContacts: [{ institution: { name: 'Ausländerbehörde Düsseldorf' } }],
};

const antrag: Dokument = {
  kind: 'dokument',
  xdomeaUuid: 'a1b2c3d4-0001-4000-8000-000000000003',
  title: 'Antrag',
  versions: [
    {
      number: '1',
      formats: [
        {
          code: '045',
          codeListVersion: '2.0',
          formatVersion: '',
          file: { fileName: 'b7e1c2d3-1111-4a2b-9c3d-000000000003.txt' },
        },
      ],
    },
  ],
};

const vorgang: Vorgang = {
  kind: 'vorgang',
  xdomeaUuid: 'a1b2c3d4-0002-4000-8000-000000000001',
  title: 'Aufenthaltstitel M.',
  aktenzeichen: '32.10.02-0815/2014',
  leadOrgUnit: '32/1',
  recordsOrgUnit: '32/0 Registratur',
  archival: { retentionYears: 10, archivalHint: 'B', appraisalProposal: 'A', retentionEndsAt: '2025-01-01' },
  akteTitle: 'Aufenthaltstitel 2014',
  vorgangType: 'Antrag',
  zda: true,
  zdaAt: '2014-12-31',
  period: { start: '2014-02-03', end: '2014-12-31' },
  documents: [bescheid, antrag],
  contacts: [{ person: { familyName: 'Mustermann' } }],
  teilvorgaenge: [
    {
      kind: 'vorgang',
      xdomeaUuid: 'a1b2c3d4-0002-4000-8000-000000000002',
      title: 'Verlängerung',
      archival: { archivalHint: { configured: 'A-Sample 10 %' } },
    },
  ],
};

export const akte: Akte = {
  kind: 'akte',
  xdomeaUuid: 'a1b2c3d4-0003-4000-8000-000000000001',
  position: 7,
  title: 'Aufenthaltstitel 2014',
  aktenzeichen: '32.10.02-0815',
  aktenplan: { number: '32.10.02', title: 'Aufenthaltstitel', shortTitle: 'AT' },
  archival: {
    retentionYears: 'unlimited',
    archivalHint: 'A',
    archiveId: 'StA DU 32/2014/1',
  },
  location: 'E-Akte',
  akteType: 'Sachakte',
  period: { start: '2014-01-01', end: '2014-12-31' },
  history: [
    {
      actor: 'Registratur',
      at: '2014-12-31T16:00:00Z',
      action: 'zdA verfügt',
      field: 'Status',
      oldValue: 'offen',
      newValue: 'zdA',
      note: 'Jahresabschluss',
    },
  ],
  vorgaenge: [vorgang],
  teilakten: [
    { kind: 'akte', xdomeaUuid: 'a1b2c3d4-0003-4000-8000-000000000002', title: 'Teilakte Gebühren' },
  ],
  contacts: [stadt],
  zda: true,
  zdaAt: '2014-12-31',
};

const loseDokument: Dokument = {
  kind: 'dokument',
  xdomeaUuid: 'a1b2c3d4-0004-4000-8000-000000000001',
  title: 'Einzelnes Dokument ohne Akte',
};

const anschreiben: Dokument = {
  kind: 'dokument',
  xdomeaUuid: 'a1b2c3d4-0005-4000-8000-000000000001',
  title: 'Anschreiben zur Aussonderung',
  versions: [
    {
      number: '1',
      formats: [
        {
          code: '018',
          codeListVersion: '2.0',
          formatVersion: '1.7',
          file: { fileName: 'b7e1c2d3-1111-4a2b-9c3d-000000000009_Anschreiben.pdf' },
        },
      ],
    },
  ],
};

/** The offer carries metadata only (no primary files), as the schema's hint says. */
const withoutFiles = (object: Akte): Akte =>
  JSON.parse(JSON.stringify(object, (k, v) => (k === 'versions' ? undefined : v)));

export const offer: OfferMessage = {
  type: '0501',
  header: header(),
  receiptRequested: true,
  objects: [withoutFiles(akte), loseDokument],
};

export const appraisal: AppraisalMessage = {
  type: '0502',
  header: answerHeader('2025-04-14T11:00:00Z'),
  receiptRequested: false,
  appraisals: [
    { xdomeaUuid: akte.xdomeaUuid, decision: 'A' },
    { xdomeaUuid: loseDokument.xdomeaUuid, decision: 'V' },
    { xdomeaUuid: vorgang.xdomeaUuid, decision: { configured: 'Sample' } },
  ],
};

export const aussonderung: AussonderungMessage = {
  type: '0503',
  header: header('2025-05-02T08:00:00Z'),
  archiveIdRequested: true,
  receiptRequested: true,
  coverLetters: [anschreiben],
  objects: [akte],
};

export const receipts: readonly ReceiptMessage[] = [
  { type: '0504', header: answerHeader('2025-04-01T08:00:00Z') },
  { type: '0505', header: header('2025-04-15T08:00:00Z') },
  { type: '0507', header: answerHeader('2025-05-02T09:00:00Z') },
];

export const importConfirmation: ImportConfirmationMessage = {
  type: '0506',
  header: answerHeader('2025-05-09T14:30:00Z'),
  results: [
    { xdomeaUuid: akte.xdomeaUuid, success: true, archiveId: 'StA DU Best. 32 Nr. 4711' },
    {
      xdomeaUuid: bescheid.xdomeaUuid,
      success: false,
      errorMessages: ['Formatvalidierung fehlgeschlagen', 'PDF/A-2b: Schrift nicht eingebettet'],
      errorCodes: [
        { code: '99', name: 'Sonstiger Fehler', listUri: 'urn:example:fehler', listVersion: '1.0' },
      ],
    },
  ],
};

export const allSamples = [offer, appraisal, aussonderung, ...receipts, importConfirmation] as const;
