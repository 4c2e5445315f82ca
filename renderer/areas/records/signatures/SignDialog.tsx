import { useState } from 'react';
import type { MethodOutput } from '../../../../contract/methods';
import { useApi } from '../../../api/ApiProvider';
import { useCommand, useQuery } from '../../../api/use-query';
import { ActionPanel } from '../../../components/ActionPanel';
import { fileToBase64 } from './to-base64';
import { t } from './texts';

interface Props {
  versionUuid: string;
  versionNo: number;
  onDone: (result: MethodOutput<'signatures.sign'>) => void;
  onCancel: () => void;
}

/**
 * "Signieren": key file and password, or card and PIN; reason, place and an optional visible stamp.
 * No draft is kept: a password or PIN must never be written to the browser's storage.
 */
export function SignDialog({ versionUuid, versionNo, onDone, onCancel }: Props) {
  const api = useApi();
  const [kind, setKind] = useState<'pkcs12' | 'pkcs11'>('pkcs12');
  const [file, setFile] = useState<File | null>(null);
  const [secret, setSecret] = useState('');
  const [tokenLabel, setTokenLabel] = useState('');
  const [reason, setReason] = useState<string>(t.dialog.reasonDefault);
  const [location, setLocation] = useState('');
  const [visible, setVisible] = useState(false);
  const [page, setPage] = useState(1);
  const [missingFile, setMissingFile] = useState(false);
  const [remember, setRemember] = useState(false);
  // Only the Electron app can keep a password (OS-encrypted); elsewhere it is asked every time.
  const storage = useQuery(() => api.call('signatures.secretStorage', {}), []);
  const canRemember = kind === 'pkcs12' && storage.data?.available === true;

  const command = useCommand(async () => {
    const key =
      kind === 'pkcs12'
        ? { kind, fileBase64: await fileToBase64(file!), password: secret }
        : { kind, tokenLabel, pin: secret };
    return api.call('signatures.sign', {
      versionUuid,
      key,
      reason,
      location: location || undefined,
      stampPage: visible ? page : undefined,
      rememberPassword: canRemember && remember,
    });
  });

  const submit = async () => {
    if (kind === 'pkcs12' && !file) {
      setMissingFile(true);
      return;
    }
    const result = await command.run();
    setSecret('');
    if (result) onDone(result);
  };

  return (
    <ActionPanel
      title={t.dialog.title}
      subtitle={t.dialog.subtitle(versionNo)}
      submitLabel={t.dialog.submit}
      pending={command.pending}
      error={command.error}
      onSubmit={() => void submit()}
      onCancel={onCancel}
    >
      <fieldset className="fieldset">
        <legend>{t.dialog.keySource}</legend>
        <label className="checkbox">
          <input type="radio" name="sign-key" checked={kind === 'pkcs12'} onChange={() => setKind('pkcs12')} />
          {t.dialog.p12}
        </label>
        <label className="checkbox">
          <input type="radio" name="sign-key" checked={kind === 'pkcs11'} onChange={() => setKind('pkcs11')} />
          {t.dialog.card}
        </label>
      </fieldset>
      {kind === 'pkcs12' ? (
        <label className="field">
          <span className="field-label">{t.dialog.file}</span>
          <input
            type="file"
            accept=".p12,.pfx,application/x-pkcs12"
            aria-invalid={missingFile}
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setMissingFile(false);
            }}
          />
          {missingFile && (
            <span className="field-hint" role="alert">
              {t.dialog.noFile}
            </span>
          )}
        </label>
      ) : (
        <label className="field">
          <span className="field-label">{t.dialog.tokenLabel}</span>
          <input type="text" required maxLength={200} value={tokenLabel} onChange={(e) => setTokenLabel(e.target.value)} />
        </label>
      )}
      <label className="field">
        <span className="field-label">{kind === 'pkcs12' ? t.dialog.password : t.dialog.pin}</span>
        <input
          type="password"
          autoComplete="off"
          required={kind === 'pkcs11'}
          maxLength={kind === 'pkcs12' ? 1000 : 100}
          value={secret}
          onChange={(e) => setSecret(e.target.value)}
        />
        <span className="field-hint">{canRemember ? t.dialog.rememberHint : t.dialog.secretHint}</span>
      </label>
      {canRemember && (
        <label className="checkbox">
          <input type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} />
          {t.dialog.remember}
        </label>
      )}
      <div className="form-row">
        <label className="field field-grow">
          <span className="field-label">{t.dialog.reason}</span>
          <input type="text" maxLength={200} value={reason} onChange={(e) => setReason(e.target.value)} />
        </label>
        <label className="field">
          <span className="field-label">{t.dialog.location}</span>
          <input type="text" maxLength={200} value={location} onChange={(e) => setLocation(e.target.value)} />
        </label>
      </div>
      <div className="form-row">
        <label className="checkbox">
          <input type="checkbox" checked={visible} onChange={(e) => setVisible(e.target.checked)} />
          {t.dialog.visible}
        </label>
        {visible && (
          <label className="field">
            <span className="field-label">{t.dialog.page}</span>
            <input type="number" min={1} required value={page} onChange={(e) => setPage(Math.max(1, Number(e.target.value) || 1))} />
          </label>
        )}
      </div>
    </ActionPanel>
  );
}
