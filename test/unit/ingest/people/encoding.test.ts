import { describe, expect, it } from 'vitest';
import { decodeWindows1252, RecordDecoder } from '../../../../shared/ingest/encoding';

describe('RecordDecoder', () => {
  it('calls an all-ASCII file UTF-8 without doubt', () => {
    const d = new RecordDecoder(Buffer.from('Id,Name\n1,Bob\n'));
    expect(d.decode(Buffer.from('1,Bob\n'))).toBe('1,Bob\n');
    expect([d.encoding, d.encodingGuessed]).toEqual(['utf-8', false]);
  });

  it('decides UTF-8 from the first well-formed multi-byte text and then refuses Latin-1 bytes', () => {
    const d = new RecordDecoder(Buffer.from('x'));
    expect(d.decode(Buffer.from('Zoë\n'))).toBe('Zoë\n');
    expect(() => d.decode(Buffer.from([0x5a, 0x6f, 0xeb, 0x0a]))).toThrow(/not UTF-8/);
    expect(d.encoding).toBe('utf-8');
  });

  it('decides Windows-1252 from bytes that are not UTF-8, including the 0x80–0x9F range', () => {
    const d = new RecordDecoder(Buffer.from('x'));
    expect(d.decode(Buffer.from([0x93, 0x47, 0xf3, 0x6d, 0x65, 0x7a, 0x94, 0x20, 0x80]))).toBe('“Gómez” €');
    expect([d.encoding, d.encodingGuessed]).toEqual(['windows-1252', false]);
    expect(() => d.decode(Buffer.from('Zoë'))).toThrow(/mixed encodings/);
  });

  it('marks the guess when bytes undefined in Windows-1252 appear', () => {
    const d = new RecordDecoder(Buffer.from('x'));
    d.decode(Buffer.from([0x41, 0x81, 0xe9]));
    expect([d.encoding, d.encodingGuessed]).toEqual(['windows-1252', true]);
  });

  it('reads BOMs and guesses UTF-16 without one', () => {
    expect(new RecordDecoder(Buffer.from([0xef, 0xbb, 0xbf, 0x41])).encoding).toBe('utf-8-bom');
    expect(new RecordDecoder(Buffer.from([0xfe, 0xff, 0, 0x41])).encoding).toBe('utf-16be');
    const noBom = new RecordDecoder(Buffer.from('Id,Name\r\n1,Bob\r\n', 'utf16le'));
    expect([noBom.encoding, noBom.encodingGuessed]).toEqual(['utf-16le', true]);
  });

  it('refuses a byte-order mark in the middle', () => {
    const d = new RecordDecoder(Buffer.from('x'));
    expect(() => d.decode(Buffer.from([0x41, 0xef, 0xbb, 0xbf, 0x42]))).toThrow(/byte-order mark/);
  });

  it('decodes Windows-1252 exactly', () => {
    expect(decodeWindows1252(Buffer.from([0x8a, 0x9a, 0x9f, 0xff]))).toBe('ŠšŸÿ');
  });
});
