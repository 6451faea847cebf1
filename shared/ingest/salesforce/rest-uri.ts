import { toId18 } from '../../util/salesforce-id';

const SINGLE_RECORD_URI = /\/(?:sobjects\/[A-Za-z0-9_]+|ui-api\/records)\/([a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?)(?=[/?#]|$)/;

/** The record id in a REST URI that names one record (`…/sobjects/Contact/003…`, `…/ui-api/records/003…`). */
export function recordIdFromRestUri(uri: string | null): string | null {
  if (!uri) return null;
  const m = SINGLE_RECORD_URI.exec(uri);
  return m ? toId18(m[1]) : null;
}
