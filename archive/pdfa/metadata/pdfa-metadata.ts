/** What a caller says about a document; everything PDF/A needs beyond this is derived. */
export interface PdfAMetadata {
  /** dc:title and Info /Title. */
  readonly title: string;
  /** dc:creator (one entry) and Info /Author: the person or office that wrote the document. */
  readonly author?: string;
  /** dc:description and Info /Subject. */
  readonly subject?: string;
  /** pdf:Keywords and Info /Keywords, joined with ", ". */
  readonly keywords?: readonly string[];
  /** xmp:CreatorTool and Info /Creator: the application that made the content. Default "eAkte Desk". */
  readonly creatorTool?: string;
  /** pdf:Producer and Info /Producer. Default "eAkte Desk (pdf-lib)". */
  readonly producer?: string;
  readonly createdAt: Date;
  /** Default: createdAt. Also used as xmp:MetadataDate, so output depends only on the input. */
  readonly modifiedAt?: Date;
  /**
   * A UUID that stays with the document across versions (xmpMM:DocumentID, first trailer /ID entry),
   * e.g. the DMS document id. Default: kept from the PDF if it has one, otherwise random.
   */
  readonly documentId?: string;
  /** A UUID for this very file (xmpMM:InstanceID, second trailer /ID entry). Default: random. */
  readonly instanceId?: string;
  /** Natural language of the text, catalog /Lang and dc:language. Default "de-DE". */
  readonly language?: string;
}

/** Metadata with defaults applied and text cleaned of characters XML 1.0 and PDF text strings cannot hold. */
export interface ResolvedMetadata {
  /** Undefined when the title is empty after cleaning; then neither Info nor XMP carries one. */
  readonly title: string | undefined;
  readonly author: string | undefined;
  readonly subject: string | undefined;
  readonly keywords: string | undefined;
  readonly creatorTool: string;
  readonly producer: string;
  readonly createdAt: Date;
  readonly modifiedAt: Date;
  readonly documentId: string;
  readonly instanceId: string;
  readonly language: string;
}

export const DEFAULT_CREATOR_TOOL = 'eAkte Desk';
export const DEFAULT_PRODUCER = 'eAkte Desk (pdf-lib)';

// Characters XML 1.0 cannot carry: C0 controls except tab/LF/CR, U+FFFE/U+FFFF and lone surrogates.
const NOT_XML_CHAR =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export const cleanText = (text: string): string => text.replace(NOT_XML_CHAR, '').trim();

const optional = (text: string | undefined): string | undefined => {
  const cleaned = text === undefined ? '' : cleanText(text);
  return cleaned === '' ? undefined : cleaned;
};

function assertDate(name: string, date: Date): Date {
  if (Number.isNaN(date.getTime())) throw new RangeError(`PdfAMetadata.${name} is not a valid date`);
  return date;
}

export function resolveMetadata(
  meta: PdfAMetadata,
  ids: { readonly documentId: string; readonly instanceId: string },
): ResolvedMetadata {
  const createdAt = assertDate('createdAt', meta.createdAt);
  const keywords = meta.keywords?.map(cleanText).filter((k) => k !== '');
  return {
    title: optional(meta.title),
    author: optional(meta.author),
    subject: optional(meta.subject),
    keywords: keywords && keywords.length > 0 ? keywords.join(', ') : undefined,
    creatorTool: optional(meta.creatorTool) ?? DEFAULT_CREATOR_TOOL,
    producer: optional(meta.producer) ?? DEFAULT_PRODUCER,
    createdAt,
    modifiedAt: assertDate('modifiedAt', meta.modifiedAt ?? createdAt),
    documentId: ids.documentId,
    instanceId: ids.instanceId,
    language: optional(meta.language) ?? 'de-DE',
  };
}
