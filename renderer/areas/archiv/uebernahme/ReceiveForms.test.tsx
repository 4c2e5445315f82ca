import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { ArchivReceiptDetail } from '../../../../contract/methods/archiv';
import { archivist, uuid } from '../../../test/data';
import type { Handlers } from '../../../test/fake-transport';
import { freshDb, renderAsUser } from '../../../test/render';
import { ReceiveForms } from './ReceiveForms';

const receipt = { receiptId: uuid() } as ArchivReceiptDetail;
const handlers: Handlers = { 'archiv.receive': () => receipt };
const zip = () => new File([new Uint8Array([0x50, 0x4b, 3, 4])], '0503.zip', { type: 'application/zip' });
const pathField = () => screen.getByRole('textbox') as HTMLInputElement;
const submit = () => fireEvent.click(screen.getByRole('button', { name: 'Annehmen und prüfen' }));

describe('Übernahme: receiving a 0503', () => {
  it('under Electron takes only what the native dialogs handed over, never a typed path', async () => {
    const chooseFolder = vi.fn(async () => '/daten/0503-entpackt');
    const stageFile = vi.fn(async () => ({ path: '/daten/0503.zip' }));
    const onReceived = vi.fn();
    const { transport } = await renderAsUser(<ReceiveForms onReceived={onReceived} onChanged={() => undefined} />, archivist, handlers, freshDb(), {
      chooseFolder,
      stageFile,
    });
    const field = pathField();
    expect(field.readOnly).toBe(true);
    expect(screen.getByLabelText('oder entpackter Ordner auf diesem Rechner')).toBe(field);
    fireEvent.change(field, { target: { value: '/etc' } });
    expect(field.value).toBe('');

    fireEvent.click(screen.getByRole('button', { name: 'Ordner wählen …' }));
    await waitFor(() => expect(field.value).toBe('/daten/0503-entpackt'));
    expect(chooseFolder).toHaveBeenCalledWith('read');
    submit();
    await waitFor(() => expect(onReceived).toHaveBeenCalledWith(receipt));
    expect(transport.callsOf('archiv.receive')).toEqual([{ source: { kind: 'path', path: '/daten/0503-entpackt' } }]);

    // A ZIP chosen in the file dialog goes as its path (granted by the preload), not as bytes.
    fireEvent.change(screen.getByLabelText('Paket (ZIP)'), { target: { files: [zip()] } });
    submit();
    await waitFor(() => expect(transport.callsOf('archiv.receive')).toHaveLength(2));
    expect(transport.callsOf('archiv.receive')[1]).toEqual({ source: { kind: 'path', path: '/daten/0503.zip' } });
  });

  it('in browser mode takes a typed path or streams the chosen ZIP as an upload', async () => {
    const uploadId = uuid();
    const stageFile = vi.fn(async () => ({ uploadId }));
    const { transport } = await renderAsUser(<ReceiveForms onReceived={() => undefined} onChanged={() => undefined} />, archivist, handlers, freshDb(), {
      stageFile,
    });
    expect(screen.queryByRole('button', { name: 'Ordner wählen …' })).toBeNull();
    const field = screen.getByLabelText('oder Pfad auf diesem Rechner (ZIP oder entpackter Ordner)') as HTMLInputElement;
    expect(field.readOnly).toBe(false);
    fireEvent.change(field, { target: { value: '/srv/eingang/0503.zip' } });
    submit();
    await waitFor(() => expect(transport.callsOf('archiv.receive')).toEqual([{ source: { kind: 'path', path: '/srv/eingang/0503.zip' } }]));

    fireEvent.change(screen.getByLabelText('Paket (ZIP)'), { target: { files: [zip()] } });
    await waitFor(() => expect(field.value).toBe(''));
    submit();
    await waitFor(() => expect(transport.callsOf('archiv.receive')).toHaveLength(2));
    expect(transport.callsOf('archiv.receive')[1]).toEqual({ source: { kind: 'upload', uploadId } });
    expect(stageFile).toHaveBeenCalledTimes(1);
  });
});
