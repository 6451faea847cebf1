/** The fields a column mapping can fill for generic CSV / JSON Lines logs, with the words the app shows for them. */
export const MAPPING_FIELDS = [
  { field: 'ts', label: 'Timestamp (required)' },
  { field: 'actorId', label: 'User id' },
  { field: 'username', label: 'Username' },
  { field: 'sessionKey', label: 'Session key' },
  { field: 'loginKey', label: 'Login key' },
  { field: 'clientIp', label: 'Client IP' },
  { field: 'sourceIp', label: 'Source IP' },
  { field: 'userAgent', label: 'User agent' },
  { field: 'app', label: 'Connected app' },
  { field: 'client', label: 'Client' },
  { field: 'operation', label: 'Operation' },
  { field: 'objectType', label: 'Object type' },
  { field: 'query', label: 'Query' },
  { field: 'status', label: 'Status' },
  { field: 'requestId', label: 'Request id' },
  { field: 'uri', label: 'URI' },
  { field: 'rowsProcessed', label: 'Rows processed' },
  { field: 'recordIds', label: 'Record ids' },
  { field: 'dedupKey', label: 'Duplicate key' },
] as const;

export type MappingField = (typeof MAPPING_FIELDS)[number]['field'];

/** The encodings an import can be told to use (otherwise it is detected). */
export const IMPORT_ENCODINGS = ['utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'windows-1252'] as const;
