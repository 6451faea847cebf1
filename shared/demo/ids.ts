import { caseSafeSuffix } from '../util/salesforce-id';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** Server/pod characters (positions 4–5) and the reserved character, as in `003Hs00000AbCdE`. */
const POD = 'Hs0';

export const ORG_ID_15 = '00DHs0000001bQx';

export function base62(value: number, width: number): string {
  let out = '';
  let rest = value;
  for (let i = 0; i < width; i++) {
    out = BASE62[rest % 62] + out;
    rest = Math.floor(rest / 62);
  }
  return out;
}

/**
 * A 15-character id: key prefix, pod, and a 9-character base-62 counter. The counter starts high enough
 * that ids mix digits, upper- and lowercase letters, which exercises the case-safe suffix.
 */
export function id15(prefix: string, counter: number): string {
  return prefix + POD + base62(counter + 3_700_000_000_000, 9);
}

export function to18(id: string): string {
  return id + caseSafeSuffix(id);
}

export function id18(prefix: string, counter: number): string {
  return to18(id15(prefix, counter));
}

/** Standard object key prefixes (formats.md §7). */
export const KEY_PREFIX = {
  Account: '001',
  Contact: '003',
  User: '005',
  Lead: '00Q',
  Case: '500',
  Order: '801',
  Report: '00O',
  RecordType: '012',
  Profile: '00e',
  UserRole: '00E',
  ConnectedApp: '0H4',
  BulkJob: '750',
  LoginHistory: '0Ya',
} as const;
