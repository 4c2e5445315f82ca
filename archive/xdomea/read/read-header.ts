import type { MessageHeader } from '../model';
import { compact, type ElementReader } from './element-reader';
import { readContact } from './read-contact';

/** NkBasisType → MessageHeader; the per-message flags are read by the message readers. */
export function readHeader(kopf: ElementReader): MessageHeader {
  const system = kopf.opt('SendendesSystem');
  return compact({
    prozessId: kopf.reqToken('ProzessID'),
    createdAt: kopf.reqToken('Erstellungszeitpunkt'),
    sender: readContact(kopf.req('Absender')),
    recipient: readContact(kopf.req('Empfaenger')),
    sendingSystem:
      system &&
      compact({
        instanceId: system.text('InstanzID'),
        productName: system.text('Produktname'),
        version: system.text('Version'),
      }),
    note: kopf.text('Hinweis'),
  });
}

/** The Nachrichtentyp code the sender declared; some senders get it wrong, so it is only compared. */
export const declaredTypeCode = (kopf: ElementReader): string | undefined =>
  kopf.code('Nachrichtentyp')?.code;
