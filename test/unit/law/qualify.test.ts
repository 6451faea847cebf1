import { describe, expect, it } from 'vitest';
import type { ElementCode } from '../../../shared/contract/elements';
import { findPack } from '../../../shared/law/packs';
import { qualify } from '../../../shared/law/qualify';
import { packs } from './helpers';

function status(code: string, elements: ElementCode[], date = '2025-06-01', definition?: string): string {
  return qualify(findPack(packs(), code)!.pack, elements, date, definition).status;
}

describe('California', () => {
  it('needs a name plus a listed element for breach notice (§ 1798.82(h))', () => {
    expect(status('US-CA', ['name', 'ssn'])).toBe('qualifies');
    expect(status('US-CA', ['name', 'passport'])).toBe('qualifies');
    expect(status('US-CA', ['ssn'])).toBe('does-not-qualify');
    expect(status('US-CA', ['name', 'card_number'])).toBe('does-not-qualify');
    expect(status('US-CA', ['name', 'card_number', 'security_code'])).toBe('qualifies');
    expect(status('US-CA', ['username', 'password'])).toBe('qualifies');
  });

  it('explains which combination matched and with which elements', () => {
    const result = qualify(findPack(packs(), 'US-CA')!.pack, ['name', 'email', 'ssn', 'phone'], '2025-06-01');
    expect(result.matched.map((m) => [m.id, m.elements])).toEqual([['name+ssn', ['name', 'ssn']]]);
    expect(result.reason).toContain('Cal. Civ. Code § 1798.82(h)');
  });

  it('counts email + password for § 1798.150 damages only from 2023-01-01, and never username + password', () => {
    expect(status('US-CA', ['email', 'password'], '2022-12-31', 'statutory-damages')).toBe('does-not-qualify');
    expect(status('US-CA', ['email', 'password'], '2023-01-01', 'statutory-damages')).toBe('qualifies');
    expect(status('US-CA', ['email', 'security_qa'], '2023-01-01', 'statutory-damages')).toBe('qualifies');
    expect(status('US-CA', ['username', 'password'], '2025-06-01', 'statutory-damages')).toBe('does-not-qualify');
  });

  it('adds genetic data from 2022-01-01', () => {
    expect(status('US-CA', ['name', 'genetic'], '2021-12-31')).toBe('does-not-qualify');
    expect(status('US-CA', ['name', 'genetic'], '2022-01-01')).toBe('qualifies');
  });

  it('a CRM leak of names, emails, phones and addresses is not personal information', () => {
    const result = qualify(findPack(packs(), 'US-CA')!.pack, ['name', 'email', 'phone', 'postal_address'], '2025-06-01', 'statutory-damages');
    expect(result.status).toBe('does-not-qualify');
    expect(result.reason).toBe(
      'Does not count as personal information under Cal. Civ. Code § 1798.150(a)(1), by reference to § 1798.81.5(d)(1)(A): exposed elements (email, name, phone, postal_address) match none of its combinations as in force on 2025-06-01',
    );
  });
});

describe('other researched states', () => {
  it('Texas, Massachusetts and Virginia do not count email + password', () => {
    for (const code of ['US-TX', 'US-MA', 'US-VA']) {
      expect(status(code, ['email', 'password']), code).toBe('does-not-qualify');
      expect(status(code, ['name', 'email', 'password']), code).toBe('does-not-qualify');
      expect(status(code, ['name', 'ssn']), code).toBe('qualifies');
    }
    expect(status('US-NY', ['email', 'password'])).toBe('qualifies');
  });

  it('Texas counts health information with a name', () => {
    expect(status('US-TX', ['name', 'medical'])).toBe('qualifies');
    expect(status('US-TX', ['medical'])).toBe('does-not-qualify');
  });

  it('Massachusetts counts a card number without its code; California does not', () => {
    expect(status('US-MA', ['name', 'card_number'])).toBe('qualifies');
    expect(status('US-CA', ['name', 'card_number'])).toBe('does-not-qualify');
  });

  it('Connecticut counts a card number without its code but an account number only with it', () => {
    expect(status('US-CT', ['name', 'card_number'])).toBe('qualifies');
    expect(status('US-CT', ['name', 'financial_account'])).toBe('does-not-qualify');
    expect(status('US-CT', ['name', 'financial_account', 'security_code'])).toBe('qualifies');
    expect(status('US-CT', ['name', 'tax_id'])).toBe('qualifies');
  });

  it('New York adds medical information on 2025-03-21', () => {
    expect(status('US-NY', ['name', 'medical'], '2025-03-20')).toBe('does-not-qualify');
    expect(status('US-NY', ['name', 'medical'], '2025-03-21')).toBe('qualifies');
  });

  it('Colorado counts an account number with its code without a name', () => {
    expect(status('US-CO', ['financial_account', 'security_code'])).toBe('qualifies');
    expect(status('US-CA', ['financial_account', 'security_code'])).toBe('does-not-qualify');
  });
});

describe('unverified and uncovered', () => {
  it('an unverified pack decides the common core but says unknown otherwise', () => {
    expect(status('US-GA', ['name', 'ssn'])).toBe('qualifies');
    const result = qualify(findPack(packs(), 'US-GA')!.pack, ['name', 'email'], '2025-06-01');
    expect(result.status).toBe('unknown');
    expect(result.reason).toContain('counsel must review');
  });

  it('a date before the pack covers is unknown, not "no"', () => {
    expect(status('US-TX', ['name', 'ssn'], '2023-08-31')).toBe('unknown');
  });
});
