import { xmpDate } from './dates';
import { xmpUuid } from './document-id';
import type { ResolvedMetadata } from './pdfa-metadata';

/**
 * The XMP packet for PDF/A-2b. Only schemas PDF/A predefines (pdfaid, dc, pdf, xmp, xmpMM) are used, so no
 * extension schema is needed. No `bytes`/`encoding` attributes in the packet header (forbidden by PDF/A);
 * padding lets later tools edit in place.
 */

const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const element = (name: string, value: string): string => `   <${name}>${escapeXml(value)}</${name}>\n`;

const alt = (name: string, value: string): string =>
  `   <${name}><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(value)}</rdf:li></rdf:Alt></${name}>\n`;

const bag = (name: string, value: string): string =>
  `   <${name}><rdf:Bag><rdf:li>${escapeXml(value)}</rdf:li></rdf:Bag></${name}>\n`;

const seq = (name: string, value: string): string =>
  `   <${name}><rdf:Seq><rdf:li>${escapeXml(value)}</rdf:li></rdf:Seq></${name}>\n`;

export function buildXmp(meta: ResolvedMetadata): string {
  const body = [
    element('pdfaid:part', '2'),
    element('pdfaid:conformance', 'B'),
    element('dc:format', 'application/pdf'),
    meta.title === undefined ? '' : alt('dc:title', meta.title),
    meta.author === undefined ? '' : seq('dc:creator', meta.author),
    meta.subject === undefined ? '' : alt('dc:description', meta.subject),
    bag('dc:language', meta.language),
    element('pdf:Producer', meta.producer),
    meta.keywords === undefined ? '' : element('pdf:Keywords', meta.keywords),
    element('xmp:CreatorTool', meta.creatorTool),
    element('xmp:CreateDate', xmpDate(meta.createdAt)),
    element('xmp:ModifyDate', xmpDate(meta.modifiedAt)),
    element('xmp:MetadataDate', xmpDate(meta.modifiedAt)),
    element('xmpMM:DocumentID', xmpUuid(meta.documentId)),
    element('xmpMM:InstanceID', xmpUuid(meta.instanceId)),
  ].join('');
  const padding = `${' '.repeat(99)}\n`.repeat(20);
  return (
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>\n' +
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n' +
    ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n' +
    '  <rdf:Description rdf:about=""\n' +
    '    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"\n' +
    '    xmlns:dc="http://purl.org/dc/elements/1.1/"\n' +
    '    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"\n' +
    '    xmlns:xmp="http://ns.adobe.com/xap/1.0/"\n' +
    '    xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/">\n' +
    body +
    '  </rdf:Description>\n' +
    ' </rdf:RDF>\n' +
    '</x:xmpmeta>\n' +
    padding +
    '<?xpacket end="w"?>'
  );
}
