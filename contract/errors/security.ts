import { defineErrors } from './define';

/** Data-at-rest keys and the machine-wide configuration. */
export const securityErrors = defineErrors({
  'keys.unavailable': {
    retryable: false,
    de: () =>
      'Der Schlüssel für die verschlüsselten Dokumente dieses Datenordners ist hier nicht verfügbar. Bitte öffnen Sie den Datenordner mit eAkte Desk unter dem Windows-Konto, dem er gehört.',
  },
  'keys.os_store_unavailable': {
    retryable: false,
    de: () =>
      'Der Schlüsselspeicher des Betriebssystems ist nicht verfügbar; ohne ihn können die Dokumente nicht verschlüsselt gespeichert werden. Bitte wenden Sie sich an die IT.',
  },
  'keys.envelope_invalid': {
    retryable: false,
    de: () => 'Die Schlüsseldatei des Datenordners ist beschädigt. Bitte stellen Sie eine Sicherung wieder her.',
  },
  'config.invalid': {
    retryable: false,
    de: (p) => `Die Konfigurationsdatei ${p.path} ist ungültig: ${p.reason}. Bitte wenden Sie sich an die IT.`,
  },
});
