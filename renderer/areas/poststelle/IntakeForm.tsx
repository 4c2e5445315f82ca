import { useId, useState, type DragEvent, type FormEvent } from 'react';
import type { MethodOutput } from '../../../contract/methods';
import { Channel } from '../../../contract/schemas/records';
import { useApi } from '../../api/ApiProvider';
import { toApiError, type ApiError } from '../../api/api-error';
import { useQuery } from '../../api/use-query';
import { ErrorNotice } from '../../components/ErrorNotice';
import { SelectField } from '../../components/SelectField';
import { de } from '../../i18n/de';
import { ScanPanel, type TakeInInput } from './ScanPanel';
import { t } from './texts';

/** The server refuses more (host/http/upload-route.ts); saying so before sending spares the wait. */
const MAX_BYTES = 2 * 1024 * 1024 * 1024;

type StartResult = Pick<MethodOutput<'intake.start'>, 'batches'>;

interface Options {
  channel: Channel;
  sender: string;
  receivedAt: string;
  amtId: string;
  stamp: boolean;
  review: boolean;
  forceOcr: boolean;
}

const INITIAL: Options = {
  channel: 'papier',
  sender: '',
  receivedAt: '',
  amtId: '',
  stamp: true,
  review: true,
  forceOcr: false,
};

/**
 * Dropped or chosen files with their envelope data (channel, sender, received-at): each file is handed
 * to the core (a path under Electron, an upload in browser mode), then `intake.start` makes the jobs.
 */
export function IntakeForm({ onStarted }: { onStarted: (r: StartResult) => void }) {
  const api = useApi();
  const aemter = useQuery(() => api.call('aemter.list', {}), []);
  const [files, setFiles] = useState<File[]>([]);
  const [o, setO] = useState<Options>(INITIAL);
  const [busy, setBusy] = useState<{ done: number; total: number } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [notices, setNotices] = useState<string[]>([]);
  const [over, setOver] = useState(false);
  const inputId = useId();
  const set = (patch: Partial<Options>) => setO((prev) => ({ ...prev, ...patch }));

  const add = (list: FileList | null) => {
    if (!list) return;
    const picked = [...list];
    setNotices(picked.filter((f) => f.size > MAX_BYTES).map((f) => t.form.tooLarge(f.name)));
    setFiles((prev) => [...prev, ...picked.filter((f) => f.size <= MAX_BYTES)]);
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    add(e.dataTransfer.files);
  };

  const takeIn: TakeInInput = {
    channel: o.channel,
    sender: o.sender.trim() || undefined,
    receivedAt: o.receivedAt ? new Date(o.receivedAt).toISOString() : undefined,
    amtId: o.amtId || undefined,
    stamp: o.stamp,
    review: o.review,
    forceOcr: o.forceOcr,
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (files.length === 0) {
      setNotices([t.form.noFiles]);
      return;
    }
    setError(null);
    setNotices([]);
    try {
      const paths: string[] = [];
      const uploads: string[] = [];
      for (const [i, file] of files.entries()) {
        setBusy({ done: i, total: files.length });
        const staged = await api.stageFile(file);
        if ('path' in staged) paths.push(staged.path);
        else uploads.push(staged.uploadId);
      }
      setBusy({ done: files.length, total: files.length });
      const result = await api.call('intake.start', { paths, uploads, ...takeIn });
      setFiles([]);
      setNotices([
        t.form.started(result.batches.length),
        ...result.rejected.map((r) => t.form.rejected(r.path, r.error.message)),
      ]);
      onStarted(result);
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <form className="form intake-form" onSubmit={(e) => void submit(e)} aria-labelledby={`${inputId}-title`}>
      <h2 id={`${inputId}-title`} className="section-title">
        {t.form.title}
      </h2>
      <div
        className={over ? 'drop-zone drop-zone-over' : 'drop-zone'}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <p className="drop-zone-title">{t.form.drop}</p>
        <p className="hint">{t.form.dropHint}</p>
        <label htmlFor={inputId} className="field-label">
          {t.form.choose}
        </label>
        <input
          id={inputId}
          type="file"
          multiple
          accept=".pdf,.tif,.tiff,.jpg,.jpeg,.png,.eml,application/pdf,image/*,message/rfc822"
          onChange={(e) => {
            add(e.target.files);
            e.target.value = '';
          }}
        />
        {files.length > 0 && (
          <>
            <p aria-live="polite">{t.form.chosen(files.length)}</p>
            <ul className="file-list">
              {files.map((f, i) => (
                <li key={`${f.name}-${i}`}>
                  <span>{f.name}</span>
                  <button
                    type="button"
                    className="btn btn-small btn-quiet"
                    onClick={() => setFiles(files.filter((_, j) => j !== i))}
                  >
                    {t.form.remove(f.name)}
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
      <div className="form-row">
        <SelectField
          label={t.form.channel}
          value={o.channel}
          onChange={(v) => set({ channel: v as Channel })}
        >
          {Channel.options.map((c) => (
            <option key={c} value={c}>
              {de.channel[c]}
            </option>
          ))}
        </SelectField>
        <label className="field field-grow">
          <span className="field-label">{t.form.sender}</span>
          <input maxLength={300} value={o.sender} onChange={(e) => set({ sender: e.target.value })} />
        </label>
        <label className="field">
          <span className="field-label">{t.form.receivedAt}</span>
          <input
            type="datetime-local"
            value={o.receivedAt}
            onChange={(e) => set({ receivedAt: e.target.value })}
          />
        </label>
        <SelectField label={t.form.amt} value={o.amtId} onChange={(v) => set({ amtId: v })}>
          <option value="">{t.form.amtUnknown}</option>
          {(aemter.data ?? []).map((a) => (
            <option key={a.id} value={a.id}>
              {a.id} {a.name}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="choice-list">
        {(
          [
            ['stamp', t.form.stamp],
            ['review', t.form.review],
            ['forceOcr', t.form.forceOcr],
          ] as const
        ).map(([key, label]) => (
          <label key={key} className="checkbox">
            <input type="checkbox" checked={o[key]} onChange={(e) => set({ [key]: e.target.checked })} />{' '}
            {label}
          </label>
        ))}
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy !== null}>
          {busy ? t.form.uploading(busy.done, busy.total) : t.form.submit}
        </button>
      </div>
      <ScanPanel
        input={takeIn}
        onStarted={(r) => {
          setNotices([t.form.started(r.batches.length)]);
          onStarted(r);
        }}
      />
      <div aria-live="polite">
        {notices.map((n) => (
          <p key={n} className="notice notice-info">
            {n}
          </p>
        ))}
      </div>
      {error && <ErrorNotice error={error} />}
    </form>
  );
}
