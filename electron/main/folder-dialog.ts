import type { BaseWindow, Dialog, OpenDialogOptions, WebContents } from 'electron';
import type { ChooseFolder } from './ipc-bridge';

/**
 * The native folder dialog, modal over the window that asked. What the user picks there is what the
 * bridge grants (file-grants.ts); a page cannot name a folder any other way.
 */
export function folderDialog(dialog: Pick<Dialog, 'showOpenDialog'>, windowOf: (contents: WebContents) => BaseWindow | null): ChooseFolder {
  return async (contents, purpose) => {
    const options: OpenDialogOptions =
      purpose === 'write'
        ? { title: 'Zielordner wählen', buttonLabel: 'Hier speichern', properties: ['openDirectory', 'createDirectory'] }
        : { title: 'Ordner wählen', buttonLabel: 'Auswählen', properties: ['openDirectory'] };
    const win = windowOf(contents);
    const chosen = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    return chosen.canceled ? null : (chosen.filePaths[0] ?? null);
  };
}
