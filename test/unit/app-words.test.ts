/**
 * The engine speaks to the app and the command line alike: no text it can show (errors, warnings, reasons, files
 * it writes) may be command-line syntax the app's user cannot type anywhere: no `--flag`, no `<case>` placeholder,
 * no quoted command to run. Every string literal under shared/ is read from the TypeScript syntax tree.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SHARED = path.resolve(__dirname, '../../shared');
const COMMANDS = ['breach-ledger', 'case', 'import', 'scope', 'reconstruct', 'people', 'consumers', 'evidence', 'rules', 'notices', 'verify', 'triage', 'export'];
const CLI_SYNTAX: ReadonlyArray<[string, RegExp]> = [
  ['an option flag', /(?:^|[\s(["'`])--[a-z][a-z-]*/],
  ['a <case> placeholder', /<case>|<id>|<format>/],
  ['a quoted command', new RegExp(`(?:run|with|use|using) "(?:${COMMANDS.join('|')})\\b`)],
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(name) ? [full] : [];
  });
}

/** The text of every string and template literal (template parts joined), with its line. */
function literals(file: string): Array<{ line: number; text: string }> {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: Array<{ line: number; text: string }> = [];
  const visit = (node: ts.Node): void => {
    let text: string | null = null;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) text = node.text;
    else if (ts.isTemplateExpression(node)) text = [node.head.text, ...node.templateSpans.map((s) => `\${…}${s.literal.text}`)].join('');
    if (text !== null) found.push({ line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, text });
    if (!ts.isTemplateExpression(node)) ts.forEachChild(node, visit);
    else node.templateSpans.forEach((s) => visit(s.expression));
  };
  visit(source);
  return found;
}

describe('the engine words its messages for both front ends', () => {
  it('no string under shared/ carries command-line syntax', () => {
    const offending: string[] = [];
    for (const file of sourceFiles(SHARED)) {
      for (const { line, text } of literals(file)) {
        for (const [what, pattern] of CLI_SYNTAX) {
          if (pattern.test(text)) offending.push(`${path.relative(SHARED, file)}:${line} has ${what}: ${text.slice(0, 140)}`);
        }
      }
    }
    expect(offending).toEqual([]);
  });

  it('the check finds command-line syntax where it is', () => {
    const hits = (text: string) => CLI_SYNTAX.filter(([, pattern]) => pattern.test(text)).map(([what]) => what);
    expect(hits('--tz must be an IANA time zone')).toEqual(['an option flag']);
    expect(hits('give a column mapping (--map ts=<column>)')).toEqual(['an option flag']);
    expect(hits('list records with "people <case>".')).toEqual(['a <case> placeholder', 'a quoted command']);
    expect(hits('import it with "import <case> <id> --format <format>".')).toHaveLength(3);
    expect(hits('The time zone must be an IANA time zone name such as America/Chicago.')).toEqual([]);
    expect(hits('a range such as 10.0.0.0--10.0.0.9 or an em dash — here')).toEqual([]);
  });
});
