/**
 * Picks how the UI reaches the engine: the Electron preload's `window.ledger`, or, when the page was
 * served by the browser bridge, an HTTP client authorised by the token the bridge put in the URL fragment.
 */
import type { LedgerApi } from '../../../shared/contract/api';
import { createBridgeClient } from './bridge-client';
import { createElectronClient } from './electron-client';
import type { DesktopLedger } from './desktop';

export type Transport =
  | { kind: 'electron'; api: LedgerApi; desktop: DesktopLedger['desktop'] }
  | { kind: 'bridge'; api: LedgerApi }
  | { kind: 'none' };

const TOKEN_KEY = 'breach-ledger.bridge-token';

export function pickTransport(win: Window = window): Transport {
  if (win.ledger) return { kind: 'electron', api: createElectronClient(win.ledger), desktop: win.ledger.desktop };
  const fromFragment = new URLSearchParams(win.location.hash.slice(1)).get('token');
  if (fromFragment) {
    win.sessionStorage.setItem(TOKEN_KEY, fromFragment);
    win.history.replaceState(null, '', win.location.pathname + win.location.search);
  }
  const token = fromFragment ?? win.sessionStorage.getItem(TOKEN_KEY);
  if (token) return { kind: 'bridge', api: createBridgeClient(win.location.origin, token) };
  return { kind: 'none' };
}
