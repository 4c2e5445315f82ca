import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type { Envelope } from '../../contract/envelope';
import type { AppEvent } from '../../contract/events';
import { IPC_CHOOSE_FOLDER, IPC_EVENT, IPC_FILE_PATH, IPC_INVOKE, IPC_READ_FILE } from '../ipc-channels';

/** The renderer's whole view of the machine: call a core method, read a file, hear events. */
const bridge = {
  invoke: (method: string, input: unknown): Promise<Envelope<unknown>> => ipcRenderer.invoke(IPC_INVOKE, method, input),
  readFile: (versionUuid: string): Promise<Envelope<{ bytes: Uint8Array; fileName: string; mimeType: string }>> =>
    ipcRenderer.invoke(IPC_READ_FILE, versionUuid),
  /** The path of a dropped or chosen file (sandbox-compatible), handed to main first so intake may read it. */
  pathForFile: async (file: File): Promise<string> => {
    const path = webUtils.getPathForFile(file);
    if (!path) return '';
    const granted = (await ipcRenderer.invoke(IPC_FILE_PATH, path)) as Envelope<null>;
    return granted.ok ? path : '';
  },
  /** Lets the user choose a folder in the native dialog; '' when cancelled. Only such folders may be named as out folders. */
  chooseFolder: async (purpose: 'read' | 'write'): Promise<string> => {
    const chosen = (await ipcRenderer.invoke(IPC_CHOOSE_FOLDER, purpose)) as Envelope<string | null>;
    return chosen.ok ? (chosen.value ?? '') : '';
  },
  onEvent: (listener: (event: AppEvent) => void): (() => void) => {
    const wrapped = (_e: unknown, event: AppEvent) => listener(event);
    ipcRenderer.on(IPC_EVENT, wrapped);
    return () => ipcRenderer.removeListener(IPC_EVENT, wrapped);
  },
};

contextBridge.exposeInMainWorld('eakte', bridge);

export type EakteBridge = typeof bridge;
