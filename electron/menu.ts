/** Native menus. Commands go to the page as MENU messages; the page does the work through the contract. */
import { Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../renderer/src/api/desktop';
import { CHANNELS } from './ipc-channels';

export interface MenuActions {
  openCaseFolder(): Promise<string | null>;
  chooseEvidenceFiles(): Promise<string[]>;
}

export function buildMenu(window: BrowserWindow, recent: string[], actions: MenuActions): Menu {
  const send = (command: MenuCommand) => window.webContents.send(CHANNELS.menu, command);
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'New Case…', accelerator: 'CmdOrCtrl+N', click: () => send({ command: 'new-case' }) },
        {
          label: 'Open Case…',
          accelerator: 'CmdOrCtrl+O',
          click: () =>
            void actions.openCaseFolder().then((caseDir) => {
              if (caseDir) send({ command: 'open-case', caseDir });
            }),
        },
        {
          label: 'Open Recent',
          submenu: recent.length
            ? recent.map((caseDir) => ({ label: caseDir, click: () => send({ command: 'open-case', caseDir }) }))
            : [{ label: 'No recent cases', enabled: false }],
        },
        { type: 'separator' },
        {
          label: 'Add Evidence…',
          accelerator: 'CmdOrCtrl+I',
          click: () =>
            void actions.chooseEvidenceFiles().then((files) => {
              if (files.length) send({ command: 'add-evidence', files });
            }),
        },
        { label: 'Verify Case', accelerator: 'CmdOrCtrl+Shift+V', click: () => send({ command: 'show', screen: 'verify' }) },
        { label: 'Custody Log', accelerator: 'CmdOrCtrl+L', click: () => send({ command: 'show', screen: 'custody' }) },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    { label: 'View', submenu: [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }] },
    { role: 'windowMenu' },
  ];
  return Menu.buildFromTemplate(template);
}
