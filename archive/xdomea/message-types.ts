import type { MessageTypeCode, XdomeaVersion } from './model';

/** The Aussonderung messages: root element and the Nachrichtentyp name of the code list. */
export const messageTypes: Readonly<
  Record<MessageTypeCode, { readonly rootElement: string; readonly name: string }>
> = {
  '0501': { rootElement: 'Aussonderung.Anbieteverzeichnis.0501', name: 'Aussonderung.Anbieteverzeichnis' },
  '0502': {
    rootElement: 'Aussonderung.Bewertungsverzeichnis.0502',
    name: 'Aussonderung.Bewertungsverzeichnis',
  },
  '0503': { rootElement: 'Aussonderung.Aussonderung.0503', name: 'Aussonderung.Aussonderung' },
  '0504': {
    rootElement: 'Aussonderung.AnbietungEmpfangBestaetigen.0504',
    name: 'Aussonderung.AnbietungEmpfangBestaetigen',
  },
  '0505': {
    rootElement: 'Aussonderung.BewertungEmpfangBestaetigen.0505',
    name: 'Aussonderung.BewertungEmpfangBestaetigen',
  },
  '0506': {
    rootElement: 'Aussonderung.AussonderungImportBestaetigen.0506',
    name: 'Aussonderung.AussonderungImportBestaetigen',
  },
  '0507': {
    rootElement: 'Aussonderung.AussonderungEmpfangBestaetigen.0507',
    name: 'Aussonderung.AussonderungEmpfangBestaetigen',
  },
};

export const messageTypeByRootElement: ReadonlyMap<string, MessageTypeCode> = new Map(
  Object.entries(messageTypes).map(([code, { rootElement }]) => [rootElement, code as MessageTypeCode]),
);

export const namespaceOf = (version: XdomeaVersion | string): string =>
  `urn:xoev-de:xdomea:schema:${version}`;

const NAMESPACE_PATTERN = /^urn:xoev-de:xdomea:schema:(\d+\.\d+\.\d+)$/;

/** The version named by an xdomea namespace URI, or undefined for any other namespace. */
export const versionOfNamespace = (uri: string): string | undefined => NAMESPACE_PATTERN.exec(uri)?.[1];

export const supportedVersions: readonly XdomeaVersion[] = ['3.0.0', '3.1.0'];

export const WRITTEN_VERSION: XdomeaVersion = '3.1.0';
