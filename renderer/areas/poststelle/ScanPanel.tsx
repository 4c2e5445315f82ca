import { useState } from 'react';
import type { MethodInput, MethodOutput } from '../../../contract/methods';
import type { ScannerDevice } from '../../../contract/methods/intake';
import { useApi } from '../../api/ApiProvider';
import { useCommand } from '../../api/use-query';
import { ErrorNotice } from '../../components/ErrorNotice';
import { SelectField } from '../../components/SelectField';
import { t } from './texts';

/** Envelope data shared with the file intake (channel, sender, received-at, Amt, stamp, review). */
export type TakeInInput = Omit<MethodInput<'intake.start'>, 'paths' | 'uploads'>;

const COMMON_DPI = [150, 200, 300, 400, 600];

const resolutionsOf = (d: ScannerDevice): number[] => {
  const r = d.capabilities.resolutions;
  return 'list' in r ? r.list.filter((n) => n >= 50) : COMMON_DPI.filter((n) => n >= r.min && n <= r.max);
};

/** "Scannen": a locally attached scanner (SANE/WIA through the core) with its own settings. */
export function ScanPanel({
  input,
  onStarted,
}: {
  input: TakeInInput;
  onStarted: (r: MethodOutput<'intake.scan'>) => void;
}) {
  const api = useApi();
  const [devices, setDevices] = useState<ScannerDevice[] | null>(null);
  const [deviceId, setDeviceId] = useState('');
  const [resolution, setResolution] = useState('300');
  const [mode, setMode] = useState('');
  const [source, setSource] = useState('');
  const [maxPages, setMaxPages] = useState('');
  const search = useCommand(async () => {
    const found = (await api.call('intake.listScanners', {})).devices;
    setDevices(found);
    const first = found[0];
    if (first) choose(first);
  });
  const scan = useCommand(async () => {
    const r = await api.call('intake.scan', {
      ...input,
      deviceId,
      resolution: Number(resolution),
      mode: mode || undefined,
      source: source || undefined,
      maxPages: maxPages ? Number(maxPages) : undefined,
    });
    onStarted(r);
  });
  const device = devices?.find((d) => d.id === deviceId);
  function choose(d: ScannerDevice) {
    setDeviceId(d.id);
    const dpi = resolutionsOf(d);
    setResolution(String(dpi.includes(300) ? 300 : (dpi.at(-1) ?? 300)));
    setMode(d.capabilities.modes.find((m) => /gray|grau/i.test(m)) ?? d.capabilities.modes[0] ?? '');
    setSource(
      d.capabilities.sources.find((s) => /feeder|adf|einzug/i.test(s)) ?? d.capabilities.sources[0] ?? '',
    );
  }

  return (
    <fieldset className="fieldset scan-panel">
      <legend>{t.scan.title}</legend>
      {devices === null ? (
        <button type="button" className="btn" disabled={search.pending} onClick={() => void search.run()}>
          {t.scan.search}
        </button>
      ) : devices.length === 0 ? (
        <p className="hint">{t.scan.noDevice}</p>
      ) : (
        <div className="form-row">
          <SelectField
            label={t.scan.device}
            value={deviceId}
            onChange={(id) => choose(devices.find((d) => d.id === id)!)}
          >
            {devices.map((d) => (
              <option key={d.id} value={d.id}>
                {d.vendor} {d.model} ({d.id})
              </option>
            ))}
          </SelectField>
          {device && (
            <>
              <SelectField label={t.scan.resolution} value={resolution} onChange={setResolution}>
                {resolutionsOf(device).map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </SelectField>
              <SelectField label={t.scan.mode} value={mode} onChange={setMode}>
                {device.capabilities.modes.map((m) => (
                  <option key={m} value={m}>
                    {m}
                  </option>
                ))}
              </SelectField>
              <SelectField label={t.scan.source} value={source} onChange={setSource}>
                {device.capabilities.sources.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </SelectField>
              <label className="field">
                <span className="field-label">{t.scan.pages}</span>
                <input
                  type="number"
                  min={1}
                  max={500}
                  value={maxPages}
                  onChange={(e) => setMaxPages(e.target.value)}
                />
              </label>
            </>
          )}
        </div>
      )}
      {device && (
        <p className="hint">
          {[device.capabilities.adf ? t.scan.adf : null, device.capabilities.duplex ? t.scan.duplex : null]
            .filter(Boolean)
            .join(' · ')}
        </p>
      )}
      {device && (
        <button
          type="button"
          className="btn btn-primary"
          disabled={scan.pending}
          onClick={() => void scan.run()}
        >
          {scan.pending ? t.scan.scanning : t.scan.start}
        </button>
      )}
      {search.error && <ErrorNotice error={search.error} />}
      {scan.error && <ErrorNotice error={scan.error} />}
    </fieldset>
  );
}
