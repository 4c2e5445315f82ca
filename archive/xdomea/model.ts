import type { ArchivalHint } from '../../contract/schemas/records';

/**
 * The plain model of the xdomea Aussonderung messages (0501–0507), independent of XML and of any store.
 * Field names follow our glossary; the mapping to xdomea element names lives in read/ and write/.
 * Strings are kept exactly as in the message (xs:string preserves whitespace); an element that is present
 * but empty reads as ''. xdomea 3.x has no message UUID (nachrichtenUUID came with 4.0): a message is
 * identified by its ProzessID and type.
 */

export type { ArchivalHint };
export type Uuid = string;
/** xs:date, e.g. `2024-05-31` (a time zone suffix is allowed by the schema). */
export type IsoDate = string;
/** xs:dateTime, e.g. `2024-05-31T12:00:00Z`. */
export type IsoDateTime = string;

export type XdomeaVersion = '3.0.0' | '3.1.0';
export type MessageTypeCode = '0501' | '0502' | '0503' | '0504' | '0505' | '0506' | '0507';

/** An Aussonderungsart: a code of the standard list, or an archive's own configured value. */
export type ArchivalValue = ArchivalHint | { readonly configured: string };

/** A value of an XÖV code list. */
export interface CodeValue {
  readonly code: string;
  readonly name?: string;
  readonly listUri?: string;
  readonly listVersion?: string;
}

export interface PersonName {
  readonly salutation?: string;
  readonly title?: string;
  readonly familyName?: string;
  readonly givenName?: string;
}

export interface PostalAddress {
  /** Country code of the KoSIT country list; its list version is required by the schema. */
  readonly country?: { readonly code: string; readonly listVersion: string; readonly name?: string };
  readonly street?: string;
  readonly houseNumber?: string;
  readonly postOfficeBox?: string;
  readonly postalCode?: string;
  readonly city?: string;
  readonly addition?: string;
}

/** A Kontakt: an authority, an organisation unit and/or a person. */
export interface Contact {
  /** Behoerdenkennung: key and prefix from the authority list. */
  readonly authorityKey?: CodeValue;
  readonly authorityPrefix?: CodeValue;
  readonly institution?: { readonly name?: string; readonly shortName?: string };
  readonly orgUnit?: string;
  readonly person?: PersonName;
  readonly activity?: string;
  readonly responsibility?: string;
  readonly addresses?: readonly PostalAddress[];
  readonly role?: CodeValue;
}

export interface SendingSystem {
  readonly instanceId?: string;
  readonly productName?: string;
  readonly version?: string;
}

export interface MessageHeader {
  /** Shared by all messages of one Aussonderung. */
  readonly prozessId: Uuid;
  readonly createdAt: IsoDateTime;
  readonly sender: Contact;
  readonly recipient: Contact;
  readonly sendingSystem?: SendingSystem;
  readonly note?: string;
}

export interface Period {
  readonly start?: IsoDate;
  readonly end?: IsoDate;
}

export interface AktenplanRef {
  readonly number?: string;
  readonly title?: string;
  readonly shortTitle?: string;
}

export interface HistoryEntry {
  readonly actor: string;
  readonly at: IsoDateTime;
  readonly action: string;
  readonly field?: string;
  readonly oldValue?: string;
  readonly newValue?: string;
  readonly note?: string;
}

/** ArchivspezifischeMetadaten of an Akte or Vorgang. */
export interface ArchivalMetadata {
  /** Aufbewahrungsdauer in years, or without limit. */
  readonly retentionYears?: number | 'unlimited';
  readonly archivalHint?: ArchivalValue;
  /** Kennung given by the archive. */
  readonly archiveId?: string;
  /** Bewertungsvorschlag of the office. */
  readonly appraisalProposal?: 'A' | 'V';
  readonly retentionEndsAt?: IsoDate;
}

/** AllgemeineMetadaten and identification shared by Akte, Vorgang and Dokument. */
export interface RecordObjectBase {
  readonly xdomeaUuid: Uuid;
  /** NummerImUebergeordnetenContainer. */
  readonly position?: number;
  /** Betreff. */
  readonly title?: string;
  /** Kennzeichen. */
  readonly aktenzeichen?: string;
  /** Federfuehrung: the organisation unit in charge. */
  readonly leadOrgUnit?: string;
  /** Aktenfuehrung: the organisation unit keeping the records. */
  readonly recordsOrgUnit?: string;
  /** Code of the Vertraulichkeitsstufe list (001–005). */
  readonly confidentiality?: string;
  readonly remark?: string;
  /** Code of the Medium list: 001 electronic, 002 paper, 003 hybrid. */
  readonly medium?: string;
  readonly aktenplan?: AktenplanRef;
  readonly history?: readonly HistoryEntry[];
}

export interface PrimaryFile {
  /** Name of the file in the package: `<UUID>.<ext>` or `<UUID>_<Betreff>.<ext>`. */
  readonly fileName: string;
  readonly originalFileName?: string;
  readonly creator?: string;
  readonly createdAt?: IsoDateTime;
}

/** One representation of a version. xdomea 3.x has no checksum field for it. */
export interface DocumentFormat {
  /** Code of the Dateiformat list (see file-formats.ts). */
  readonly code: string;
  readonly codeListVersion: string;
  /** SonstigerName, required by the list for code 100 (other). */
  readonly otherName?: string;
  /** Format version, e.g. `2b` for PDF/A-2b; may be empty. */
  readonly formatVersion: string;
  readonly file: PrimaryFile;
}

export interface DocumentVersion {
  readonly number: string;
  readonly formats: readonly DocumentFormat[];
}

export interface Dokument extends RecordObjectBase {
  readonly kind: 'dokument';
  /** FremdesGeschaeftszeichen. */
  readonly senderReference?: string;
  /** Posteingangsdatum. */
  readonly receivedAt?: IsoDate;
  /** Postausgangsdatum. */
  readonly sentAt?: IsoDate;
  /** DatumDesSchreibens. */
  readonly documentDate?: IsoDate;
  /** Bezug. */
  readonly regarding?: string;
  /** Bearbeiter. */
  readonly clerk?: string;
  /** Typ. */
  readonly docType?: string;
  readonly versions?: readonly DocumentVersion[];
  readonly attachments?: readonly Anlage[];
  readonly senders?: readonly Contact[];
  readonly recipients?: readonly Contact[];
  readonly otherContacts?: readonly Contact[];
}

/** An attachment is a Dokument with its own number. */
export interface Anlage extends Dokument {
  readonly attachmentNumber?: string;
}

export interface Vorgang extends RecordObjectBase {
  readonly kind: 'vorgang';
  readonly archival?: ArchivalMetadata;
  /** Aktenbetreff: title of the Akte the Vorgang belongs to. */
  readonly akteTitle?: string;
  readonly vorgangType?: string;
  readonly zda?: boolean;
  readonly zdaAt?: IsoDate;
  readonly period?: Period;
  readonly documents?: readonly Dokument[];
  readonly contacts?: readonly Contact[];
  readonly teilvorgaenge?: readonly Vorgang[];
}

export interface Akte extends RecordObjectBase {
  readonly kind: 'akte';
  readonly archival?: ArchivalMetadata;
  /** Standort. */
  readonly location?: string;
  readonly akteType?: string;
  readonly period?: Period;
  readonly documents?: readonly Dokument[];
  readonly vorgaenge?: readonly Vorgang[];
  readonly teilakten?: readonly Akte[];
  readonly contacts?: readonly Contact[];
  readonly zda?: boolean;
  readonly zdaAt?: IsoDate;
}

/** A Schriftgutobjekt at the top of a message. */
export type RecordObject = Akte | Vorgang | Dokument;

/** 0501 Anbieteverzeichnis: the office offers objects (metadata only). */
export interface OfferMessage {
  readonly type: '0501';
  readonly header: MessageHeader;
  readonly receiptRequested: boolean;
  readonly coverLetters?: readonly Dokument[];
  readonly objects: readonly RecordObject[];
}

export interface Appraisal {
  readonly xdomeaUuid: Uuid;
  readonly decision: ArchivalValue;
}

/** 0502 Bewertungsverzeichnis: the archive's decision per offered object. */
export interface AppraisalMessage {
  readonly type: '0502';
  readonly header: MessageHeader;
  readonly receiptRequested: boolean;
  readonly appraisals: readonly Appraisal[];
}

/**
 * 0503 Aussonderung: the objects to archive, with primary files in the same ZIP. The schema fixes
 * Importbestaetigung to 1, so a 0506 is always requested and the model has no flag for it.
 */
export interface AussonderungMessage {
  readonly type: '0503';
  readonly header: MessageHeader;
  /** RueckmeldungArchivkennung: the archive is asked to report its identifiers. */
  readonly archiveIdRequested: boolean;
  /** Empfangsbestaetigung: the archive is asked for a 0507. */
  readonly receiptRequested: boolean;
  readonly coverLetters?: readonly Dokument[];
  readonly objects: readonly RecordObject[];
}

/** 0504 receipt of a 0501, 0505 receipt of a 0502, 0507 receipt of a 0503: a header only. */
export interface ReceiptMessage {
  readonly type: '0504' | '0505' | '0507';
  readonly header: MessageHeader;
}

export interface ImportErrorCode {
  readonly code: string;
  readonly name?: string;
  readonly listUri: string;
  readonly listVersion: string;
}

export interface ImportResult {
  /** IDSGO: the object that was (or was not) imported. */
  readonly xdomeaUuid: Uuid;
  readonly success: boolean;
  readonly errorMessages?: readonly string[];
  readonly errorCodes?: readonly ImportErrorCode[];
  /** Archivkennung: the archive's identifier of the object. */
  readonly archiveId?: string;
}

/** 0506 AussonderungImportBestaetigen: per-object success or failure of the import. */
export interface ImportConfirmationMessage {
  readonly type: '0506';
  readonly header: MessageHeader;
  readonly results: readonly ImportResult[];
}

export type XdomeaMessage =
  OfferMessage | AppraisalMessage | AussonderungMessage | ReceiptMessage | ImportConfirmationMessage;
