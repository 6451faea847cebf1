import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');

function sourceFiles(dir: string): string[] {
  const full = path.join(ROOT, dir);
  let names: string[];
  try {
    names = readdirSync(full);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const p = path.join(full, name);
    if (statSync(p).isDirectory()) return name === 'node_modules' || name === 'dist' ? [] : sourceFiles(path.join(dir, name));
    return /\.(ts|tsx|mts|cts)$/.test(name) ? [path.join(dir, name)] : [];
  });
}

/** Every module specifier a file imports (static, dynamic, re-export, require). */
function importsOf(file: string): string[] {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  const specifiers: string[] = [];
  const pattern = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|require\s*\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]/gm;
  for (const match of text.matchAll(pattern)) specifiers.push((match[1] ?? match[2] ?? match[3] ?? match[4])!);
  return specifiers;
}

function resolvesInto(file: string, specifier: string, folder: string): boolean {
  if (!specifier.startsWith('.')) return false;
  const target = path.relative(ROOT, path.resolve(path.dirname(path.join(ROOT, file)), specifier));
  return target === folder || target.startsWith(`${folder}${path.sep}`);
}

describe('architecture import rules', () => {
  it('finds the source files it polices', () => {
    expect(sourceFiles('shared').length).toBeGreaterThan(10);
  });

  it('shared/ never imports electron, react or renderer/cli/electron code', () => {
    const violations = sourceFiles('shared').flatMap((file) =>
      importsOf(file)
        .filter((s) => /^(electron|react|react-dom)(\/|$)/.test(s) || ['renderer', 'electron', 'cli'].some((f) => resolvesInto(file, s, f)))
        .map((s) => `${file} imports ${s}`),
    );
    expect(violations).toEqual([]);
  });

  it('renderer/ reaches the engine only through the contract and display helpers, never node or electron', () => {
    // The Vite config is build tooling that runs under Node, not code that ships in the renderer.
    const violations = sourceFiles('renderer')
      .filter((file) => !/vite\.config\.ts$/.test(file))
      .flatMap((file) =>
      importsOf(file)
        .filter(
          (s) =>
            /^(electron|better-sqlite3(-multiple-ciphers)?)(\/|$)/.test(s) ||
            s.startsWith('node:') ||
            ['electron', 'cli'].some((f) => resolvesInto(file, s, f)) ||
            (resolvesInto(file, s, 'shared') && !resolvesInto(file, s, 'shared/contract') && !resolvesInto(file, s, 'shared/display')),
        )
        .map((s) => `${file} imports ${s}`),
    );
    expect(violations).toEqual([]);
  });

  it('cli/ does not import electron or renderer code', () => {
    const violations = sourceFiles('cli').flatMap((file) =>
      importsOf(file)
        .filter((s) => /^(electron|react)(\/|$)/.test(s) || ['renderer', 'electron'].some((f) => resolvesInto(file, s, f)))
        .map((s) => `${file} imports ${s}`),
    );
    expect(violations).toEqual([]);
  });
});
