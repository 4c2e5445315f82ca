import type { WebPreferences } from 'electron';

/**
 * The renderer runs as untrusted web content: isolated, sandboxed, without Node, and with only the
 * preload's two functions as its bridge to the core.
 */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    devTools: process.env.NODE_ENV !== 'production',
  };
}
