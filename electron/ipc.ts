/** Main-process IPC: every message's sender is checked, and only contract methods reach the engine. */
import type { IpcMain, IpcMainEvent, IpcMainInvokeEvent } from 'electron';
import type { LedgerApi } from '../shared/contract/api';
import { invokeMethod } from '../shared/contract/dispatch';
import { toErrorPayload } from '../shared/contract/errors';
import { throttleProgress } from '../shared/contract/progress';
import { CHANNELS, type CallReply } from './ipc-channels';
import { isTrustedSender } from './security';

export interface DesktopDialogs {
  chooseCaseFolder(purpose: 'create' | 'open'): Promise<string | null>;
  chooseEvidenceFiles(): Promise<string[]>;
}

const REFUSED: CallReply = { ok: false, error: { code: 'BAD_USAGE', message: 'Refused: the request did not come from the Breach Ledger window.', details: {} } };

export function registerIpc(ipcMain: IpcMain, engine: LedgerApi, dialogs: DesktopDialogs, onCaseOpened: (caseDir: string) => void): void {
  const running = new Map<string, AbortController>();

  ipcMain.handle(CHANNELS.call, async (event: IpcMainInvokeEvent, message: { callId?: unknown; method?: unknown; request?: unknown }): Promise<CallReply> => {
    if (!isTrustedSender(event)) return REFUSED;
    const callId = `${event.sender.id}:${String(message?.callId)}`;
    const controller = new AbortController();
    running.set(callId, controller);
    const onProgress = throttleProgress((progress) => {
      if (!event.sender.isDestroyed()) event.sender.send(CHANNELS.progress, { callId: message.callId, event: progress });
    });
    try {
      const value = await invokeMethod(engine, message?.method, message?.request, { onProgress, signal: controller.signal });
      if (message.method === 'createCase' || message.method === 'openCase') onCaseOpened((value as { caseDir: string }).caseDir);
      return { ok: true, value };
    } catch (error) {
      return { ok: false, error: toErrorPayload(error) };
    } finally {
      running.delete(callId);
    }
  });

  ipcMain.on(CHANNELS.cancel, (event: IpcMainEvent, message: { callId?: unknown }) => {
    if (isTrustedSender(event)) running.get(`${event.sender.id}:${String(message?.callId)}`)?.abort();
  });

  ipcMain.handle(CHANNELS.chooseCaseFolder, (event, purpose: unknown) =>
    isTrustedSender(event) ? dialogs.chooseCaseFolder(purpose === 'create' ? 'create' : 'open') : null,
  );
  ipcMain.handle(CHANNELS.chooseEvidenceFiles, (event) => (isTrustedSender(event) ? dialogs.chooseEvidenceFiles() : []));
}
