/** The RTEM `Records` field: a query result serialized as a JSON string inside the event. */
import { looksLikeSalesforceId, toId18 } from '../../util/salesforce-id';

export interface RecordsField {
  /** 18-character ids found at any depth, in order of appearance, without repeats. */
  ids: string[];
  /** `Id` values that are not 15/18-character Salesforce ids, kept so nothing is silently dropped. */
  unrecognized: string[];
  totalSize: number | null;
  done: boolean | null;
  /** The text was not valid JSON (e.g. cut at the 250 000-character limit); ids were recovered by pattern. */
  truncated: boolean;
}

const ID_PROPERTY = /"Id"\s*:\s*"([^"\\]*)"/g;

export function decodeRecordsField(value: unknown): RecordsField | null {
  if (value === null || value === undefined || value === '') return null;
  const field: RecordsField = { ids: [], unrecognized: [], totalSize: null, done: null, truncated: false };
  let parsed: unknown = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      field.truncated = true;
      const seen = new Set<string>();
      for (const m of value.matchAll(ID_PROPERTY)) addId(field, m[1]!, seen);
      return field;
    }
  }
  if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
    const top = parsed as Record<string, unknown>;
    if (typeof top.totalSize === 'number') field.totalSize = top.totalSize;
    if (typeof top.done === 'boolean') field.done = top.done;
  }
  collectIds(parsed, field, new Set());
  return field;
}

/** Walks the value depth-first with its own stack (a `Records` value may nest thousands deep), ids in document order. */
function collectIds(root: unknown, field: RecordsField, seen: Set<string>): void {
  const stack: Array<{ node: unknown } | { id: string }> = [{ node: root }];
  while (stack.length > 0) {
    const top = stack.pop()!;
    if ('id' in top) {
      addId(field, top.id, seen);
      continue;
    }
    const node = top.node;
    if (node === null || typeof node !== 'object') continue;
    const children: Array<{ node: unknown } | { id: string }> = Array.isArray(node)
      ? node.map((item: unknown) => ({ node: item }))
      : Object.entries(node as Record<string, unknown>).map(([key, child]) => ((key === 'Id' || key === 'id') && typeof child === 'string' ? { id: child } : { node: child }));
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
}

function addId(field: RecordsField, raw: string, seen: Set<string>): void {
  if (raw === '' || seen.has(raw)) return;
  seen.add(raw);
  if (!looksLikeSalesforceId(raw)) {
    field.unrecognized.push(raw);
    return;
  }
  const id = toId18(raw);
  if (id !== null && !seen.has(`=${id}`)) {
    seen.add(`=${id}`);
    field.ids.push(id);
  }
}
