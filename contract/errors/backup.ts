import { defineErrors } from './define';

export const backupErrors = defineErrors({
  'backup.invalid': {
    retryable: false,
    de: (p) => `Die Sicherung ist unvollständig oder beschädigt (${p.reason}). Es wurde nichts wiederhergestellt.`,
  },
  'backup.app_running': {
    retryable: true,
    de: () => 'eAkte Desk ist noch geöffnet. Bitte schließen Sie die Anwendung vor der Wiederherstellung.',
  },
  'backup.target_exists': {
    retryable: false,
    de: (p) => `Die Datei ${p.path} existiert bereits; bitte wählen Sie einen anderen Namen.`,
  },
});
