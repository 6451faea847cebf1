/**
 * Fails when any desktop security setting regresses. `electron` is mocked at the boundary (the binary
 * is not installed): the mock records what main.ts asks Electron to do, and the handlers it installs
 * are then exercised directly.
 */
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import type { BrowserWindowConstructorOptions } from 'electron';
import { beforeAll, describe, expect, it, vi } from 'vitest';

/** The parts of Electron's handler signatures these tests call the handlers with. */
type Listener = (...args: unknown[]) => unknown;
type PermissionRequestHandler = (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void;
type PermissionCheckHandler = (webContents: unknown, permission: string) => boolean;
type DevicePermissionHandler = (details: unknown) => boolean;
type DownloadListener = (event: { preventDefault(): void }) => void;

const recorded = vi.hoisted(() => ({
  windows: [] as Array<{ options: BrowserWindowConstructorOptions; loadURL: ReturnType<typeof vi.fn> }>,
  protocolHandlers: new Map<string, unknown>(),
  privilegedSchemes: [] as unknown[],
  appHandlers: new Map<string, Listener>(),
  ipcHandlers: new Map<string, Listener>(),
  ipcListeners: new Map<string, Listener>(),
  session: {
    permissionRequest: null as PermissionRequestHandler | null,
    permissionCheck: null as PermissionCheckHandler | null,
    devicePermission: null as DevicePermissionHandler | null,
    downloads: [] as DownloadListener[],
  },
  openExternal: vi.fn(),
}));

vi.mock('electron', () => {
  const { windows, protocolHandlers, privilegedSchemes, appHandlers, ipcHandlers, ipcListeners, session, openExternal } = recorded;
  class BrowserWindow {
    webContents = { send: vi.fn() };
    loadURL = vi.fn(() => Promise.resolve(undefined));
    constructor(options: BrowserWindowConstructorOptions) {
      windows.push({ options, loadURL: this.loadURL });
    }
    once() {}
    on() {}
    isMinimized() {
      return false;
    }
  }
  return {
    app: {
      requestSingleInstanceLock: () => true,
      on: (name: string, handler: Listener) => appHandlers.set(name, handler),
      whenReady: () => Promise.resolve(),
      getPath: () => '/nonexistent-user-data',
      addRecentDocument: vi.fn(),
      quit: vi.fn(),
    },
    BrowserWindow,
    Menu: { buildFromTemplate: (template: unknown) => ({ template }), setApplicationMenu: vi.fn() },
    dialog: { showOpenDialog: vi.fn() },
    ipcMain: {
      handle: (channel: string, handler: Listener) => ipcHandlers.set(channel, handler),
      on: (channel: string, handler: Listener) => ipcListeners.set(channel, handler),
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => privilegedSchemes.push(...schemes),
      handle: (scheme: string, handler: unknown) => protocolHandlers.set(scheme, handler),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: PermissionRequestHandler) => (session.permissionRequest = h),
        setPermissionCheckHandler: (h: PermissionCheckHandler) => (session.permissionCheck = h),
        setDevicePermissionHandler: (h: DevicePermissionHandler) => (session.devicePermission = h),
        on: (name: string, h: DownloadListener) => name === 'will-download' && session.downloads.push(h),
      },
    },
    shell: { openExternal },
  };
});

const { CONTENT_SECURITY_POLICY, isAppUrl } = await import('../../../electron/security');
const { CHANNELS } = await import('../../../electron/ipc-channels');

beforeAll(async () => {
  await import('../../../electron/main');
  await new Promise((resolve) => setTimeout(resolve, 0));
});

function fakeWebContents() {
  const contents = Object.assign(new EventEmitter(), { openHandler: null as null | ((details: { url: string }) => unknown) });
  return Object.assign(contents, { setWindowOpenHandler: (h: (details: { url: string }) => unknown) => (contents.openHandler = h) });
}

const trusted = { senderFrame: { url: 'app://ledger/index.html' }, sender: { id: 1, send: vi.fn(), isDestroyed: () => false } };
const senderFrom = (url: string | null) => ({ ...trusted, senderFrame: url === null ? null : { url } });

describe('desktop window security', () => {
  it('creates the window with isolation, sandbox and no Node in the page', () => {
    expect(recorded.windows).toHaveLength(1);
    const prefs = recorded.windows[0]!.options.webPreferences;
    expect(prefs).toMatchObject({
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
    });
    expect(prefs?.preload).toMatch(/preload\.cjs$/);
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
  });

  it('loads the UI from app://, never file://', () => {
    expect(recorded.windows[0]!.loadURL).toHaveBeenCalledWith('app://ledger/index.html');
    expect(recorded.privilegedSchemes).toEqual([expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) as unknown })]);
    expect(recorded.protocolHandlers.has('app')).toBe(true);
    const main = readFileSync(new URL('../../../electron/main.ts', import.meta.url), 'utf8');
    expect(main).not.toMatch(/loadFile|file:\/\/|openExternal/);
  });

  it('serves app:// with the strict CSP and refuses paths outside the renderer folder', async () => {
    const handler = recorded.protocolHandlers.get('app') as (request: Request) => Promise<Response>;
    expect((await handler(new Request('app://ledger/../../etc/passwd'))).status).toBe(404);
    expect((await handler(new Request('app://ledger/%2e%2e/package.json'))).status).toBe(404);
    const page = await handler(new Request('app://ledger/index.html'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('has a CSP with no inline or eval script and nothing remote', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
  });

  it('blocks navigation, redirects, webviews and new windows, and never opens external URLs', () => {
    const contents = fakeWebContents();
    recorded.appHandlers.get('web-contents-created')!({}, contents);
    for (const event of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const preventDefault = vi.fn();
      contents.emit(event, { preventDefault }, 'https://attacker.example/');
      expect(preventDefault, event).toHaveBeenCalled();
    }
    expect(contents.openHandler!({ url: 'https://attacker.example/' })).toEqual({ action: 'deny' });
    expect(contents.openHandler!({ url: 'app://ledger/index.html' })).toEqual({ action: 'deny' });
    expect(recorded.openExternal).not.toHaveBeenCalled();
  });

  it('denies every permission request and download', () => {
    const callback = vi.fn();
    recorded.session.permissionRequest!({}, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
    expect(recorded.session.permissionCheck!({}, 'clipboard-read')).toBe(false);
    expect(recorded.session.devicePermission!({})).toBe(false);
    const preventDefault = vi.fn();
    recorded.session.downloads[0]!({ preventDefault });
    expect(preventDefault).toHaveBeenCalled();
  });

  it('parses sender URLs instead of prefix-matching them', () => {
    expect(isAppUrl('app://ledger/index.html')).toBe(true);
    for (const url of ['app://ledger.evil/index.html', 'app://evil/', 'app://user@ledger/', 'file:///index.html', 'https://ledger/', 'not a url', '']) {
      expect(isAppUrl(url), url).toBe(false);
    }
  });

  it('refuses IPC from any frame that is not the app and lets only contract methods through', async () => {
    const call = recorded.ipcHandlers.get(CHANNELS.call)!;
    for (const sender of [senderFrom('https://attacker.example/'), senderFrom('app://ledger.evil/'), senderFrom(null)]) {
      await expect(call(sender, { callId: 1, method: 'listFormats' })).resolves.toEqual({ ok: false, error: expect.objectContaining({ code: 'BAD_USAGE' }) as unknown });
    }
    await expect(call(trusted, { callId: 2, method: 'constructor', request: {} })).resolves.toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'BAD_USAGE', message: expect.stringContaining('Unknown method') as unknown }) as unknown,
    });
    expect(await recorded.ipcHandlers.get(CHANNELS.chooseEvidenceFiles)!(senderFrom('https://attacker.example/'))).toEqual([]);
    expect(await recorded.ipcHandlers.get(CHANNELS.chooseCaseFolder)!(senderFrom('https://attacker.example/'), 'open')).toBeNull();
    expect(() => recorded.ipcListeners.get(CHANNELS.cancel)!(senderFrom('https://attacker.example/'), { callId: 2 })).not.toThrow();
  });

  it('packages with hardened fuses, no auto-update and no publishing', () => {
    const config = readFileSync(new URL('../../../electron-builder.yml', import.meta.url), 'utf8');
    const fuses = {
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      grantFileProtocolExtraPrivileges: false,
      enableCookieEncryption: true,
    };
    expect(config).toMatch(/^electronFuses:/m);
    for (const [fuse, value] of Object.entries(fuses)) expect(config).toMatch(new RegExp(`^\\s+${fuse}: ${value}\\s*$`, 'm'));
    expect(config).toMatch(/^publish: null\s*$/m);
    expect(config).not.toMatch(/electron-updater|autoUpdate/);
  });
});
