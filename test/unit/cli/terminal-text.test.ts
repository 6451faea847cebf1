import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createOutput } from '../../../cli/output';
import { terminalJson, terminalLine, terminalSafe } from '../../../cli/terminal-text';
import { explainSystemError } from '../../../shared/store/errors';
import { LedgerError } from '../../../shared/contract/errors';
import { runCli } from '../../helpers/cli';

const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069]/;
const HOSTILE = 'report\u001b[2K\rSHA-256 0000\u0007\u202egpj.exe\u2066x\u0085';

function capture(): { stream: NodeJS.WriteStream; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  }) as unknown as NodeJS.WriteStream;
  return { stream, text: () => text };
}

describe('terminal output', () => {
  it('escapes ESC, CR, BEL, C1 and bidi controls so a value cannot rewrite the line or reorder text', () => {
    expect(terminalSafe(HOSTILE)).toBe('report\\e[2K\\rSHA-256 0000\\x07\\u{202e}gpj.exe\\u{2066}x\\x85');
    expect(terminalLine('\nafter a blank line\nand a value with a line break')).toBe('\nafter a blank line\\nand a value with a line break');
    const json = terminalJson(JSON.stringify({ name: HOSTILE }, null, 2));
    expect(JSON.parse(json)).toEqual({ name: HOSTILE });
    expect(json).not.toMatch(RAW);
  });

  it('every line and JSON document the CLI prints goes through the escaping', () => {
    const out = capture();
    const text = createOutput(false, out.stream);
    text.line(`Added evidence 1: ${HOSTILE}`);
    expect(out.text()).not.toMatch(RAW);
    expect(out.text()).toContain('\\u{202e}');
    const json = capture();
    createOutput(true, json.stream).document({ file: HOSTILE });
    expect(json.text()).not.toMatch(RAW);
  });

  it('a file named with control characters is added and printed escaped by the real CLI', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'bl-terminal-'));
    try {
      const caseDir = path.join(root, 'case');
      expect(runCli(['case', 'init', caseDir, '--name', 'T', '--investigator', 'T']).status).toBe(0);
      const file = path.join(root, 'x\u001b[31m\rSHA-256 000\u0007\u202etxt.csv');
      writeFileSync(file, 'a,b\n1,2\n');
      const added = runCli(['add', caseDir, file]);
      expect(added.status, added.stderr).toBe(0);
      expect(added.stdout).toContain('x\\e[31m\\rSHA-256 000\\x07\\u{202e}txt.csv');
      expect(added.stdout + added.stderr).not.toMatch(RAW);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, 30_000);
});

describe('errors in the user\'s words', () => {
  it('a full disk names the disk: the case folder when the write was there', () => {
    const caseDir = path.join(tmpdir(), 'some-case');
    const error = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', path: path.join(caseDir, 'vault', '.partial-1') });
    const explained = explainSystemError(error, caseDir) as LedgerError;
    expect(explained).toBeInstanceOf(LedgerError);
    expect(explained.message).toMatch(/^The disk is full: the disk holding the case folder/);
    expect(explained.details.reason).toBe('disk-full');
  });

  it('SQLite reporting a full disk names both candidate disks when neither is nearly full', () => {
    const error = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    const explained = explainSystemError(error, tmpdir()) as LedgerError;
    expect(explained.message).toMatch(/case folder .* or the disk holding the temporary folder/);
  });
});
