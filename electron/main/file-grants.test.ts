import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digitalPdf } from '../../ocr/pipeline/testing/samples';
import { openDemoApp, type DemoApp } from '../../test/helpers/demo-app';
import { tempDir } from '../../test/helpers/temp-dir';
import { IPC_FILE_PATH, IPC_INVOKE } from '../ipc-channels';
import { registerIpcBridge } from './ipc-bridge';

type Handler = (event: unknown, ...args: unknown[]) => unknown;

/** The IPC bridge needs only ipcMain.handle, so it runs here against a real core without Electron. */
describe('dropped-file paths over IPC', () => {
  let demo: DemoApp;
  const handlers = new Map<string, Handler>();
  const work = tempDir('eakte-ipc-files-');
  const file = join(work.path, 'Brief.pdf');
  const secret = join(work.path, 'nicht-uebergeben.pdf');
  const from = (id: number, url = 'app://eakte/index.html') => ({ sender: { id }, senderFrame: { url } });
  const invoke = (id: number, method: string, input: unknown) => handlers.get(IPC_INVOKE)!(from(id), method, input) as Promise<any>;
  const hand = (id: number, path: unknown, url?: string) => handlers.get(IPC_FILE_PATH)!(from(id, url), path) as any;

  beforeAll(async () => {
    demo = await openDemoApp();
    registerIpcBridge({ handle: (channel: string, fn: Handler) => handlers.set(channel, fn) } as never, demo.app);
    writeFileSync(file, await digitalPdf(61));
    writeFileSync(secret, await digitalPdf(62));
    for (const id of [1, 2]) expect(await invoke(id, 'session.login', { username: 'poststelle' })).toMatchObject({ ok: true });
  });
  afterAll(async () => {
    await demo.close();
    work.remove();
  });

  it('refuses paths from foreign frames and relative paths', () => {
    expect(hand(1, file, 'https://evil.example/')).toMatchObject({ ok: false, error: { code: 'auth.bad_token' } });
    expect(hand(1, 'Brief.pdf')).toMatchObject({ ok: false, error: { code: 'api.invalid_input' } });
    expect(hand(1, 42)).toMatchObject({ ok: false, error: { code: 'api.invalid_input' } });
  });

  it('takes in only files handed over in the same window', async () => {
    expect(await invoke(1, 'intake.start', { paths: [secret] })).toMatchObject({ ok: false, error: { code: 'api.invalid_input' } });
    expect(hand(1, file)).toEqual({ ok: true, value: null });
    expect(await invoke(2, 'intake.start', { paths: [file] })).toMatchObject({ ok: false, error: { code: 'api.invalid_input' } });
    expect(await invoke(1, 'intake.start', { paths: [file, secret] })).toMatchObject({ ok: false, error: { code: 'api.invalid_input' } });
    const started = await invoke(1, 'intake.start', { paths: [file] });
    expect(started.ok).toBe(true);
    expect(started.value.batches.map((b: { original: { fileName: string } }) => b.original.fileName)).toEqual(['Brief.pdf']);
    const jobs = await demo.app.store.reader.all<{ label: string }>('SELECT label FROM job WHERE parent_id IS NULL');
    expect(jobs.map((j) => j.label)).toEqual(['Brief.pdf']);
  });
});
