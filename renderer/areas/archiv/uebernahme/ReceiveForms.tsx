import { useId, useRef, useState } from 'react';
import type { ArchivReceiptDetail } from '../../../../contract/methods/archiv';
import { useApi } from '../../../api/ApiProvider';
import { useCommand } from '../../../api/use-query';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { FolderField } from '../../../components/FolderField';
import { readFileBase64 } from './read-file';
import { t } from './texts';

/** Receiving a 0503 (upload or a path on this machine) and recording the archive's own 0502. */
export function ReceiveForms({
  onReceived,
  onChanged,
}: {
  onReceived: (d: ArchivReceiptDetail) => void;
  onChanged: () => void;
}) {
  return (
    <section className="panel ingest-section" aria-labelledby="ingest-receive-title">
      <h2 id="ingest-receive-title" className="panel-title">
        {t.receive.title}
      </h2>
      <div className="ingest-forms">
        <ReceiveForm onReceived={onReceived} />
        <AppraisalForm onChanged={onChanged} />
      </div>
    </section>
  );
}

function ReceiveForm({ onReceived }: { onReceived: (d: ArchivReceiptDetail) => void }) {
  const api = useApi();
  const [file, setFile] = useState<File | null>(null);
  const [localPath, setLocalPath] = useState('');
  const fileRef = useRef<HTMLInputElement>(null);
  const fileId = useId();
  const hintId = useId();
  // A chosen ZIP goes to the core as the post room's scans do: its path under Electron, streamed with
  // `PUT /files/upload` in browser mode (a 0503 is often far beyond the JSON API's body limit). A folder is
  // typed in browser mode and chosen in the native dialog under Electron (which refuses typed paths).
  const receive = useCommand(async () => {
    const staged = localPath.trim() ? { path: localPath.trim() } : file ? await api.stageFile(file) : null;
    if (!staged) return;
    const source =
      'path' in staged ? { kind: 'path' as const, path: staged.path } : { kind: 'upload' as const, uploadId: staged.uploadId };
    const d = await api.call('archiv.receive', { source });
    setFile(null);
    setLocalPath('');
    if (fileRef.current) fileRef.current.value = '';
    onReceived(d);
  });
  return (
    <form
      className="ingest-form"
      aria-label={t.receive.title}
      onSubmit={(e) => {
        e.preventDefault();
        void receive.run();
      }}
    >
      <label htmlFor={fileId} className="field-label">
        {t.receive.file}
      </label>
      <input
        ref={fileRef}
        id={fileId}
        type="file"
        accept=".zip,application/zip"
        aria-describedby={hintId}
        onChange={(e) => setFile(e.target.files?.[0] ?? null)}
      />
      <FolderField
        label={api.choosesFolders ? t.receive.folder : t.receive.path}
        chooseLabel={t.receive.chooseFolder}
        purpose="read"
        value={localPath}
        onChange={setLocalPath}
        describedBy={hintId}
      />
      <p id={hintId} className="field-hint">
        {api.choosesFolders ? t.receive.hintChosen : t.receive.hint}
      </p>
      <button
        type="submit"
        className="btn btn-primary"
        disabled={(!file && !localPath.trim()) || receive.pending}
      >
        {receive.pending ? t.receive.pending : t.receive.submit}
      </button>
      {receive.error && <ErrorNotice error={receive.error} onRetry={() => void receive.run()} />}
    </form>
  );
}

function AppraisalForm({ onChanged }: { onChanged: () => void }) {
  const api = useApi();
  const [file, setFile] = useState<File | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const fileId = useId();
  const record = useCommand(async () => {
    if (!file) return;
    const r = await api.call('archiv.recordAppraisal', {
      source: { kind: 'bytes', fileName: file.name, base64: await readFileBase64(file) },
    });
    setDone(t.receive.appraisalDone(r.appraisals, r.prozessId));
    onChanged();
  });
  return (
    <form
      className="ingest-form"
      aria-label={t.receive.appraisalTitle}
      onSubmit={(e) => {
        e.preventDefault();
        void record.run();
      }}
    >
      <label htmlFor={fileId} className="field-label">
        {t.receive.appraisalFile}
      </label>
      <input
        id={fileId}
        type="file"
        accept=".xml,.zip,application/xml,text/xml,application/zip"
        onChange={(e) => setFile(e.target.files?.[0] ?? null)}
      />
      <button type="submit" className="btn" disabled={!file || record.pending}>
        {t.receive.appraisalSubmit}
      </button>
      {done && (
        <p className="notice notice-success" role="status">
          {done}
        </p>
      )}
      {record.error && <ErrorNotice error={record.error} onRetry={() => void record.run()} />}
    </form>
  );
}
