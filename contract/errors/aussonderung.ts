import { defineErrors } from './define';

/** Errors of retention, the Aussonderung workflow (0501–0507), deletion and fixity. */
export const aussonderungErrors = defineErrors({
  'aussonderung.not_found': {
    retryable: false,
    de: (p) => `Die Aussonderung ${p.prozessId} ist nicht bekannt.`,
  },
  'aussonderung.empty_selection': {
    retryable: false,
    de: () => 'Es wurden keine Akten für das Anbieteverzeichnis ausgewählt.',
  },
  'aussonderung.not_zda': {
    retryable: false,
    de: (p) => `Die Akte ${p.aktenzeichen} ist nicht zdA verfügt und kann nicht ausgesondert werden.`,
  },
  'aussonderung.not_expired': {
    retryable: false,
    de: (p) => `Die Aufbewahrungsfrist der Akte ${p.aktenzeichen} läuft erst am ${p.expiresOn} ab.`,
  },
  'aussonderung.no_retention': {
    retryable: false,
    de: (p) => `Für die Akte ${p.aktenzeichen} ist im Aktenplan keine Aufbewahrungsfrist festgelegt.`,
  },
  'aussonderung.legal_hold': {
    retryable: false,
    de: (p) =>
      `Die Akte ${p.aktenzeichen} unterliegt einer Aufbewahrungssperre (${p.reason}) und darf weder angeboten noch gelöscht werden.`,
  },
  'aussonderung.wrong_amt': {
    retryable: false,
    de: (p) => `Die Akte ${p.aktenzeichen} gehört nicht zu Amt ${p.amtId}. Ein Anbieteverzeichnis umfasst die Akten eines Amtes.`,
  },
  'aussonderung.already_offered': {
    retryable: false,
    de: (p) => `Die Akte ${p.aktenzeichen} ist bereits in der Aussonderung ${p.prozessId} angeboten.`,
  },
  'aussonderung.unknown_prozess': {
    retryable: false,
    de: (p) =>
      `Die Nachricht gehört zur Aussonderung ${p.prozessId}, die hier nicht bekannt ist (andere ProzessID). Es wurde nichts übernommen.`,
  },
  'aussonderung.prozess_mismatch': {
    retryable: false,
    de: (p) =>
      `Die Nachricht gehört zur Aussonderung ${p.found}, erwartet wurde ${p.expected}. Es wurde nichts übernommen.`,
  },
  'aussonderung.unknown_objects': {
    retryable: false,
    de: (p) =>
      `Die Nachricht nennt ${p.count} Objekt(e), die in dieser Aussonderung nicht vorkommen (z. B. ${p.first}). Es wurde nichts übernommen.`,
  },
  'aussonderung.duplicate_objects': {
    retryable: false,
    de: (p) => `Die Nachricht nennt das Objekt ${p.first} mehrfach. Es wurde nichts übernommen.`,
  },
  'aussonderung.unsupported_decision': {
    retryable: false,
    de: (p) =>
      `Die Bewertung „${p.value}“ für das Objekt ${p.uuid} ist keine der Aussonderungsarten A, B oder V. Es wurde nichts übernommen.`,
  },
  'aussonderung.unexpected_message': {
    retryable: false,
    de: (p) =>
      `Eine Nachricht vom Typ ${p.type} wird von der Behörde nicht eingelesen; erwartet werden 0502, 0504, 0506 oder 0507.`,
  },
  'aussonderung.message_conflict': {
    retryable: false,
    de: (p) =>
      `Für die Aussonderung ${p.prozessId} liegt bereits eine andere Nachricht vom Typ ${p.type} vor. Es wurde nichts übernommen.`,
  },
  'aussonderung.wrong_state': {
    retryable: false,
    de: (p) => `Die Aussonderung ${p.prozessId} ist im Stand „${p.state}“; ${p.action} ist jetzt nicht möglich.`,
  },
  'aussonderung.not_a_sample_candidate': {
    retryable: false,
    de: (p) => `Die Akte ${p.aktenzeichen} wurde nicht mit B (bewerten) eingestuft und kann nicht als Auswahl gewählt werden.`,
  },
  'aussonderung.nothing_to_export': {
    retryable: false,
    de: (p) => `In der Aussonderung ${p.prozessId} ist keine Akte als archivwürdig (A) bewertet oder ausgewählt (B).`,
  },
  'aussonderung.file_changed': {
    retryable: false,
    de: (p) =>
      `Die Datei ${p.file} hat sich während der Aussonderung verändert (Prüfsumme stimmt nicht). Das Paket wurde verworfen.`,
  },
  'aussonderung.bad_directory': {
    retryable: false,
    de: (p) => `Der Ordner „${p.path}“ existiert nicht oder ist kein Ordner.`,
  },
  'aussonderung.file_unreadable': {
    retryable: false,
    de: (p) => `Die Datei „${p.path}“ kann nicht gelesen werden.`,
  },
});
