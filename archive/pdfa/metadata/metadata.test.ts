import { describe, expect, it } from 'vitest';
import { parsePdfDate, parseXmpDate, pdfDate, xmpDate } from './dates';
import { idHexToUuid, uuidToIdHex } from './document-id';
import { resolveMetadata } from './pdfa-metadata';
import { readXmp } from './read-xmp';
import { buildXmp } from './write-xmp';

const ids = {
  documentId: '0f8fad5b-d9cb-469f-a165-70867728950e',
  instanceId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
};
const utf8 = (s: string) => new TextEncoder().encode(s);

describe('dates', () => {
  it('writes Info and XMP dates for the same instant and reads them back', () => {
    const date = new Date('2025-03-01T10:15:30.999Z');
    expect(pdfDate(date)).toBe('D:20250301101530Z');
    expect(xmpDate(date)).toBe('2025-03-01T10:15:30Z');
    expect(parsePdfDate(pdfDate(date))?.toISOString()).toBe('2025-03-01T10:15:30.000Z');
    expect(parseXmpDate(xmpDate(date))?.toISOString()).toBe('2025-03-01T10:15:30.000Z');
  });

  it('reads offsets and partial dates as ISO 32000 and XMP define them', () => {
    expect(parsePdfDate("D:20250301121530+02'00'")?.toISOString()).toBe('2025-03-01T10:15:30.000Z');
    expect(parsePdfDate('D:2025')?.toISOString()).toBe('2025-01-01T00:00:00.000Z');
    expect(parseXmpDate('2025-03-01T12:15:30.5+02:00')?.toISOString()).toBe('2025-03-01T10:15:30.000Z');
    expect(parsePdfDate('gestern')).toBeNull();
    expect(parseXmpDate('2025-13-45')).toBeNull();
  });
});

describe('identifiers', () => {
  it('turns a UUID into a trailer /ID entry and back', () => {
    expect(uuidToIdHex(ids.documentId)).toBe('0F8FAD5BD9CB469FA16570867728950E');
    expect(idHexToUuid(uuidToIdHex(ids.documentId))).toBe(ids.documentId);
    expect(idHexToUuid('abcd')).toBeNull();
  });
});

describe('XMP', () => {
  const meta = resolveMetadata(
    {
      title: 'Mahnung <Kassenzeichen> & Co\u0007',
      author: 'Stadt Düsseldorf, Amt 21',
      subject: 'Zahlungserinnerung',
      keywords: ['Mahnung', 'Vollstreckung'],
      createdAt: new Date('2025-03-01T10:00:00Z'),
      modifiedAt: new Date('2025-03-02T11:00:00Z'),
    },
    ids,
  );

  it('round-trips every property the preflight compares, with XML characters escaped and control characters removed', () => {
    const read = readXmp(utf8(buildXmp(meta)));
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.facts).toEqual({
      part: '2',
      conformance: 'B',
      title: 'Mahnung <Kassenzeichen> & Co',
      creators: ['Stadt Düsseldorf, Amt 21'],
      description: 'Zahlungserinnerung',
      producer: 'eAkte Desk (pdf-lib)',
      keywords: 'Mahnung, Vollstreckung',
      creatorTool: 'eAkte Desk',
      createDate: '2025-03-01T10:00:00Z',
      modifyDate: '2025-03-02T11:00:00Z',
      documentId: `uuid:${ids.documentId}`,
      instanceId: `uuid:${ids.instanceId}`,
      forbiddenPacketAttributes: false,
    });
  });

  it('reads properties written as attributes of rdf:Description, as other writers do', () => {
    const xmp = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
      <rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/" pdfaid:part="2" pdfaid:conformance="U"/>
      </rdf:RDF></x:xmpmeta>`;
    const read = readXmp(utf8(xmp));
    expect(read.ok && [read.facts.part, read.facts.conformance]).toEqual(['2', 'U']);
  });

  it('flags bytes/encoding in the packet header and refuses DOCTYPEs and broken XML', () => {
    const withBytes = buildXmp(meta).replace(
      'id="W5M0MpCehiHzreSzNTczkc9d"',
      'id="W5M0MpCehiHzreSzNTczkc9d" bytes="1234"',
    );
    const read = readXmp(utf8(withBytes));
    expect(read.ok && read.facts.forbiddenPacketAttributes).toBe(true);
    expect(readXmp(utf8('<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>')).ok).toBe(false);
    expect(readXmp(utf8('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF')).ok).toBe(false);
  });
});
