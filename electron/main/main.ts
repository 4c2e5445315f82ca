import { join } from 'node:path';
import { app as electronApp, BrowserWindow, dialog, ipcMain, protocol, safeStorage, session } from 'electron';
import { isAppError } from '../../contract/app-error';
import type { GroupRole } from '../../contract/methods/admin';
import { osGroups, osIdentity, demoIdentity } from '../../core/api/identity';
import { createApp } from '../../host/create-app';
import { frontEndSetup } from '../../host/config/front-end';
import { serveRenderer } from './app-protocol';
import { hardenContents, hardenSession } from './harden-contents';
import { folderDialog } from './folder-dialog';
import { registerIpcBridge } from './ipc-bridge';
import { safeStorageKeys } from './safe-storage-keys';
import { safeStorageSigningSecrets, withSigningSecrets } from './signing-secrets';
import { APP_ORIGIN, APP_SCHEME } from '../ipc-channels';
import { secureWebPreferences } from './web-preferences';

/**
 * Electron entry: thin by design. It holds the single-instance lock, starts the core in this process,
 * serves the renderer from app:// and forwards IPC; everything else lives in core/ and host/.
 */
const demo = process.argv.includes('--demo') || process.env.EAKTE_DEMO === '1';

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

if (!electronApp.requestSingleInstanceLock()) {
  electronApp.quit();
} else {
  electronApp.on('web-contents-created', (_e, contents) => hardenContents(contents));
  electronApp.on('window-all-closed', () => electronApp.quit());
  void electronApp.whenReady().then(start);
}

/** Roles from the Windows/AD groups when the admin configured rules; otherwise the app's user table decides. */
const directory = (groupRoles: readonly GroupRole[]) => (groupRoles.length ? { groups: () => osGroups(), groupRoles } : undefined);

async function start(): Promise<void> {
  let core;
  try {
    // Machine config first: a bad file stops the start with its German message. The demo data is
    // fictional and stays unsealed, so a development machine without a keyring can still run it.
    const setup = frontEndSetup({ osKeys: () => safeStorageKeys(safeStorage) });
    core = await createApp({
      dataDir: setup.dataDir,
      mode: 'electron',
      identity: demo || setup.loaded.config.identity.source === 'demo' ? demoIdentity : osIdentity(undefined, directory(setup.loaded.config.identity.groupRoles)),
      keys: demo ? undefined : setup.keys,
      // The demo syncs and signs with nothing of the machine's.
      admin: demo ? undefined : setup.admin,
      logLimits: setup.logLimits,
      validateOutput: false,
    });
    if (setup.loaded.ignoredUserKeys.length) core.logger.warn('user config keys ignored', { keys: setup.loaded.ignoredUserKeys.join(',') });
    // The demo data set (and the PDF library it needs) loads only in demo mode.
    if (demo) await (await import('../../fixtures/demo/seed')).seedDemo(core.deps);
  } catch (err) {
    dialog.showErrorBox('eAkte Desk kann nicht starten', isAppError(err) ? err.germanText : String(err));
    electronApp.exit(1);
    return;
  }
  // Packaged: dist/renderer beside dist/electron. EAKTE_RENDERER_DIR points at another build (development).
  const rendererDir = process.env.EAKTE_RENDERER_DIR ?? join(__dirname, '..', 'renderer');
  hardenSession(session.defaultSession);
  serveRenderer(protocol, rendererDir);
  // Key file passwords the clerk chose to keep stay in this process, encrypted by the OS.
  const secrets = safeStorageSigningSecrets(safeStorage, join(core.store.dataDir, 'signing-secrets.json'));
  const bridge = registerIpcBridge(ipcMain, { ...core, dispatch: withSigningSecrets(core.dispatch, secrets) }, folderDialog(dialog, (contents) => BrowserWindow.fromWebContents(contents)));

  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    show: false,
    title: 'eAkte Desk',
    webPreferences: secureWebPreferences(join(__dirname, 'preload.cjs')),
  });
  bridge.attach(win.webContents);
  win.once('ready-to-show', () => win.show());
  electronApp.on('second-instance', () => {
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  electronApp.on('before-quit', () => void core.close());
  await win.loadURL(`${APP_ORIGIN}/index.html`);
}
