import { ApiError, clientError } from './api-error';
import type { EakteBridge } from './bridge';
import { parseEvent } from './parse-event';
import type { Transport } from './transport';

/** Electron: the preload's bridge. The session lives in the main process per window, so no id is sent. */
export function createIpcTransport(bridge: EakteBridge): Transport {
  return {
    kind: 'ipc',
    async invoke(method, input) {
      try {
        return await bridge.invoke(method, input ?? {});
      } catch (err) {
        throw clientError('client.unreachable', err);
      }
    },
    async readFile(versionUuid) {
      if (bridge.readFile) {
        let envelope: Awaited<ReturnType<NonNullable<EakteBridge['readFile']>>>;
        try {
          envelope = await bridge.readFile(versionUuid);
        } catch (err) {
          throw clientError('client.unreachable', err);
        }
        if (!envelope.ok) throw new ApiError(envelope.error);
        // Copy into a fresh ArrayBuffer: the structured clone may come as a view on a shared buffer.
        return new Blob([new Uint8Array(envelope.value.bytes)], { type: envelope.value.mimeType });
      }
      if (bridge.fileUrl) {
        const res = await fetch(bridge.fileUrl(versionUuid)).catch((err: unknown) => {
          throw clientError('client.unreachable', err);
        });
        if (!res.ok) throw clientError('client.bad_response', `HTTP ${res.status}`);
        return res.blob();
      }
      throw clientError('client.bad_response', 'bridge without file access');
    },
    async stageFile(file) {
      const path = (await bridge.pathForFile?.(file)) ?? '';
      if (!path) throw clientError('client.bad_response', 'file without a path');
      return { path };
    },
    ...(bridge.chooseFolder && { chooseFolder: async (purpose: 'read' | 'write') => (await bridge.chooseFolder!(purpose)) || null }),
    subscribe(listener) {
      return bridge.onEvent((raw) => {
        const event = parseEvent(raw);
        if (event) listener(event);
      });
    },
  };
}
