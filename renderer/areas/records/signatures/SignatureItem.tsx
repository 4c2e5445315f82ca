import type { SignatureCheck } from '../../../../contract/methods/signatures';
import { SIGNATURE_STATUS_DE } from '../../../../contract/methods/signatures';
import { Facts } from '../../../components/Facts';
import { formatDate, formatDateTime } from '../../../i18n/format';
import { t } from './texts';

const ICON = { valid: '✓', invalid: '✗', indeterminate: '!' } as const;

/** One signature: green when valid, red when invalid, amber when it cannot be fully checked; the German reasons below. */
export function SignatureItem({ sig }: { sig: SignatureCheck }) {
  const who = sig.signer?.commonName ?? sig.name ?? t.unknownSigner;
  return (
    <li className={`signature signature-${sig.status}`} aria-label={t.signatureOf(who)}>
      <p className="signature-head">
        <span className={`badge signature-badge-${sig.status}`}>
          <span aria-hidden="true">{ICON[sig.status]} </span>
          {SIGNATURE_STATUS_DE[sig.status]}
        </span>
        <span className="cell-strong">{who}</span>
      </p>
      <Facts
        items={[
          [t.signedAt, formatDateTime(sig.claimedSigningTime)],
          [
            t.timestamp,
            sig.timestamp
              ? sig.timestamp.valid
                ? t.timestampValid(formatDateTime(sig.timestamp.time), sig.timestamp.authority)
                : t.timestampInvalid
              : t.noTimestamp,
          ],
          [t.level, sig.level ? `PAdES ${sig.level}` : '–'],
          [t.reason, sig.reason ?? '–'],
          [t.location, sig.location ?? '–'],
          [t.issuer, sig.signer?.issuer ?? '–'],
          [t.validity, sig.signer ? t.validityRange(formatDate(sig.signer.notBefore), formatDate(sig.signer.notAfter)) : '–'],
          [t.checkedAt, formatDateTime(sig.checkedAt)],
        ]}
      />
      <ul className="signature-findings" aria-label={t.findings}>
        {sig.findings.map((f) => (
          <li key={f.code} className={`signature-finding-${f.severity}`}>
            <span className="cell-strong">{t.severity[f.severity]}:</span> {f.text}
          </li>
        ))}
      </ul>
    </li>
  );
}
