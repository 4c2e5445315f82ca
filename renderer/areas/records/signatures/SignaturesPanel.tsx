import { useId, useState } from 'react';
import type { DocumentDetail } from '../../../../contract/schemas/records';
import { useApi } from '../../../api/ApiProvider';
import { useCommand, useQuery } from '../../../api/use-query';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { Loaded } from '../../../components/Loaded';
import { clerkAmter } from '../../../session/roles';
import { useUser } from '../../../session/SessionProvider';
import { SignatureItem } from './SignatureItem';
import { SignDialog } from './SignDialog';
import { t } from './texts';
import './signatures.css';

type Version = DocumentDetail['versions'][number];

const latestOf = (versions: readonly Version[]) => versions.reduce<Version | null>((m, v) => (!m || v.versionNo > m.versionNo ? v : m), null);

interface Props {
  doc: DocumentDetail;
  version?: Version | null;
  /** A signature or an added timestamp made a new version: the page shows it. */
  onNewVersion: (doc: DocumentDetail) => void;
}

/**
 * The signatures of the version shown in the viewer (else the newest), each checked by the core (every
 * check is audited), and for the owning Amt's clerks the "Signieren" dialog on the newest version. A
 * signature makes a new version, which the page then shows.
 */
export function SignaturesPanel({ doc, version = null, onNewVersion }: Props) {
  const api = useApi();
  const user = useUser();
  const titleId = useId();
  const [signing, setSigning] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const newest = latestOf(doc.versions);
  // An older version picked in the viewer is checked as shown; only the newest can be signed.
  const shown = version ?? newest;
  const isPdf = shown?.mimeType === 'application/pdf';
  const mayWrite = doc.amtId !== null && clerkAmter(user).includes(doc.amtId);

  const check = useQuery(() => (shown && isPdf ? api.call('signatures.verify', { versionUuid: shown.uuid }) : Promise.resolve(null)), [shown?.uuid, isPdf]);
  const upgrade = useCommand(() => api.call('signatures.upgradeTimestamps', {}));

  if (!shown || !isPdf) return null;
  return (
    <section className="panel signatures-panel" aria-labelledby={titleId}>
      <h2 id={titleId} className="panel-title">
        {t.title}
        <span className="panel-subtitle"> {t.ofVersion(shown.versionNo)}</span>
      </h2>
      {notice && (
        <p className="notice notice-success" role="status">
          {notice}
        </p>
      )}
      <Loaded query={check}>
        {(result) =>
          !result ? null : (
            <>
              {result.signatures.length === 0 ? (
                <p className="empty-state">{t.none}</p>
              ) : (
                <ol className="signature-list">
                  {result.signatures.map((s, i) => (
                    <SignatureItem key={s.fieldName ?? i} sig={s} />
                  ))}
                </ol>
              )}
              {result.timestampPending && (
                <div className="notice notice-info">
                  <p className="notice-text">{t.timestampPending}</p>
                  {mayWrite && (
                    <button
                      type="button"
                      className="btn"
                      disabled={upgrade.pending}
                      onClick={() =>
                        void upgrade.run().then((r) => {
                          if (!r) return;
                          setNotice(r.upgraded > 0 ? t.upgraded(r.upgraded) : t.stillPending);
                          if (r.upgraded > 0) api.call('documents.get', { uuid: doc.uuid }).then(onNewVersion, () => undefined);
                        })
                      }
                    >
                      {t.upgradeTimestamps}
                    </button>
                  )}
                  {upgrade.error && <ErrorNotice error={upgrade.error} />}
                </div>
              )}
            </>
          )
        }
      </Loaded>
      {mayWrite && !signing && shown.uuid === newest?.uuid && (
        <div className="form-actions">
          <button type="button" className="btn btn-primary" onClick={() => setSigning(true)}>
            {t.sign}
          </button>
        </div>
      )}
      {signing && (
        <SignDialog
          versionUuid={shown.uuid}
          versionNo={shown.versionNo}
          onCancel={() => setSigning(false)}
          onDone={(r) => {
            setSigning(false);
            const signed = r.document.versions.find((v) => v.uuid === r.versionUuid)!;
            setNotice(t.signed(signed.versionNo, r.level));
            onNewVersion(r.document);
          }}
        />
      )}
    </section>
  );
}
