import type { Contact, PersonName, PostalAddress } from '../model';
import { compact, type ElementReader } from './element-reader';

/** KontaktType → Contact. Kommunikation, UnstrukturierteAnschrift and Geburt are not carried over. */
export function readContact(kontakt: ElementReader): Contact {
  const kennung = kontakt.opt('Behoerdenkennung');
  const institution = kontakt.opt('Institution');
  const name = kontakt.opt('Name');
  return compact({
    authorityKey: kennung?.code('Behoerdenschluessel'),
    authorityPrefix: kennung?.code('Praefix'),
    institution:
      institution &&
      compact({ name: institution.text('Name'), shortName: institution.text('Kurzbezeichnung') }),
    orgUnit: kontakt.opt('Organisationseinheit')?.reqText('Name'),
    person: name && readPersonName(name),
    activity: kontakt.text('Taetigkeit'),
    responsibility: kontakt.text('Zustaendigkeit'),
    addresses: kontakt.all('Anschrift').map(readAddress),
    role: kontakt.code('Rolle'),
  });
}

function readPersonName(name: ElementReader): PersonName {
  return compact({
    salutation: name.text('Anrede'),
    title: name.text('Titel'),
    familyName: name.opt('Familienname')?.text('Name'),
    givenName: name.opt('Vorname')?.text('Name'),
  });
}

function readAddress(anschrift: ElementReader): PostalAddress {
  const staat = anschrift.opt('Staat')?.code('Staat');
  return compact({
    country: staat && compact({ code: staat.code, listVersion: staat.listVersion ?? '', name: staat.name }),
    street: anschrift.text('Strasse'),
    houseNumber: anschrift.text('Hausnummer'),
    postOfficeBox: anschrift.text('Postfach'),
    postalCode: anschrift.text('Postleitzahl'),
    city: anschrift.text('Ort'),
    addition: anschrift.text('Zusatz'),
  });
}
