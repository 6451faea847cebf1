/** Electron main process: one window, app:// content, hardened session, engine in a worker thread. */
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session } from 'electron';
import path from 'node:path';
import { appProtocolHandler } from './app-protocol';
import { startEngineHost, type EngineHostClient } from './engine-client';
import { registerIpc, type DesktopDialogs } from './ipc';
import { buildMenu } from './menu';
import { addRecentCase, readRecentCases } from './recent-cases';
import { APP_ENTRY_URL, APP_SCHEME, hardenSession, hardenWebContents, PRIVILEGED_SCHEMES, windowOptions } from './security';

// Bundled to dist/electron/main.cjs; the preload, worker and renderer sit beside it.
const DIST = path.resolve(__dirname, '..');
const recentFile = () => path.join(app.getPath('userData'), 'recent-cases.json');

if (!app.requestSingleInstanceLock()) app.quit();
else start();

function start(): void {
  protocol.registerSchemesAsPrivileged(PRIVILEGED_SCHEMES);
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  let window: BrowserWindow | null = null;
  let engine: EngineHostClient | null = null;

  const dialogs: DesktopDialogs = {
    async chooseCaseFolder(purpose) {
      const result = await dialog.showOpenDialog(window!, {
        title: purpose === 'create' ? 'Choose an empty folder for the new case' : 'Open a case folder',
        properties: purpose === 'create' ? ['openDirectory', 'createDirectory', 'promptToCreate'] : ['openDirectory'],
      });
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async chooseEvidenceFiles() {
      const result = await dialog.showOpenDialog(window!, { title: 'Add evidence files', properties: ['openFile', 'multiSelections'] });
      return result.canceled ? [] : result.filePaths;
    },
  };
  const refreshMenu = () => {
    if (window) Menu.setApplicationMenu(buildMenu(window, readRecentCases(recentFile()), { openCaseFolder: () => dialogs.chooseCaseFolder('open'), chooseEvidenceFiles: () => dialogs.chooseEvidenceFiles() }));
  };

  app.on('second-instance', () => {
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => void engine?.close());

  void app.whenReady().then(() => {
    hardenSession(session.defaultSession);
    protocol.handle(APP_SCHEME, appProtocolHandler(path.join(DIST, 'renderer')));
    engine = startEngineHost(path.join(DIST, 'engine-host.mjs'));
    registerIpc(ipcMain, engine, dialogs, (caseDir) => {
      addRecentCase(recentFile(), caseDir);
      app.addRecentDocument(caseDir);
      refreshMenu();
    });
    window = new BrowserWindow(windowOptions(path.join(DIST, 'electron', 'preload.cjs')));
    window.once('ready-to-show', () => window?.show());
    window.on('closed', () => (window = null));
    refreshMenu();
    void window.loadURL(APP_ENTRY_URL);
  });
}
