/**
 * Text from evidence (file names, cells, custody details) reaches the terminal only through here: control
 * characters (ESC, CR, BEL, line breaks inside a value…) and bidirectional or invisible formatting characters
 * (U+202E and kin) are shown as escapes, so no value can move the cursor, recolour the screen, hide text or fake a line.
 */
const UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

/** JSON.stringify already escapes C0 controls inside strings; raw newlines in its text are layout. */
const JSON_UNSAFE = /[\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, escapeChar);
}

/** A line of output: leading blank lines are kept as layout, every other control character is escaped. */
export function terminalLine(text: string): string {
  const lead = /^\n*/.exec(text)![0];
  return lead + terminalSafe(text.slice(lead.length));
}

/** JSON output stays valid JSON; the characters JSON.stringify leaves raw but a terminal acts on are escaped too. */
export function terminalJson(json: string): string {
  return json.replace(JSON_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function escapeChar(c: string): string {
  const code = c.charCodeAt(0);
  if (c === '\n') return '\\n';
  if (c === '\r') return '\\r';
  if (code === 0x1b) return '\\e';
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
}
