/**
 * The only bridge between the sandboxed page and the app: one object, `window.ledger`, with one method
 * per contract method plus `desktop` (native dialogs, dropped-file paths, menu commands).
 * An AbortSignal cannot cross contextBridge, so the page passes `onAbort(register)` (see
 * renderer/src/api/electron-client.ts) and the preload turns an abort into a CANCEL message.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type { LedgerMethod } from '../shared/contract/api';
import { LEDGER_METHODS } from '../shared/contract/dispatch';
import { LedgerError } from '../shared/contract/errors';
import type { ProgressEvent, ProgressListener } from '../shared/contract/progress';
import type { MenuCommand } from '../renderer/src/api/desktop';
import { CHANNELS, type CallReply } from './ipc-channels';

interface BridgedContext {
  onProgress?: ProgressListener;
  onAbort?: (cancel: () => void) => void;
}

const progressListeners = new Map<string, ProgressListener>();
ipcRenderer.on(CHANNELS.progress, (_event, message: { callId: string; event: ProgressEvent }) => progressListeners.get(message.callId)?.(message.event));

let nextCallId = 1;
async function call(method: LedgerMethod, request: unknown, context: BridgedContext = {}): Promise<unknown> {
  const callId = String(nextCallId++);
  if (context.onProgress) progressListeners.set(callId, context.onProgress);
  context.onAbort?.(() => ipcRenderer.send(CHANNELS.cancel, { callId }));
  try {
    const reply = (await ipcRenderer.invoke(CHANNELS.call, { callId, method, request })) as CallReply;
    if (reply.ok) return reply.value;
    throw new LedgerError(reply.error.code, reply.error.message, { ...reply.error.details });
  } finally {
    progressListeners.delete(callId);
  }
}

const ledger = {
  ...Object.fromEntries(LEDGER_METHODS.map((method) => [method, (request: unknown, context?: BridgedContext) => call(method, request, context)])),
  desktop: {
    chooseCaseFolder: (purpose: 'create' | 'open') => ipcRenderer.invoke(CHANNELS.chooseCaseFolder, purpose) as Promise<string | null>,
    chooseEvidenceFiles: () => ipcRenderer.invoke(CHANNELS.chooseEvidenceFiles) as Promise<string[]>,
    pathForFile: (file: File) => webUtils.getPathForFile(file),
    onMenuCommand(listener: (command: MenuCommand) => void) {
      const handler = (_event: unknown, command: MenuCommand) => listener(command);
      ipcRenderer.on(CHANNELS.menu, handler);
      return () => void ipcRenderer.removeListener(CHANNELS.menu, handler);
    },
  },
};

contextBridge.exposeInMainWorld('ledger', ledger);
