import { AppError } from '../../../contract/app-error';
import { messageTypeByRootElement, supportedVersions, versionOfNamespace } from '../message-types';
import type {
  Appraisal,
  ImportErrorCode,
  ImportResult,
  MessageHeader,
  MessageTypeCode,
  XdomeaMessage,
  XdomeaVersion,
} from '../model';
import {
  decodeSafeXml,
  defaultXmlLimits,
  parseSafeXml,
  safeElementParser,
  type XmlElement,
  type XmlLimits,
} from '../xml/safe-xml';
import { compact, ElementReader } from './element-reader';
import { declaredTypeCode, readHeader } from './read-header';
import { readArchivalValue, readDokument, readRecordObject } from './read-objects';

/** Something odd that does not stop reading, e.g. a Nachrichtentyp code that contradicts the root element. */
export interface ReadWarning {
  readonly code: 'message_type_mismatch';
  readonly detail: string;
  readonly line: number;
}

export interface ReadResult {
  readonly version: XdomeaVersion;
  readonly message: XdomeaMessage;
  readonly warnings: readonly ReadWarning[];
}

export interface MessageIdentity {
  readonly version: XdomeaVersion;
  readonly type: MessageTypeCode;
}

/**
 * Tells version and type from the root element's namespace and name. Version 4 and later are refused
 * (we ship no schema for them), as is any message outside the Aussonderung.
 */
export function identifyMessage(root: XmlElement): MessageIdentity {
  const version = versionOfNamespace(root.ns);
  if (version === undefined) {
    throw new AppError('xdomea.not_xdomea', {}, 'root element is not in an xdomea namespace');
  }
  if (!(supportedVersions as readonly string[]).includes(version)) {
    throw new AppError(
      'xdomea.unsupported_version',
      { version },
      `xdomea version ${version} is not supported`,
    );
  }
  const type = messageTypeByRootElement.get(root.name);
  if (type === undefined) {
    throw new AppError(
      'xdomea.unsupported_message',
      { message: root.name },
      'root element is not an Aussonderung message',
    );
  }
  return { version: version as XdomeaVersion, type };
}

/** Reads a 3.0.0 or 3.1.0 Aussonderung message after the safe-XML checks. Does not validate against the XSD. */
export function readMessage(input: Uint8Array | string, limits: XmlLimits = defaultXmlLimits): ReadResult {
  const root = parseSafeXml(input, limits);
  const { version, type } = identifyMessage(root);
  const reader = new ElementReader(root, root.ns);
  const kopf = reader.req('Kopf');
  const header = readHeader(kopf);
  const warnings: ReadWarning[] = [];
  const declared = declaredTypeCode(kopf);
  if (declared !== type) {
    warnings.push({
      code: 'message_type_mismatch',
      detail: `Nachrichtentyp ${declared ?? '(none)'} in a ${type} message`,
      line: kopf.line,
    });
  }
  return { version, message: readBody(type, reader, kopf, header), warnings };
}

function readBody(
  type: MessageTypeCode,
  root: ElementReader,
  kopf: ElementReader,
  header: ReturnType<typeof readHeader>,
): XdomeaMessage {
  switch (type) {
    case '0501':
      return compact({
        type,
        header,
        receiptRequested: kopf.reqBool('Empfangsbestaetigung'),
        coverLetters: root.all('Anschreiben').map(readDokument),
        objects: root.all('Schriftgutobjekt').map(readRecordObject),
      });
    case '0502':
      return {
        type,
        header,
        receiptRequested: kopf.reqBool('Empfangsbestaetigung'),
        appraisals: root.all('BewertetesObjekt').map(readAppraisal),
      };
    case '0503':
      return compact({
        type,
        header,
        archiveIdRequested: kopf.reqBool('RueckmeldungArchivkennung'),
        receiptRequested: kopf.reqBool('Empfangsbestaetigung'),
        coverLetters: root.all('Anschreiben').map(readDokument),
        objects: root.all('Schriftgutobjekt').map(readRecordObject),
      });
    case '0504':
    case '0505':
    case '0507':
      return { type, header };
    case '0506':
      return { type, header, results: root.all('AusgesondertesSGO').map(readImportResult) };
  }
}

function readAppraisal(objekt: ElementReader): Appraisal {
  return { xdomeaUuid: objekt.reqToken('ID'), decision: readArchivalValue(objekt.req('Aussonderungsart')) };
}

function readImportResult(sgo: ElementReader): ImportResult {
  return compact({
    xdomeaUuid: sgo.reqToken('IDSGO'),
    success: sgo.reqBool('Erfolgreich'),
    errorMessages: sgo.all('Fehlermeldung').map((m) => m.value),
    errorCodes: sgo.all('FehlermeldungCode').map(readImportErrorCode),
    archiveId: sgo.text('Archivkennung'),
  });
}

function readImportErrorCode(element: ElementReader): ImportErrorCode {
  const { code, name, listUri, listVersion } = element.asCode();
  if (listUri === undefined || listVersion === undefined)
    throw element.invalid(element.path, 'missing list attributes');
  return compact({ code, name, listUri, listVersion });
}

/**
 * The header (Kopf) of a message, parsed with the same safe-XML rules but without building the rest of
 * the tree: answering a large 0503 needs its sender, not its objects.
 */
export function readMessageHeader(input: Uint8Array, limits: XmlLimits = defaultXmlLimits): MessageHeader {
  let kopf: XmlElement | undefined;
  let inKopf = false;
  const parser = safeElementParser(limits, {
    attach: (element, parent, depth) => {
      if (depth === 1 && kopf === undefined && element.name === 'Kopf' && element.ns === parent?.ns) {
        kopf = element;
        inKopf = true;
      }
      return inKopf && depth > 1;
    },
    closed: (element) => {
      if (element === kopf) inKopf = false;
    },
  });
  parser.write(decodeSafeXml(input, limits));
  const root = parser.close();
  identifyMessage(root);
  const reader = new ElementReader(root, root.ns);
  if (kopf === undefined) throw reader.invalid(`${root.name}/Kopf`, 'missing');
  return readHeader(new ElementReader(kopf, root.ns, `${root.name}/Kopf`));
}
