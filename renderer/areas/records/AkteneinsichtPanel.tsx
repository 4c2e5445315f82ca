import { useEffect, useId, useState } from 'react';
import type { Akte } from '../../../contract/schemas/records';
import type { AkteneinsichtExport } from '../../../contract/schemas/workspace';
import { useApi } from '../../api/ApiProvider';
import { useCommand, useQuery } from '../../api/use-query';
import { ActionPanel } from '../../components/ActionPanel';
import { Loaded } from '../../components/Loaded';
import { de } from '../../i18n/de';
import { formatDate } from '../../i18n/format';

function pdfUrl(result: AkteneinsichtExport): string {
  const bytes = Uint8Array.from(atob(result.base64), (c) => c.charCodeAt(0));
  return URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
}

/** Builds the PDF for an Akteneinsicht (whole Akte or chosen documents) and offers it for download. */
export function AkteneinsichtPanel({ akte, onCancel }: { akte: Akte; onCancel: () => void }) {
  const api = useApi();
  const id = useId();
  const [whole, setWhole] = useState(true);
  const [chosen, setChosen] = useState<string[]>([]);
  const [ready, setReady] = useState<{ url: string; result: AkteneinsichtExport } | null>(null);
  const documents = useQuery(
    async () => (await api.call('documents.list', { akteUuid: akte.uuid, limit: 500 })).items,
    [akte.uuid],
  );
  const build = useCommand(async () => {
    const result = await api.call('akteneinsicht.export', {
      akteUuid: akte.uuid,
      documentUuids: whole ? undefined : chosen,
    });
    setReady((prev) => {
      if (prev) URL.revokeObjectURL(prev.url);
      return { url: pdfUrl(result), result };
    });
  });
  useEffect(() => () => void (ready && URL.revokeObjectURL(ready.url)), [ready]);
  const toggle = (uuid: string, on: boolean) =>
    setChosen((prev) => (on ? [...prev, uuid] : prev.filter((u) => u !== uuid)));

  return (
    <ActionPanel
      title={de.caseWork.exportTitle}
      subtitle={akte.aktenzeichen}
      submitLabel={de.caseWork.exportSubmit}
      pending={build.pending}
      error={build.error}
      onSubmit={() => {
        if (whole || chosen.length) void build.run();
      }}
      onCancel={onCancel}
    >
      <p className="field-hint">{de.caseWork.exportExplain}</p>
      <fieldset className="fieldset einsicht-scope">
        <legend>{de.caseWork.exportDocuments}</legend>
        <label className="choice">
          <input type="radio" name={`${id}-scope`} checked={whole} onChange={() => setWhole(true)} />{' '}
          {de.caseWork.exportAll}
        </label>
        <label className="choice">
          <input type="radio" name={`${id}-scope`} checked={!whole} onChange={() => setWhole(false)} />{' '}
          {de.caseWork.exportSelection}
        </label>
        {!whole && (
          <Loaded query={documents}>
            {(list) => (
              <ul className="choice-list">
                {list.map((d) => (
                  <li key={d.uuid}>
                    <label className="choice">
                      <input
                        type="checkbox"
                        checked={chosen.includes(d.uuid)}
                        onChange={(e) => toggle(d.uuid, e.target.checked)}
                      />{' '}
                      {d.title}{' '}
                      <span className="small muted">{formatDate(d.documentDate ?? d.receivedAt)}</span>
                    </label>
                  </li>
                ))}
              </ul>
            )}
          </Loaded>
        )}
        {!whole && chosen.length === 0 && <p className="field-hint">{de.caseWork.exportNone}</p>}
      </fieldset>
      {ready && (
        <p className="notice notice-success" role="status">
          {de.caseWork.exportReady(ready.result.pageCount, ready.result.documentCount)}{' '}
          <a href={ready.url} download={ready.result.fileName}>
            {de.caseWork.exportDownload(ready.result.fileName)}
          </a>
        </p>
      )}
    </ActionPanel>
  );
}
