import { defineErrors } from './define';

/**
 * Errors of signing PDFs (PAdES) and the findings of verifying them. Verification reports carry these
 * codes as reasons, so every German sentence about a signature lives here.
 */
export const signErrors = defineErrors({
  // Keys and tokens
  'sign.wrong_password': {
    retryable: false,
    de: () => 'Das Passwort für die Schlüsseldatei ist falsch.',
  },
  'sign.key_file_invalid': {
    retryable: false,
    de: () => 'Die Schlüsseldatei ist keine gültige PKCS#12-Datei (.p12/.pfx) oder ist beschädigt.',
  },
  'sign.key_file_unsupported': {
    retryable: false,
    de: (p) =>
      `Die Schlüsseldatei ist mit einem nicht unterstützten Verfahren geschützt (${p.algorithm}). Bitte exportieren Sie sie erneut mit AES-256-Verschlüsselung.`,
  },
  'sign.key_not_found': {
    retryable: false,
    de: () => 'Es wurde kein privater Schlüssel mit passendem Signaturzertifikat gefunden.',
  },
  'sign.unsupported_key': {
    retryable: false,
    de: (p) => `Der Schlüsseltyp des Zertifikats (${p.algorithm}) wird für Signaturen nicht unterstützt.`,
  },
  'sign.token_module_failed': {
    retryable: false,
    de: () =>
      'Der Treiber für Signaturkarten (PKCS#11-Modul) konnte nicht geladen werden. Bitte wenden Sie sich an den IT-Support.',
  },
  'sign.token_not_found': {
    retryable: true,
    de: (p) => `Die Signaturkarte „${p.token}“ wurde nicht gefunden. Bitte stecken Sie die Karte ein und versuchen Sie es erneut.`,
  },
  'sign.wrong_pin': {
    retryable: false,
    de: () => 'Die PIN ist falsch. Achtung: nach mehreren Fehlversuchen wird die Karte gesperrt.',
  },
  'sign.pin_locked': {
    retryable: false,
    de: () => 'Die PIN der Signaturkarte ist gesperrt. Bitte wenden Sie sich an den IT-Support.',
  },
  // The signer's certificate (when signing, and as findings when verifying)
  'sign.certificate_expired': {
    retryable: false,
    de: (p) => `Das Signaturzertifikat war am ${p.at} nicht mehr gültig (gültig bis ${p.until}).`,
  },
  'sign.certificate_not_yet_valid': {
    retryable: false,
    de: (p) => `Das Signaturzertifikat war am ${p.at} noch nicht gültig (gültig ab ${p.from}).`,
  },
  'sign.certificate_key_usage': {
    retryable: false,
    de: () =>
      'Das Zertifikat ist nicht zum Signieren bestimmt: die Schlüsselverwendung „Digitale Signatur“ oder „Nichtabstreitbarkeit“ fehlt.',
  },
  // The PDF to sign
  'sign.not_a_pdf': {
    retryable: false,
    de: () => 'Die Datei ist keine PDF-Datei.',
  },
  'sign.pdf_broken': {
    retryable: false,
    de: () =>
      'Die PDF-Datei ist beschädigt (ihr Inhaltsverzeichnis stimmt nicht). Sie kann so nicht signiert werden; bitte erzeugen Sie die Datei neu.',
  },
  'sign.pdf_encrypted': {
    retryable: false,
    de: () => 'Die PDF-Datei ist verschlüsselt oder kennwortgeschützt und kann nicht signiert werden.',
  },
  'sign.pdf_too_large': {
    retryable: false,
    de: (p) => `Die PDF-Datei ist zu groß (${p.sizeMb} MB, höchstens ${p.limitMb} MB).`,
  },
  'sign.page_out_of_range': {
    retryable: false,
    de: (p) => `Die Seite ${p.page} gibt es nicht; das Dokument hat ${p.pages} Seiten.`,
  },
  'sign.stamp_invalid': {
    retryable: false,
    de: () => 'Der Signaturstempel liegt nicht vollständig auf der gewählten Seite oder ist zu klein.',
  },
  'sign.field_exists': {
    retryable: false,
    de: (p) => `Das Dokument enthält bereits ein Signaturfeld „${p.name}“.`,
  },
  // Timestamps (PAdES B-T)
  'sign.timestamp_unreachable': {
    retryable: true,
    de: () =>
      'Der Zeitstempeldienst ist nicht erreichbar. Die Signatur bleibt ohne Zeitstempel gültig; der Zeitstempel kann später ergänzt werden.',
  },
  'sign.timestamp_rejected': {
    retryable: true,
    de: () =>
      'Der Zeitstempeldienst hat keinen gültigen Zeitstempel geliefert. Die Signatur bleibt ohne Zeitstempel gültig; der Zeitstempel kann später ergänzt werden.',
  },
  'sign.timestamp_not_pending': {
    retryable: false,
    de: () => 'Das Dokument enthält keine Signatur, der ein Zeitstempel fehlt.',
  },
  'sign.timestamp_upgrade_blocked': {
    retryable: false,
    de: () =>
      'Der Zeitstempel kann nicht mehr ergänzt werden, weil das Dokument nach der Signatur geändert oder weiter signiert wurde.',
  },
  'sign.timestamp_no_room': {
    retryable: false,
    de: () =>
      'Für diese Signatur wurde kein Platz für einen Zeitstempel reserviert; der Zeitstempel kann nicht nachträglich ergänzt werden.',
  },
  // Signing settings of the app (sign.json in the data folder)
  'sign.config_invalid': {
    retryable: false,
    de: (p) => `Die Signatur-Einstellungen sind fehlerhaft (${p.detail}). Bitte wenden Sie sich an den IT-Support.`,
  },
  'sign.version_not_latest': {
    retryable: false,
    de: (p) => `Es kann nur die neueste Version eines Dokuments signiert werden (hier Version ${p.latest}).`,
  },
  'sign.token_not_configured': {
    retryable: false,
    de: () =>
      'Für Signaturkarten ist an diesem Arbeitsplatz kein Kartentreiber (PKCS#11-Modul) eingerichtet. Bitte wenden Sie sich an den IT-Support.',
  },
  'sign.trust_store_invalid': {
    retryable: false,
    de: (p) =>
      `Die Liste der vertrauenswürdigen Zertifikate ist fehlerhaft (Datei ${p.index}). Bitte wenden Sie sich an den IT-Support.`,
  },
  // Findings of verification
  'sign.byte_range_invalid': {
    retryable: false,
    de: () =>
      'Der signierte Bereich der Datei ist fehlerhaft: er umfasst nicht die ganze Fassung des Dokuments außer der Signatur selbst.',
  },
  'sign.digest_mismatch': {
    retryable: false,
    de: () => 'Das Dokument wurde nach dem Signieren verändert: die Prüfsumme passt nicht zur Signatur.',
  },
  'sign.signature_value_invalid': {
    retryable: false,
    de: () => 'Die Signatur selbst ist ungültig (sie passt nicht zum Zertifikat des Signierenden).',
  },
  'sign.signature_unreadable': {
    retryable: false,
    de: () => 'Die Signaturdaten sind beschädigt oder haben ein unbekanntes Format.',
  },
  'sign.unsupported_format': {
    retryable: false,
    de: (p) => `Das Signaturformat „${p.subFilter}“ wird nicht geprüft.`,
  },
  'sign.signing_certificate_mismatch': {
    retryable: false,
    de: () =>
      'Der in der Signatur gesicherte Verweis auf das Signaturzertifikat fehlt oder passt nicht zum beigefügten Zertifikat.',
  },
  'sign.certificate_untrusted': {
    retryable: false,
    de: () =>
      'Das Signaturzertifikat stammt nicht von einer vertrauenswürdigen Zertifizierungsstelle (keine Zertifikatskette zu einem hinterlegten Vertrauensanker).',
  },
  'sign.modified_after_signing': {
    retryable: false,
    de: () =>
      'Das Dokument wurde nach dieser Signatur verändert. Die Signatur gilt nur für die frühere Fassung des Dokuments.',
  },
  'sign.later_signatures': {
    retryable: false,
    de: (p) => `Nach dieser Signatur wurden ${p.count} weitere Signatur(en) hinzugefügt (Mitzeichnung); der Inhalt blieb unverändert.`,
  },
  'sign.timestamp_invalid': {
    retryable: false,
    de: () => 'Der Zeitstempel der Signatur ist ungültig oder stammt nicht von einem vertrauenswürdigen Zeitstempeldienst.',
  },
  'sign.timestamp_missing': {
    retryable: false,
    de: () =>
      'Die Signatur hat keinen Zeitstempel; der Signaturzeitpunkt beruht nur auf der Angabe des Signierenden.',
  },
  'sign.revocation_not_checked': {
    retryable: false,
    de: () => 'Der Sperrstatus der Zertifikate wurde nicht geprüft.',
  },
});
