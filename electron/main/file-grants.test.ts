import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fsPaths } from '../../contract/fs-paths';
import { methods } from '../../contract/methods';
import { digitalPdf } from '../../ocr/pipeline/testing/samples';
import { openDemoApp, type DemoApp } from '../../test/helpers/demo-app';
import { tempDir } from '../../test/helpers/temp-dir';
import { IPC_CHOOSE_FOLDER, IPC_FILE_PATH, IPC_INVOKE } from '../ipc-channels';
import { FileGrants } from './file-grants';
import { folderDialog } from './folder-dialog';
import { registerIpcBridge } from './ipc-bridge';
import { pathArguments } from './path-arguments';

type Handler = (event: unknown, ...args: unknown[]) => unknown;
type Def = { type: string } & Record<string, unknown>;

/** Every string field of an input whose name says "path", "dir" or "folder", with whether it is marked in fsPaths. */
function pathLikeFields(schema: z.core.$ZodType, key = '', out: { key: string; marked: boolean }[] = []): { key: string; marked: boolean }[] {
  const def = schema._zod.def as unknown as Def;
  const inner = (s: unknown) => pathLikeFields(s as z.core.$ZodType, key, out);
  if (fsPaths.get(schema)) out.push({ key, marked: true });
  else if (['optional', 'nullable', 'default', 'prefault', 'nonoptional', 'readonly', 'catch'].includes(def.type)) inner(def.innerType);
  else if (def.type === 'pipe') inner(def.in);
  else if (def.type === 'array') inner(def.element);
  else if (def.type === 'union') (def.options as unknown[]).forEach(inner);
  else if (def.type === 'object') for (const [k, s] of Object.entries(def.shape as Record<string, z.core.$ZodType>)) pathLikeFields(s, k, out);
  else if (def.type === 'string' && /path|dir|folder/i.test(key)) out.push({ key, marked: false });
  return out;
}

describe('path arguments of the API', () => {
  it('every input field that names a file or folder is marked as read or write path', () => {
    const found = Object.entries(methods).flatMap(([name, spec]) => pathLikeFields(spec.input).map((f) => ({ method: name, ...f })));
    expect(found.filter((f) => !f.marked)).toEqual([]);
    // The walk is not vacuous: the known ones are among them.
    const names = new Set(found.map((f) => `${f.method}.${f.key}`));
    for (const m of ['intake.start.paths', 'archiv.receive.path', 'archiv.recordAppraisal.path', 'archiv.confirm.outDir', 'archiv.package.outDir', 'aussonderung.export.outDir', 'aussonderung.importMessage.receiptDir', 'documents.addVersion.path']) {
      expect(names, m).toContain(m);
    }
  });

  it('finds each path with what the core does with it, in every branch', () => {
    expect(pathArguments(methods['aussonderung.importMessage'].input, { source: { kind: 'path', path: '/in/0502.zip' }, receiptDir: '/out' })).toEqual([
      { access: 'read', path: '/in/0502.zip' },
      { access: 'write', path: '/out' },
    ]);
    expect(pathArguments(methods['archiv.receive'].input, { source: { kind: 'bytes', fileName: 'a.zip', base64: 'AAAA' } })).toEqual([]);
    expect(pathArguments(methods['intake.start'].input, { paths: ['/a.pdf', '/b.tif'] }).map((p) => p.access)).toEqual(['read', 'read']);
    expect(pathArguments(methods['archiv.package'].input, { prozessId: 'x', outDir: '/bags' })).toEqual([{ access: 'write', path: '/bags' }]);
    expect(pathArguments(methods['archiv.package'].input, { prozessId: 'x' })).toEqual([]);
  });

  it('grants per window and per use: a folder chosen to read is no out folder', () => {
    const g = new FileGrants();
    g.grant(1, '/daten/eingang', 'read');
    g.grant(1, '/daten/ausgang', 'write');
    expect(g.allows(1, 'archiv.receive', { source: { kind: 'path', path: '/daten/eingang' } })).toBe(true);
    expect(g.allows(1, 'archiv.package', { prozessId: 'x', outDir: '/daten/ausgang' })).toBe(true);
    expect(g.allows(1, 'archiv.package', { prozessId: 'x', outDir: '/daten/eingang' })).toBe(false);
    expect(g.allows(1, 'archiv.package', { prozessId: 'x', outDir: '/daten/ausgang/../../etc' })).toBe(false);
    expect(g.allows(2, 'archiv.package', { prozessId: 'x', outDir: '/daten/ausgang' })).toBe(false);
    expect(g.allows(1, 'aussonderung.importMessage', { source: { kind: 'path', path: '/daten/eingang' }, receiptDir: '/tmp' })).toBe(false);
    g.forget(1);
    expect(g.allows(1, 'archiv.package', { prozessId: 'x', outDir: '/daten/ausgang' })).toBe(false);
  });
});

/** The IPC bridge needs only ipcMain.handle, so it runs here against a real core without Electron. */
describe('paths over IPC', () => {
  let demo: DemoApp;
  const handlers = new Map<string, Handler>();
  const work = tempDir('eakte-ipc-files-');
  const file = join(work.path, 'Brief.pdf');
  const secret = join(work.path, 'nicht-uebergeben.pdf');
  const outDir = join(work.path, 'Ausgang');
  let dialogAnswer: string | null = outDir;
  const dialogCalls: unknown[] = [];
  const from = (id: number, url = 'app://eakte/index.html') => ({ sender: { id }, senderFrame: { url } });
  const invoke = (id: number, method: string, input: unknown) => handlers.get(IPC_INVOKE)!(from(id), method, input) as Promise<any>;
  const hand = (id: number, path: unknown, url?: string) => handlers.get(IPC_FILE_PATH)!(from(id, url), path) as any;
  const choose = (id: number, purpose: unknown, url?: string) => handlers.get(IPC_CHOOSE_FOLDER)!(from(id, url), purpose) as Promise<any>;

  beforeAll(async () => {
    demo = await openDemoApp();
    // The real dialog wrapper over a fake Electron dialog: what "the user" picks is dialogAnswer.
    const dialog = {
      showOpenDialog: async (...args: unknown[]) => {
        dialogCalls.push(args.at(-1));
        return { canceled: dialogAnswer === null, filePaths: dialogAnswer ? [dialogAnswer] : [] };
      },
    };
    registerIpcBridge({ handle: (channel: string, fn: Handler) => handlers.set(channel, fn) } as never, demo.app, folderDialog(dialog as never, () => null));
    writeFileSync(file, await digitalPdf(61));
    writeFileSync(secret, await digitalPdf(62));
    mkdirSync(outDir);
    for (const id of [1, 2]) expect(await invoke(id, 'session.login', { username: 'poststelle' })).toMatchObject({ ok: true });
    for (const id of [3, 4]) expect(await invoke(id, 'session.login', { username: 'archiv' })).toMatchObject({ ok: true });
  });
  afterAll(async () => {
    await demo.close();
    work.remove();
  });

  it('refuses paths from foreign frames and relative paths', async () => {
    expect(hand(1, file, 'https://evil.example/')).toMatchObject({ ok: false, error: { code: 'auth.bad_token' } });
    expect(hand(1, 'Brief.pdf')).toMatchObject({ ok: false, error: { code: 'api.invalid_input' } });
    expect(hand(1, 42)).toMatchObject({ ok: false, error: { code: 'api.invalid_input' } });
    expect(await choose(3, 'write', 'https://evil.example/')).toMatchObject({ ok: false, error: { code: 'auth.bad_token' } });
    expect(await choose(3, 'alles')).toMatchObject({ ok: false, error: { code: 'api.invalid_input' } });
    expect(dialogCalls).toEqual([]);
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

  it('receives a 0503 folder (Übernahme) only when it was chosen in the folder dialog of that window', async () => {
    const folder = join(work.path, '0503-entpackt');
    mkdirSync(folder);
    const input = { source: { kind: 'path', path: folder } };
    const typed = await invoke(3, 'archiv.receive', input);
    expect(typed).toMatchObject({ ok: false, error: { code: 'api.invalid_input' } });
    expect(typed.error.message).toContain('nicht übergeben');
    dialogAnswer = folder;
    expect(await choose(3, 'read')).toEqual({ ok: true, value: folder });
    expect(dialogCalls.at(-1)).toMatchObject({ properties: ['openDirectory'] });
    expect((await invoke(4, 'archiv.receive', input)).error?.message).toContain('nicht übergeben');
    // Past the grant the core itself reads the folder (empty here: its own finding, not a refused path).
    const chosen = await invoke(3, 'archiv.receive', input);
    expect(JSON.stringify(chosen)).not.toContain('nicht übergeben');
    expect(chosen.ok ? chosen.value.refused : chosen.error.code).toBeTruthy();
    dialogAnswer = outDir;
  });

  it('writes an Aussonderung offer only into a folder the user chose in the dialog of that window', async () => {
    const akten = (await demo.login('archiv').then((s) => s.ok('aussonderung.listExpiring', {}))).filter((a) => !a.legalHold);
    const amtId = akten[0]!.amtId;
    const input = { amtId, akteUuids: akten.filter((a) => a.amtId === amtId).map((a) => a.uuid), outDir };
    const refused = await invoke(3, 'aussonderung.createOffer', input);
    expect(refused).toMatchObject({ ok: false, error: { code: 'api.invalid_input' } });
    expect(refused.error.message).toContain('nicht übergeben');
    // Dropping a folder hands it over for reading, not as an out folder.
    expect(hand(3, outDir)).toEqual({ ok: true, value: null });
    expect((await invoke(3, 'aussonderung.createOffer', input)).ok).toBe(false);

    dialogAnswer = null; // cancelled: nothing granted
    expect(await choose(3, 'write')).toEqual({ ok: true, value: null });
    dialogAnswer = outDir;
    expect(await choose(3, 'write')).toEqual({ ok: true, value: outDir });
    expect(dialogCalls.at(-1)).toMatchObject({ properties: ['openDirectory', 'createDirectory'] });
    expect((await invoke(4, 'aussonderung.createOffer', input)).ok).toBe(false);
    const created = await invoke(3, 'aussonderung.createOffer', input);
    expect(created.ok).toBe(true);
    expect(dirname(created.value.offer.path)).toBe(outDir);
    expect(existsSync(created.value.offer.path)).toBe(true);
  });
});
