import { messageTypes, namespaceOf, WRITTEN_VERSION } from '../message-types';
import type { AussonderungMessage, ImportResult, MessageHeader, OfferMessage, RecordObject, XdomeaMessage } from '../model';
import { serializeChild, serializeFrame, serializeXml, type XmlElement, type XmlNode } from '../xml/xml-writer';
import { boolNode, codeNode, dateTime, invalidInput, node, optGroup, optText, textNode, uuid } from './nodes';
import { contactNode } from './write-contact';
import { archivalValueNode, dokumentNode, recordObjectNode } from './write-objects';

function headerContent(message: XdomeaMessage, header: MessageHeader): (XmlNode | undefined)[] {
  const system = header.sendingSystem;
  return [
    textNode('ProzessID', uuid(header.prozessId, 'header.prozessId')),
    codeNode('Nachrichtentyp', {
      code: message.type,
      name: messageTypes[message.type].name,
      listUri: 'urn:xoev-de:xdomea:codeliste:nachrichtentyp',
      listVersion: '2.0',
    }),
    textNode('Erstellungszeitpunkt', dateTime(header.createdAt, 'header.createdAt')),
    contactNode('Absender', header.sender),
    contactNode('Empfaenger', header.recipient),
    system &&
      optGroup('SendendesSystem', [
        optText('InstanzID', system.instanceId),
        optText('Produktname', system.productName),
        optText('Version', system.version),
      ]),
    optText('Hinweis', header.note),
  ];
}

type ObjectList = OfferMessage | AussonderungMessage;

/** Kopf, its flags and the cover letters: everything of a 0501/0503 before its Schriftgutobjekte. */
function listHead(message: ObjectList): XmlNode[] {
  const flags =
    message.type === '0503'
      ? [
          boolNode('Importbestaetigung', true),
          boolNode('RueckmeldungArchivkennung', message.archiveIdRequested),
          boolNode('Empfangsbestaetigung', message.receiptRequested),
        ]
      : [boolNode('Empfangsbestaetigung', message.receiptRequested)];
  return [
    node('Kopf', [...headerContent(message, message.header), ...flags]),
    ...(message.coverLetters ?? []).map((d, i) => dokumentNode('Anschreiben', d, `coverLetters[${i}]`)),
  ];
}

const objectNode = (object: RecordObject, index: number): XmlNode =>
  node('Schriftgutobjekt', [recordObjectNode(object, `objects[${index}]`)]);

function bodyOf(message: XdomeaMessage): (XmlNode | undefined)[] {
  const kopf = headerContent(message, message.header);
  switch (message.type) {
    case '0501':
    case '0503':
      if (message.objects.length === 0)
        throw invalidInput('objects', 'mindestens ein Schriftgutobjekt nötig');
      return [...listHead(message), ...message.objects.map(objectNode)];
    case '0502':
      if (message.appraisals.length === 0)
        throw invalidInput('appraisals', 'mindestens eine Bewertung nötig');
      return [
        node('Kopf', [...kopf, boolNode('Empfangsbestaetigung', message.receiptRequested)]),
        ...message.appraisals.map((a, i) =>
          node('BewertetesObjekt', [
            textNode('ID', uuid(a.xdomeaUuid, `appraisals[${i}].xdomeaUuid`)),
            archivalValueNode('Aussonderungsart', a.decision, `appraisals[${i}].decision`),
          ]),
        ),
      ];
    case '0504':
    case '0505':
    case '0507':
      return [node('Kopf', kopf)];
    case '0506':
      if (message.results.length === 0) throw invalidInput('results', 'mindestens ein Ergebnis nötig');
      return [node('Kopf', kopf), ...message.results.map((r, i) => importResultNode(r, `results[${i}]`))];
  }
}

const importResultNode = (result: ImportResult, at: string): XmlNode =>
  node('AusgesondertesSGO', [
    textNode('IDSGO', uuid(result.xdomeaUuid, `${at}.xdomeaUuid`)),
    boolNode('Erfolgreich', result.success),
    ...(result.errorMessages ?? []).map((m) => textNode('Fehlermeldung', m)),
    ...(result.errorCodes ?? []).map((c) => codeNode('FehlermeldungCode', c)),
    optText('Archivkennung', result.archiveId),
  ]);

const rootNode = (message: XdomeaMessage, body: (XmlNode | undefined)[]): XmlElement =>
  node(messageTypes[message.type].rootElement, body, [['xmlns:xdomea', namespaceOf(WRITTEN_VERSION)]]);

/**
 * Writes a message as xdomea 3.1.0 with the `xdomea` prefix the specification asks for. The output depends
 * only on the input (no clock, no random ids), so a retried job produces the same bytes.
 */
export function writeMessage(message: XdomeaMessage): string {
  return serializeXml(rootNode(message, bodyOf(message)));
}

/**
 * A 0503 written object by object (see handover-writer.ts): `head + objectXml(o, 0) + … + tail` gives the
 * same bytes as `writeMessage` over the whole message.
 */
export function handoverFrame(message: Omit<AussonderungMessage, 'objects'>): { head: string; tail: string } {
  const full: AussonderungMessage = { ...message, objects: [] };
  return serializeFrame(rootNode(full, listHead(full)));
}

export const objectXml = (object: RecordObject, index: number): string => serializeChild(objectNode(object, index));
