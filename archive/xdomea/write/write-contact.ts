import type { Contact, PersonName, PostalAddress } from '../model';
import type { XmlNode } from '../xml/xml-writer';
import { codeNode, node, optCode, optGroup, optText } from './nodes';

const COUNTRY_LIST = 'urn:xoev-de:kosit:codeliste:country-codes';

/** Contact → KontaktType content, in schema order. */
export function contactNode(name: string, contact: Contact): XmlNode {
  const person = contact.person;
  return node(name, [
    optGroup('Behoerdenkennung', [
      optCode('Behoerdenschluessel', contact.authorityKey),
      optCode('Praefix', contact.authorityPrefix),
    ]),
    contact.institution &&
      node('Institution', [
        optText('Name', contact.institution.name),
        optText('Kurzbezeichnung', contact.institution.shortName),
      ]),
    contact.orgUnit === undefined
      ? undefined
      : node('Organisationseinheit', [optText('Name', contact.orgUnit)]),
    person && personNode(person),
    optText('Taetigkeit', contact.activity),
    optText('Zustaendigkeit', contact.responsibility),
    ...(contact.addresses ?? []).map(addressNode),
    optCode('Rolle', contact.role),
  ]);
}

const personNode = (person: PersonName): XmlNode =>
  node('Name', [
    optText('Anrede', person.salutation),
    optText('Titel', person.title),
    person.familyName === undefined ? undefined : node('Familienname', [optText('Name', person.familyName)]),
    person.givenName === undefined ? undefined : node('Vorname', [optText('Name', person.givenName)]),
  ]);

const addressNode = (address: PostalAddress): XmlNode =>
  node('Anschrift', [
    address.country &&
      node('Staat', [
        codeNode('Staat', {
          code: address.country.code,
          name: address.country.name,
          listUri: COUNTRY_LIST,
          listVersion: address.country.listVersion,
        }),
      ]),
    optText('Strasse', address.street),
    optText('Hausnummer', address.houseNumber),
    optText('Postfach', address.postOfficeBox),
    optText('Postleitzahl', address.postalCode),
    optText('Ort', address.city),
    optText('Zusatz', address.addition),
  ]);
