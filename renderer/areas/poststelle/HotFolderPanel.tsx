import { useEffect, useId, useState } from 'react';
import type { HotFolderStatus } from '../../../contract/methods/intake';
import { useApi } from '../../api/ApiProvider';
import { useCommand, useQuery } from '../../api/use-query';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Facts } from '../../components/Facts';
import { FolderField } from '../../components/FolderField';
import { Loaded } from '../../components/Loaded';
import { useRecordsChanged } from '../../components/use-records-changed';
import { formatDateTime } from '../../i18n/format';
import { t as texts } from './texts';

const t = texts.hotFolder;
/** Files appearing in the folder send no event; the status is looked at again this often. */
const REFRESH_MS = 5000;

function Status({ s }: { s: HotFolderStatus }) {
  return (
    <Facts
      items={[
        [t.path, <span className="mono break">{s.path}</span>],
        [t.state, <span className={s.running ? 'badge badge-open' : 'badge badge-readonly'}>{s.running ? t.running : t.stopped}</span>],
        [t.lastTaken, s.lastTaken ? `${s.lastTaken.name} (${formatDateTime(s.lastTaken.at)})` : t.nothingTaken],
        [t.waiting, t.files(s.waiting)],
        [t.inProgress, t.files(s.inProgress)],
        [
          t.lastError,
          s.lastError ? (
            <span className="hot-folder-error">
              {formatDateTime(s.lastError.at)}: {s.lastError.message}
            </span>
          ) : (
            t.noError
          ),
        ],
      ]}
    />
  );
}

/** The scanners' hot folder the app watches: its state at a glance, and starting or stopping the watch. */
export function HotFolderPanel() {
  const api = useApi();
  const id = useId();
  const status = useQuery(() => api.call('intake.hotFolderStatus', {}), []);
  // Untouched (null), the field offers the folder the administrator configured (Electron: chosen in its dialog).
  const [path, setPath] = useState<string | null>(null);
  const watch = useCommand(async (folder: string) => {
    await api.call('intake.watchHotFolder', { path: folder });
    status.reload();
  });
  const stop = useCommand(async () => {
    await api.call('intake.stopHotFolder', {});
    status.reload();
  });
  useRecordsChanged(status.reload, ['job']);
  const { reload } = status;
  useEffect(() => {
    const timer = setInterval(reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);

  return (
    <section className="panel hot-folder" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="section-title">
        {t.title}
      </h2>
      <Loaded query={status}>
        {(s) =>
          s.path ? (
            <>
              <Status s={s} />
              <div className="form-actions">
                <button type="button" className="btn" disabled={stop.pending} onClick={() => void stop.run()}>
                  {t.stop}
                </button>
              </div>
            </>
          ) : (
            <form
              className="form"
              onSubmit={(e) => {
                e.preventDefault();
                void watch.run(path ?? (api.choosesFolders ? '' : (s.configured ?? '')));
              }}
            >
              <p className="hint">{t.none}</p>
              {s.configured && <p className="hint">{t.configured(s.configured)}</p>}
              <div className="form-row">
                <FolderField
                  label={t.folder}
                  chooseLabel={t.choose}
                  purpose="read"
                  required
                  value={path ?? (api.choosesFolders ? '' : (s.configured ?? ''))}
                  onChange={setPath}
                />
              </div>
              <div className="form-actions">
                <button type="submit" className="btn btn-primary" disabled={watch.pending}>
                  {t.watch}
                </button>
              </div>
            </form>
          )
        }
      </Loaded>
      {(watch.error ?? stop.error) && <ErrorNotice error={(watch.error ?? stop.error)!} />}
    </section>
  );
}
