/**
 * Placeholders must not look like values: an empty field whose grey text is a date, path, address or id reads as
 * filled in. Every placeholder in the UI source that shows a sample (a digit, a slash, an @) says it is one.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const RENDERER = path.resolve(__dirname, '../../../renderer/src');
const SAMPLE_LIKE = /[0-9/@]/;
const SAYS_SO = /^(e\.g\. |Empty: )/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(name) ? [full] : [];
  });
}

function textOf(node: ts.Node | undefined): string | null {
  if (!node) return null;
  if (ts.isJsxExpression(node)) return textOf(node.expression);
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.map((s) => `x${s.literal.text}`)].join('');
  return null;
}

/** Every placeholder written in the source: JSX `placeholder=` attributes and `placeholder:` properties. */
function placeholders(file: string): Array<{ where: string; text: string }> {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: Array<{ where: string; text: string }> = [];
  const visit = (node: ts.Node): void => {
    const named = (ts.isJsxAttribute(node) && node.name.getText(source) === 'placeholder') || (ts.isPropertyAssignment(node) && node.name.getText(source) === 'placeholder');
    if (named) {
      const text = textOf(node.initializer);
      if (text !== null) found.push({ where: `${path.relative(RENDERER, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`, text });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('placeholders', () => {
  const all = sourceFiles(RENDERER).flatMap(placeholders);

  it('are found in the source (the scan reads JSX attributes and indicator properties)', () => {
    expect(all.length).toBeGreaterThan(20);
    expect(all.some((p) => p.where.startsWith('analysis/scope-draft.ts'))).toBe(true);
  });

  it('that show a sample value say so', () => {
    const unmarked = all.filter((p) => SAMPLE_LIKE.test(p.text) && !SAYS_SO.test(p.text)).map((p) => `${p.where}: ${p.text}`);
    expect(unmarked).toEqual([]);
  });
});
