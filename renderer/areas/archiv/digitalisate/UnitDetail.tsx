import { useId, useRef, useState } from 'react';
import type { DigitalisatDetail } from '../../../../contract/methods/digitalisate';
import { useApi } from '../../../api/ApiProvider';
import { useCommand, useQuery } from '../../../api/use-query';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { Facts } from '../../../components/Facts';
import { FolderField } from '../../../components/FolderField';
import { Loaded } from '../../../components/Loaded';
import { PageHead } from '../../../components/PageHead';
import { formatSize } from '../../../i18n/format';
import { routeHref } from '../../../routing/routes';
import { t } from './texts';
import './digitalisate.css';

/** One unit: its description, its pages with the technical metadata of each master, adding and packaging. */
export function UnitDetail({ unitId }: { unitId: string }) {
  const api = useApi();
  const unit = useQuery(() => api.call('digitalisate.get', { unitId }), [unitId]);
  return (
    <div className="page">
      <p>
        <a href={routeHref({ name: 'archiv.digitalisate', unitId: null })}>{t.detail.back}</a>
      </p>
      <Loaded query={unit}>
        {(u) => (
          <>
            <PageHead title={`${u.signatur}: ${u.titel}`} />
            <Facts items={(['bestand', 'signatur', 'laufzeit', 'provenienz'] as const).map((f) => [t.fields[f], u[f]])} />
            <PagesTable unit={u} />
            <AddPagesForm unitId={unitId} onAdded={unit.reload} />
            <PackageForm unitId={unitId} disabled={u.pageCount === 0} onPackaged={unit.reload} />
          </>
        )}
      </Loaded>
    </div>
  );
}

function PagesTable({ unit }: { unit: DigitalisatDetail }) {
  const id = useId();
  const d = t.detail;
  return (
    <section className="panel ingest-section" aria-labelledby={id}>
      <h2 id={id} className="panel-title">
        {d.pagesTitle} ({unit.pageCount})
      </h2>
      {unit.pages.length === 0 ? (
        <p className="empty-state">{d.noPages}</p>
      ) : (
        <div className="ingest-scroll">
          <table className="table table-compact">
            <thead>
              <tr>
                <th scope="col">{d.page}</th>
                <th scope="col">{d.preview}</th>
                <th scope="col">{d.file}</th>
                <th scope="col">{d.format}</th>
                <th scope="col">{d.pixels}</th>
                <th scope="col">{d.resolution}</th>
                <th scope="col">{d.colour}</th>
                <th scope="col">{d.checksum}</th>
              </tr>
            </thead>
            <tbody>
              {unit.pages.map((p) => (
                <tr key={p.position}>
                  <td>{p.position}</td>
                  <td>
                    <PageThumbnail unitId={unit.unitId} position={p.position} />
                  </td>
                  <td>
                    {p.fileName}
                    <span className="small muted">{formatSize(p.size)}</span>
                  </td>
                  <td>
                    {p.formatName} <span className="small muted mono">{p.puid}</span>
                  </td>
                  <td className="nowrap">
                    {p.width} × {p.height}
                  </td>
                  <td className="nowrap">{d.dpi(p.dpi)}</td>
                  <td>{d.colours[p.colour]}</td>
                  <td className="mono small" title={p.sha256}>
                    {p.sha256.slice(0, 12)}…
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** The page's preview, loaded per row so a long unit shows its list at once. */
function PageThumbnail({ unitId, position }: { unitId: string; position: number }) {
  const api = useApi();
  const thumb = useQuery(() => api.call('digitalisate.pageThumbnail', { unitId, position }), [unitId, position]);
  if (thumb.error) return <span className="small muted">{t.detail.noPreview}</span>;
  return thumb.data ? (
    <img className="digitalisat-thumb" src={thumb.data.thumbnail} alt={t.detail.previewAlt(position)} />
  ) : null;
}

function AddPagesForm({ unitId, onAdded }: { unitId: string; onAdded: () => void }) {
  const api = useApi();
  const [files, setFiles] = useState<File[]>([]);
  const [localPath, setLocalPath] = useState('');
  const [outcome, setOutcome] = useState<{ added: number; rejected: string[] } | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const id = useId();
  const add = useCommand(async () => {
    const before = (await api.call('digitalisate.get', { unitId })).pageCount;
    // Masters are 50-200 MB: each goes as a path (Electron) or a streamed upload (browser mode), one at a time.
    const staged = [];
    for (const f of files) staged.push(await api.stageFile(f));
    const r = await api.call('digitalisate.addPages', {
      unitId,
      paths: [...staged.flatMap((s) => ('path' in s ? [s.path] : [])), ...(localPath.trim() ? [localPath.trim()] : [])],
      uploads: staged.flatMap((s) => ('uploadId' in s ? [s.uploadId] : [])),
    });
    setOutcome({ added: r.unit.pageCount - before, rejected: r.rejected.map((x) => x.message) });
    setFiles([]);
    setLocalPath('');
    if (fileRef.current) fileRef.current.value = '';
    onAdded();
  });
  return (
    <section className="panel ingest-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="panel-title">
        {t.add.title}
      </h2>
      <form
        className="ingest-form"
        aria-label={t.add.title}
        onSubmit={(e) => {
          e.preventDefault();
          void add.run();
        }}
      >
        <label htmlFor={`${id}-files`} className="field-label">
          {t.add.files}
        </label>
        <input
          ref={fileRef}
          id={`${id}-files`}
          type="file"
          multiple
          accept=".tif,.tiff,.png,image/tiff,image/png"
          onChange={(e) => setFiles([...(e.target.files ?? [])])}
        />
        <FolderField label={t.add.path} chooseLabel={t.add.chooseFolder} purpose="read" value={localPath} onChange={setLocalPath} />
        <button
          type="submit"
          className="btn btn-primary"
          disabled={(!files.length && !localPath.trim()) || add.pending}
        >
          {add.pending ? t.add.pending : t.add.submit}
        </button>
        {outcome && (
          <div role="status">
            <p className="notice notice-success">{t.add.added(outcome.added)}</p>
            {outcome.rejected.length > 0 && (
              <div className="notice notice-warn">
                {t.add.rejected}
                <ul>
                  {outcome.rejected.map((m) => (
                    <li key={m}>{m}</li>
                  ))}
                </ul>
              </div>
            )}
          </div>
        )}
        {add.error && <ErrorNotice error={add.error} onRetry={() => void add.run()} />}
      </form>
    </section>
  );
}

function PackageForm({ unitId, disabled, onPackaged }: { unitId: string; disabled: boolean; onPackaged: () => void }) {
  const api = useApi();
  const [outDir, setOutDir] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const id = useId();
  const pack = useCommand(async () => {
    const r = await api.call('digitalisate.package', { unitId, ...(outDir.trim() ? { outDir: outDir.trim() } : {}) });
    setDone(r.repeated ? t.pack.repeated(r.path) : t.pack.done(r.path, r.files));
    onPackaged();
  });
  return (
    <section className="panel ingest-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="panel-title">
        {t.pack.title}
      </h2>
      <p className="hint">{t.pack.hint}</p>
      <form
        className="ingest-form"
        aria-label={t.pack.title}
        onSubmit={(e) => {
          e.preventDefault();
          void pack.run();
        }}
      >
        <FolderField label={t.pack.outDir} chooseLabel={t.pack.chooseOutDir} purpose="write" value={outDir} onChange={setOutDir} />
        <button type="submit" className="btn btn-primary" disabled={disabled || pack.pending}>
          {pack.pending ? t.pack.pending : t.pack.submit}
        </button>
        {done && (
          <p className="notice notice-success" role="status">
            {done}
          </p>
        )}
        {pack.error && <ErrorNotice error={pack.error} onRetry={() => void pack.run()} />}
      </form>
    </section>
  );
}
