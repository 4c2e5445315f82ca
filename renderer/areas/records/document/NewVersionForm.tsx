import { useId, useState } from 'react';
import type { DocumentDetail } from '../../../../contract/schemas/records';
import { useApi } from '../../../api/ApiProvider';
import { useCommand } from '../../../api/use-query';
import { ActionPanel } from '../../../components/ActionPanel';
import { t } from './texts';

interface Props {
  doc: DocumentDetail;
  onDone: (doc: DocumentDetail) => void;
  onCancel: () => void;
}

/**
 * A new version's content from a chosen file. The file goes to the core as the post room's do: its path
 * under Electron, streamed with `PUT /files/upload` in browser mode (never through the JSON API), so
 * large scans work too.
 */
export function NewVersionForm({ doc, onDone, onCancel }: Props) {
  const api = useApi();
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [missing, setMissing] = useState(false);
  const next = doc.versions.reduce((n, v) => Math.max(n, v.versionNo), 0) + 1;
  const command = useCommand(async (chosen: File) => {
    const staged = await api.stageFile(chosen);
    return api.call('documents.addVersion', { uuid: doc.uuid, ...('path' in staged ? { path: staged.path } : { upload: staged.uploadId }) });
  });

  const submit = async () => {
    if (!file) {
      setMissing(true);
      return;
    }
    const updated = await command.run(file);
    if (updated) onDone(updated);
  };

  return (
    <ActionPanel
      title={t.newVersionTitle}
      subtitle={t.newVersionSubtitle(next)}
      submitLabel={t.upload}
      pending={command.pending}
      error={command.error}
      onSubmit={() => void submit()}
      onCancel={onCancel}
    >
      <div className="field">
        <label className="field-label" htmlFor={`${id}-file`}>
          {t.file}
        </label>
        <input
          id={`${id}-file`}
          type="file"
          accept="application/pdf,.pdf,image/png,image/jpeg,image/tiff,.tif,.tiff"
          aria-invalid={missing}
          aria-describedby={missing ? `${id}-missing` : undefined}
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setMissing(false);
          }}
        />
        {missing && (
          <span id={`${id}-missing`} className="field-hint" role="alert">
            {t.noFile}
          </span>
        )}
      </div>
    </ActionPanel>
  );
}
