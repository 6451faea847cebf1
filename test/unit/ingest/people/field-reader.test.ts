import { describe, expect, it } from 'vitest';
import { fieldHeader, fieldReader } from '../../../../shared/ingest/people/field-reader';

describe('fieldReader', () => {
  it('matches names without regard to case and returns the first non-blank value, cleaned', () => {
    const get = fieldReader({ Email: ' ', PersonEmail: " 'ana@example.com ", Phone: '1' });
    expect(get('EMAIL', 'personemail')).toBe('ana@example.com');
    expect(get('Missing')).toBeNull();
    expect(get('Email')).toBeNull();
  });

  it('reads the first of headers that differ only in case', () => {
    expect(fieldReader({ email: 'first@example.com', EMAIL: 'second@example.com' })('Email')).toBe('first@example.com');
  });

  it('follows a change of header between rows', () => {
    expect(fieldReader({ A: '1', B: '2' })('b')).toBe('2');
    expect(fieldReader({ B: '3', A: '4' })('a')).toBe('4');
    expect(fieldReader({ b: '5' })('B')).toBe('5');
    expect(fieldReader({ A: '1', B: '2', 'B #2': '6' })('b #2')).toBe('6');
  });
});

describe('FieldHeader.hasAny', () => {
  it('tells whether the header has any of the names, whatever their values', () => {
    const names = ['MailingCity', 'MailingState'];
    expect(fieldHeader({ Id: '1', mailingstate: '' }).hasAny(names)).toBe(true);
    expect(fieldHeader({ Id: '1', OtherCity: 'x' }).hasAny(names)).toBe(false);
  });
});
