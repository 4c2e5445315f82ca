import { defineErrors } from './define';

/** Errors of the foundation: API border, login, access, store, records, search, audit. */
export const coreErrors = defineErrors({
  'api.invalid_input': {
    retryable: false,
    de: (p) => `Die Anfrage ist ungültig (${p.detail ?? 'Eingabe unvollständig'}).`,
  },
  'api.unknown_method': {
    retryable: false,
    de: (p) => `Die Funktion „${p.method}“ gibt es nicht.`,
  },
  'api.internal': {
    retryable: true,
    de: (p) => `Ein interner Fehler ist aufgetreten. Bitte wenden Sie sich an den IT-Support (Referenz ${p.ref}).`,
  },
  'api.cancelled': { retryable: true, de: () => 'Der Vorgang wurde abgebrochen.' },
  'auth.not_logged_in': { retryable: false, de: () => 'Bitte melden Sie sich an.' },
  'auth.unknown_user': {
    retryable: false,
    de: (p) => `Die Benutzerkennung „${p.username}“ ist nicht bekannt.`,
  },
  'auth.user_disabled': { retryable: false, de: () => 'Diese Benutzerkennung ist gesperrt.' },
  'auth.bad_token': {
    retryable: false,
    de: () => 'Die Sitzung ist ungültig. Bitte öffnen Sie die Anwendung über die angezeigte Adresse neu.',
  },
  'access.denied': {
    retryable: false,
    de: () => 'Dafür fehlt Ihnen die Berechtigung. Bitte wenden Sie sich an Ihre Vorgesetzte oder Ihren Vorgesetzten.',
  },
  'records.not_found': {
    retryable: false,
    de: (p) => `${p.kind ?? 'Der Eintrag'} wurde nicht gefunden oder ist für Sie nicht sichtbar.`,
  },
  'records.akte_closed': {
    retryable: false,
    de: (p) => `Die Akte ${p.aktenzeichen} ist zu den Akten verfügt (zdA) und kann nicht geändert werden.`,
  },
  'records.akte_not_closed': {
    retryable: false,
    de: (p) => `Die Akte ${p.aktenzeichen} ist nicht zdA verfügt.`,
  },
  'records.legal_hold': {
    retryable: false,
    de: (p) => `Für die Akte ${p.aktenzeichen} besteht eine Aufbewahrungssperre: ihre Dokumente können weder gelöscht noch aus der Akte genommen werden.`,
  },
  'records.no_legal_hold': {
    retryable: false,
    de: (p) => `Für die Akte ${p.aktenzeichen} besteht keine Aufbewahrungssperre.`,
  },
  'records.not_a_leaf': {
    retryable: false,
    de: (p) => `Unter der Aktenplanposition ${p.number} können keine Akten angelegt werden; bitte wählen Sie eine untere Ebene.`,
  },
  'records.wrong_amt': {
    retryable: false,
    de: (p) => `Das Dokument gehört zu Amt ${p.from} und kann nicht in eine Akte von Amt ${p.to} abgelegt werden.`,
  },
  'records.already_exists': {
    retryable: false,
    de: (p) => `${p.kind ?? 'Der Eintrag'} existiert bereits.`,
  },
  'store.corrupt': {
    retryable: false,
    de: (p) =>
      `Die Datenbank ist beschädigt und kann nicht geöffnet werden. Bitte stellen Sie die letzte Sicherung wieder her (Datei: ${p.path}).`,
  },
  'store.locked_by_other_instance': {
    retryable: true,
    de: () => 'eAkte Desk ist bereits geöffnet. Bitte verwenden Sie das vorhandene Fenster.',
  },
  'store.migration_failed': {
    retryable: false,
    de: (p) =>
      `Die Datenbank konnte nicht auf Version ${p.version} aktualisiert werden. Es wurde nichts verändert; eine Sicherung liegt unter ${p.backup}.`,
  },
  'store.newer_schema': {
    retryable: false,
    de: (p) =>
      `Die Datenbank stammt von einer neueren Version von eAkte Desk (Schema ${p.found}, erwartet ${p.expected}). Bitte aktualisieren Sie die Anwendung.`,
  },
  'store.blob_missing': {
    retryable: false,
    de: (p) => `Die Datei zum Inhalt ${p.hash} fehlt im Ablagespeicher. Bitte stellen Sie sie aus der Sicherung wieder her.`,
  },
  'store.blob_hash_mismatch': {
    retryable: false,
    de: (p) =>
      `Die Datei zum Inhalt ${p.hash} ist beschädigt (Prüfsumme stimmt nicht). Sie wird nicht angezeigt; bitte stellen Sie sie aus der Sicherung wieder her.`,
  },
  'store.cipher_unavailable': {
    retryable: false,
    de: () =>
      'Diese Installation von eAkte Desk kann die Datenbank nicht verschlüsseln (Datenbanktreiber ohne Verschlüsselung gebaut). Bitte wenden Sie sich an die IT.',
  },
  'store.disk_full': {
    retryable: true,
    de: () => 'Der Datenträger ist voll. Bitte schaffen Sie Platz und versuchen Sie es erneut.',
  },
  'search.bad_query': {
    retryable: false,
    de: (p) => `Die Suchanfrage „${p.query}“ kann nicht ausgeführt werden.`,
  },
  'audit.chain_broken': {
    retryable: false,
    de: (p) => `Das Protokoll ist ab Eintrag ${p.seq} nicht mehr unverändert. Bitte informieren Sie die IT-Sicherheit.`,
  },
  'cli.usage': { retryable: false, de: (p) => `Aufruf fehlerhaft: ${p.detail}` },
});
