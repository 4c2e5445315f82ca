import { defineErrors } from './define';

/** Errors of the sync with the central DMS (CMIS) and of the development DMS. */
export const syncErrors = defineErrors({
  'sync.not_configured': {
    retryable: false,
    de: (p) =>
      `Die Verbindung zum zentralen DMS ist nicht eingerichtet. Bitte tragen Sie die Adresse in ${p.path} ein oder wenden Sie sich an den IT-Support.`,
  },
  'sync.bad_config': {
    retryable: false,
    de: (p) => `Die Einstellungen für das zentrale DMS sind fehlerhaft (${p.detail}).`,
  },
  'sync.server_unreachable': {
    retryable: true,
    de: () => 'Das zentrale DMS ist nicht erreichbar. Ihre Änderungen bleiben gespeichert und werden später übertragen.',
  },
  'sync.server_error': {
    retryable: true,
    de: (p) => `Das zentrale DMS meldet einen Fehler (HTTP ${p.status}). Die Übertragung wird später wiederholt.`,
  },
  'sync.auth_failed': {
    retryable: false,
    de: () => 'Die Anmeldung am zentralen DMS ist fehlgeschlagen. Bitte prüfen Sie Benutzername und Kennwort oder Token.',
  },
  'sync.bad_response': {
    retryable: true,
    de: (p) => `Das zentrale DMS hat eine unerwartete Antwort gesendet (${p.detail}). Die Übertragung wird später wiederholt.`,
  },
  'sync.rejected': {
    retryable: false,
    de: (p) => `Das zentrale DMS hat eine Änderung abgelehnt (${p.exception}). Bitte wenden Sie sich an den IT-Support.`,
  },
  'sync.upload_mismatch': {
    retryable: true,
    de: () => 'Eine Datei ist beim zentralen DMS nicht vollständig angekommen. Sie wird erneut übertragen.',
  },
  'sync.object_busy': {
    retryable: true,
    de: () => 'Das Dokument ist im zentralen DMS gerade von jemand anderem ausgecheckt. Die Übertragung wird später wiederholt.',
  },
  'sync.busy': {
    retryable: true,
    de: () => 'Die Synchronisation läuft bereits.',
  },
  'sync.conflict_not_found': {
    retryable: false,
    de: () => 'Der Konflikt wurde nicht gefunden oder ist bereits entschieden.',
  },
  'sync.token_backwards': {
    retryable: true,
    de: () => 'Das zentrale DMS hat einen älteren Änderungsstand gemeldet. Die Änderungen werden beim nächsten Abgleich erneut geholt.',
  },
});
