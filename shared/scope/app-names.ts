/**
 * The name an event gives its connected app, beside the value in `access_events.app` (the 18-character id, or
 * the name when a source gives only that): CONNECTED_APP_NAME in event log files, Application in real-time events
 * and login history. Triage shows it and the scope matches it, from this one definition.
 */
export const APP_NAME_SQL = (alias: string): string =>
  `COALESCE(json_extract(${alias}.details, '$.CONNECTED_APP_NAME'), json_extract(${alias}.details, '$.Application'))`;

/** A cheap test before parsing: only details that mention a name field can carry one. */
export const MAY_NAME_APP_SQL = (alias: string): string =>
  `(instr(${alias}.details, '"CONNECTED_APP_NAME"') > 0 OR instr(${alias}.details, '"Application"') > 0)`;
