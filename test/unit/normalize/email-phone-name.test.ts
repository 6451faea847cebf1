import { describe, expect, it } from 'vitest';
import { normalizeEmail } from '../../../shared/normalize/email';
import { normalizeName } from '../../../shared/normalize/name';
import { normalizePhone } from '../../../shared/normalize/phone';
import { clean } from '../../../shared/normalize/text';

describe('normalizeEmail', () => {
  it('trims and lowercases, keeps the plus-tag and drops it from the key', () => {
    expect(normalizeEmail('  Ana.Gomez+Shop@Example.COM ')).toEqual({ email: 'ana.gomez+shop@example.com', emailKey: 'ana.gomez@example.com' });
  });
  it('keeps a leading plus (no tag before it) and strips mailto:', () => {
    expect(normalizeEmail('+x@example.com')?.emailKey).toBe('+x@example.com');
    expect(normalizeEmail('mailto:Bob@Example.com')?.email).toBe('bob@example.com');
  });
  it('returns null for blanks and non-addresses', () => {
    expect(normalizeEmail('')).toBeNull();
    expect(normalizeEmail('not an email')).toBeNull();
    expect(normalizeEmail('a@b')).toBeNull();
  });
});

describe('normalizePhone', () => {
  it('formats US numbers as E.164 by default', () => {
    expect(normalizePhone('(415) 555-0123')).toBe('+14155550123');
    expect(normalizePhone("'2125550100")).toBe('+12125550100');
  });
  it("uses the record's country as the default region", () => {
    expect(normalizePhone('020 7946 0958', 'GB')).toBe('+442079460958');
    expect(normalizePhone('06 12345678', 'NL')).toBe('+31612345678');
  });
  it('keeps an explicit country code and ignores an unknown region', () => {
    expect(normalizePhone('+31612345678', 'US')).toBe('+31612345678');
    expect(normalizePhone('415 555 0123', 'ZZ')).toBe('+14155550123');
  });
  it('returns null for junk', () => {
    expect(normalizePhone('n/a')).toBeNull();
    expect(normalizePhone('12')).toBeNull();
    expect(normalizePhone('   ')).toBeNull();
  });
});

describe('normalizeName', () => {
  it('builds the full name from parts', () => {
    expect(normalizeName({ first: ' Ana ', middle: 'M', last: 'Gómez' })).toEqual({ firstName: 'Ana', lastName: 'Gómez', fullName: 'Ana M Gómez' });
  });
  it('splits a two-word full name but not a longer one', () => {
    expect(normalizeName({ full: 'Sam  Web' })).toEqual({ firstName: 'Sam', lastName: 'Web', fullName: 'Sam Web' });
    expect(normalizeName({ full: 'Juan de la Cruz' })).toEqual({ firstName: null, lastName: null, fullName: 'Juan de la Cruz' });
  });
  it('is all null for no name', () => {
    expect(normalizeName({})).toEqual({ firstName: null, lastName: null, fullName: null });
  });
});

describe('clean', () => {
  it('strips spreadsheet-guard apostrophes and blanks', () => {
    expect(clean("'1234AB")).toBe('1234AB');
    expect(clean('  ')).toBeNull();
    expect(clean("O'Brien")).toBe("O'Brien");
  });
});
