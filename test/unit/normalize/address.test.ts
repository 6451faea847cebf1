import { describe, expect, it } from 'vitest';
import { normalizeAddress } from '../../../shared/normalize/address';
import { normalizeCountry } from '../../../shared/normalize/country';
import { stateFromZip } from '../../../shared/normalize/zip-prefix';

describe('stateFromZip', () => {
  it.each([
    ['94105', 'CA'], ['10001', 'NY'], ['60601', 'IL'], ['02108', 'MA'], ['00501', 'NY'], ['00901', 'PR'], ['20500', 'DC'],
    ['73301', 'TX'], ['88510', 'TX'], ['99501', 'AK'], ['96813', 'HI'], ['05501', 'MA'], ['39801', 'GA'], ['49628-7978', 'MI'], ['941051234', 'CA'],
  ])('%s → %s', (zip, state) => expect(stateFromZip(zip)).toBe(state));
  it('decides nothing for military, unassigned or malformed codes', () => {
    expect(stateFromZip('09001')).toBeNull();
    expect(stateFromZip('96201')).toBeNull();
    expect(stateFromZip('00001')).toBeNull();
    expect(stateFromZip('1012 LG')).toBeNull();
    expect(stateFromZip('9410')).toBeNull();
  });
});

describe('normalizeCountry', () => {
  it.each([
    ['US', 'US'], ['us', 'US'], ['USA', 'US'], ['United States', 'US'], ['United States of America', 'US'], ['Canada', 'CA'],
    ['United Kingdom', 'GB'], ['UK', 'GB'], ['Deutschland', 'DE'], ['Italy', 'IT'], [' netherlands ', 'NL'],
  ])('%s → %s', (raw, code) => expect(normalizeCountry(raw)).toBe(code));
  it('is null for unknown', () => {
    expect(normalizeCountry('Atlantis')).toBeNull();
    expect(normalizeCountry('XX')).toBeNull();
  });
});

describe('normalizeAddress', () => {
  it('resolves a US state by name and records that the name decided', () => {
    const a = normalizeAddress({ kind: 'mailing', street: ['1 Market St\nSuite 300'], city: 'San Francisco', state: 'california', postalCode: '94105', country: 'United States' });
    expect(a).toEqual({ kind: 'mailing', street: '1 Market St, Suite 300', city: 'San Francisco', region: 'US-CA', regionSource: 'name', postalCode: '94105', country: 'US' });
  });
  it('resolves by abbreviation, and a bare state implies its country', () => {
    const a = normalizeAddress({ kind: 'billing', state: 'NY', postalCode: '10001' });
    expect([a?.region, a?.regionSource, a?.country]).toEqual(['US-NY', 'abbreviation', 'US']);
    const ca = normalizeAddress({ kind: 'mailing', state: 'ON', postalCode: 'm5h 2n2' });
    expect([ca?.region, ca?.regionSource, ca?.country, ca?.postalCode]).toEqual(['CA-ON', 'abbreviation', 'CA', 'M5H 2N2']);
  });
  it('falls back to the ZIP prefix for a US address without a state', () => {
    const a = normalizeAddress({ kind: 'mailing', city: 'Austin', postalCode: '73301', countryCode: 'US' });
    expect([a?.region, a?.regionSource]).toEqual(['US-TX', 'zip']);
  });
  it('prefers the written state over the ZIP prefix when they disagree', () => {
    const a = normalizeAddress({ kind: 'mailing', state: 'Oregon', postalCode: '94105', country: 'US' });
    expect([a?.region, a?.regionSource]).toEqual(['US-OR', 'name']);
  });
  it('does not guess a US state from a ZIP-like code when the country is elsewhere or unknown', () => {
    expect(normalizeAddress({ kind: 'mailing', postalCode: '75001', country: 'France' })?.region).toBeNull();
    expect(normalizeAddress({ kind: 'mailing', postalCode: '75001' })?.region).toBeNull();
  });
  it('uses a state code picklist value as the subdivision suffix elsewhere', () => {
    const a = normalizeAddress({ kind: 'mailing', state: 'New South Wales', stateCode: 'NSW', country: 'Australia' });
    expect([a?.region, a?.country]).toEqual(['AU-NSW', 'AU']);
  });
  it('prefers the StateCode over a free-text state and recognises Québec', () => {
    expect(normalizeAddress({ kind: 'mailing', state: 'Californie', stateCode: 'CA', countryCode: 'US' })?.region).toBe('US-CA');
    expect(normalizeAddress({ kind: 'mailing', state: 'Québec', country: 'Canada' })?.region).toBe('CA-QC');
  });
  it('is null when every part is blank', () => {
    expect(normalizeAddress({ kind: 'other', street: ['', '  '], city: '', state: null })).toBeNull();
  });
});
