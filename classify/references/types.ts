/** What the extractor finds in a document's text. */
export type ReferenceType =
  | 'kassenzeichen'
  | 'vollstreckungsnummer'
  | 'courtAktenzeichen'
  | 'aktenzeichen'
  | 'azrNummer'
  | 'person'
  | 'iban'
  | 'amount'
  | 'date'
  | 'documentDate'
  | 'deadline'
  | 'sender';

export const referenceTypes: readonly ReferenceType[] = [
  'kassenzeichen',
  'vollstreckungsnummer',
  'courtAktenzeichen',
  'aktenzeichen',
  'azrNummer',
  'person',
  'iban',
  'amount',
  'date',
  'documentDate',
  'deadline',
  'sender',
];

/**
 * One finding. `value` is normalised (see the per-type notes below); `raw` is the text as read, which
 * may contain OCR errors; `start`/`end` are UTF-16 offsets into the text that was passed in.
 *
 * Values: kassenzeichen 12 digits; vollstreckungsnummer `V-YYYY-NNNNNN`; courtAktenzeichen
 * `12 K 3456/24`; aktenzeichen in the configured pattern; azrNummer 12 digits; person
 * `Nachname, Vorname|YYYY-MM-DD`; iban without spaces; amount `1234.56` (euros); date, documentDate
 * `YYYY-MM-DD`; deadline `YYYY-MM-DD` when a document date resolves it, else an ISO duration (`P14D`,
 * `P1M`); sender the name as printed, spaces collapsed.
 */
export interface Reference {
  readonly type: ReferenceType;
  readonly value: string;
  readonly raw: string;
  readonly start: number;
  readonly end: number;
  /** 0..1: how sure the extractor is that this is the reference and that the value is read right. */
  readonly confidence: number;
}
