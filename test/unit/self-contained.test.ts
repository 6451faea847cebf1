/**
 * The repository must run wherever it is cloned: nothing may read the team kit that sits beside the working copy
 * on the build machines. Every file a test needs lives in the repository (test/fixtures/samples/ for the public
 * samples, with their origins in SOURCES.txt).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const SAMPLES = path.join(ROOT, 'test/fixtures/samples');

/** Build output and installed packages, as in .gitignore: not part of a clone. */
const NOT_IN_A_CLONE = new Set(['.git', 'node_modules', 'dist', 'out', 'test-artifacts', '.bench', 'demo-output', 'native']);

// Assembled from pieces so that this file does not match its own patterns.
const KIT = ['sha', 'red'].join('');
const UP = '\\.\\.';
const OUTSIDE_REFERENCES: readonly RegExp[] = [
  new RegExp(`${KIT}/(samples|reference|design|hooks)`),
  new RegExp(`['"\`]${UP}['"\`],\\s*['"\`]${KIT}['"\`]`),
  new RegExp(`/work/${KIT}\\b`),
  new RegExp(`${UP}/${UP}/${UP}/${UP}/${UP}/${KIT}\\b`),
];

/** Every file a clone holds (working tree minus ignored build output), relative to the root. */
function filesOfTheClone(dir = ''): string[] {
  return readdirSync(path.join(ROOT, dir)).flatMap((name) => {
    if (NOT_IN_A_CLONE.has(name)) return [];
    const rel = path.join(dir, name);
    return statSync(path.join(ROOT, rel)).isDirectory() ? filesOfTheClone(rel) : [rel];
  });
}

function isText(bytes: Buffer): boolean {
  return !bytes.subarray(0, 8000).includes(0);
}

/** Lines that refer to the kit beside the clone, as `file:line: text`. */
function outsideReferences(files: readonly string[]): string[] {
  return files
    .filter((file) => !file.endsWith('.md'))
    .flatMap((file) => {
      const bytes = readFileSync(path.join(ROOT, file));
      if (!isText(bytes)) return [];
      return bytes
        .toString('utf8')
        .split('\n')
        .flatMap((line, i) => (OUTSIDE_REFERENCES.some((re) => re.test(line)) ? [`${file}:${i + 1}: ${line.trim()}`] : []));
    });
}

describe('the repository is self-contained', () => {
  const files = filesOfTheClone();

  it('walks the whole tree', () => {
    expect(files).toContain('package.json');
    expect(files.some((f) => f.startsWith(`shared${path.sep}store${path.sep}`))).toBe(true);
    expect(files.some((f) => f.startsWith(`test${path.sep}fixtures${path.sep}samples${path.sep}`))).toBe(true);
  });

  it('the patterns catch every way of reaching the kit beside the clone', () => {
    const written = [
      `const SAMPLES = path.resolve(REPO, '../${KIT}/samples');`,
      `path.join(__dirname, '..', '${KIT}', 'samples')`,
      `path.join(root, "..", "${KIT}")`,
      `const SAMPLES = '/work/${KIT}/samples';`,
      `join(HERE, '../../../../../${KIT}', name)`,
      `see ${KIT}/reference/law-facts.md`,
    ];
    for (const line of written) expect(OUTSIDE_REFERENCES.some((re) => re.test(line)), line).toBe(true);
    for (const line of [`import { x } from '../${KIT}/store/case';`, `import '../../${KIT}/engine';`]) {
      expect(OUTSIDE_REFERENCES.some((re) => re.test(line)), line).toBe(false);
    }
  });

  it('no file outside the Markdown docs refers to the folder beside the clone', () => {
    expect(outsideReferences(files)).toEqual([]);
  });

  it('every public sample the tests read is in the repository and listed with its origin', () => {
    const onDisk = readdirSync(SAMPLES).filter((name) => name !== 'SOURCES.txt').sort();
    const sources = readFileSync(path.join(SAMPLES, 'SOURCES.txt'), 'utf8');
    const listed = sources
      .split('\n')
      .filter((line) => /^[^#\s].* \| .* \| .* \| .* \| .*$/.test(line))
      .map((line) => line.split(' | ')[0]!.trim())
      .sort();
    expect(onDisk.length).toBeGreaterThan(0);
    expect(listed).toEqual(onDisk);
  });
});
