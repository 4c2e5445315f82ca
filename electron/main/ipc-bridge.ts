import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { AppError, isAppError } from '../../contract/app-error';
import type { Envelope } from '../../contract/envelope';
import { toErrorInfo } from '../../core/api/dispatch';
import { newRef } from '../../core/platform/ids';
import { readVersionContent } from '../../core/records/documents';
import { resolveCaller } from '../../core/records/users';
import type { App } from '../../host/create-app';
import { InvokeArgs, ReadFileArgs, isTrustedSender } from './ipc-arguments';
import { IPC_CHOOSE_FOLDER, IPC_EVENT, IPC_FILE_PATH, IPC_INVOKE, IPC_READ_FILE } from '../ipc-channels';
import { ChooseFolderArgs, FileGrants, FilePathArgs, type FolderPurpose } from './file-grants';

/** The native folder dialog (main.ts); the user's choice there is what grants a folder. */
export type ChooseFolder = (contents: WebContents, purpose: FolderPurpose) => Promise<string | null>;

/**
 * Forwards the renderer's calls to the core's dispatch. The session belongs to the window (kept here,
 * keyed by webContents), so a page cannot act under another window's login.
 */
export function registerIpcBridge(ipcMain: Pick<IpcMain, 'handle'>, app: App, chooseFolder: ChooseFolder): { attach(contents: WebContents): void } {
  const sessions = new Map<number, string>();
  const files = new FileGrants();

  const refuse = (code: 'auth.bad_token' | 'api.invalid_input', detail: string): Envelope<never> => {
    const ref = newRef();
    app.logger.warn('ipc call refused', { code, ref });
    return { ok: false, error: toErrorInfo(code, { detail }, ref) };
  };
  const trusted = (e: IpcMainInvokeEvent) => isTrustedSender(e.senderFrame?.url);

  ipcMain.handle(IPC_INVOKE, async (event, ...args: unknown[]) => {
    if (!trusted(event)) return refuse('auth.bad_token', 'fremder Absender');
    const parsed = InvokeArgs.safeParse(args);
    if (!parsed.success) return refuse('api.invalid_input', 'Aufruf ungültig');
    const [method, input] = parsed.data;
    const id = event.sender.id;
    if (!files.allows(id, method, input)) return refuse('api.invalid_input', 'Datei oder Ordner nicht übergeben (bitte ziehen oder auswählen)');
    const result = await app.dispatch({ sessionId: sessions.get(id) ?? null, transport: 'ipc' }, method, input);
    if (result.ok && method === 'session.login') sessions.set(id, (result.value as { sessionId: string }).sessionId);
    if (method === 'session.logout') sessions.delete(id);
    return result;
  });

  ipcMain.handle(IPC_FILE_PATH, (event, ...args: unknown[]): Envelope<null> => {
    if (!trusted(event)) return refuse('auth.bad_token', 'fremder Absender');
    const parsed = FilePathArgs.safeParse(args);
    if (!parsed.success) return refuse('api.invalid_input', 'Dateipfad ungültig');
    files.grant(event.sender.id, parsed.data[0]);
    return { ok: true, value: null };
  });

  ipcMain.handle(IPC_CHOOSE_FOLDER, async (event, ...args: unknown[]): Promise<Envelope<string | null>> => {
    if (!trusted(event)) return refuse('auth.bad_token', 'fremder Absender');
    const parsed = ChooseFolderArgs.safeParse(args);
    if (!parsed.success) return refuse('api.invalid_input', 'Zweck der Ordnerwahl ungültig');
    const folder = await chooseFolder(event.sender, parsed.data[0]);
    if (folder) files.grant(event.sender.id, folder, parsed.data[0]);
    return { ok: true, value: folder };
  });

  ipcMain.handle(IPC_READ_FILE, async (event, ...args: unknown[]): Promise<Envelope<{ bytes: Uint8Array; fileName: string; mimeType: string }>> => {
    if (!trusted(event)) return refuse('auth.bad_token', 'fremder Absender');
    const parsed = ReadFileArgs.safeParse(args);
    if (!parsed.success) return refuse('api.invalid_input', 'Dokumentversion ungültig');
    const ref = newRef();
    try {
      const username = app.sessions.usernameOf(sessions.get(event.sender.id) ?? null);
      if (!username) throw new AppError('auth.not_logged_in', {}, 'read-file without session');
      const caller = await resolveCaller(app.store.reader, username);
      const file = await readVersionContent({ store: app.store, caller }, parsed.data[0]);
      return { ok: true, value: { bytes: new Uint8Array(file.bytes), fileName: file.fileName, mimeType: file.mimeType } };
    } catch (err) {
      if (!isAppError(err)) throw err;
      app.logger.warn(err.logMessage, { code: err.code, ref });
      return { ok: false, error: toErrorInfo(err.code, err.params, ref) };
    }
  });

  return {
    attach(contents) {
      const unsubscribe = app.events.subscribe((e) => contents.send(IPC_EVENT, e));
      contents.once('destroyed', () => {
        unsubscribe();
        sessions.delete(contents.id);
        files.forget(contents.id);
      });
    },
  };
}
