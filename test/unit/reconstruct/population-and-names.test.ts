import { describe, expect, it } from 'vitest';
import { foldedName, normalizeName } from '../../../shared/reconstruct/consumers/name-similarity';
import { recordPopulation } from '../../../shared/reconstruct/population';

describe('which records are people', () => {
  it.each([
    ['a Data Export business account', 'Account', { Name: 'Acme Corp', IsPersonAccount: '0', BillingStreet: '1 Main St' }, 'business-account'],
    ['a Data Loader business account (upper-case headers, no IsPersonAccount)', 'Account', { ID: '001x0000002xLCVAA2', NAME: 'Gravity Investments', BILLINGSTREET: '00045742 150 Palmer Drive' }, 'business-account'],
    ['an account flagged false despite a name field', 'Account', { Name: 'Acme', ISPERSONACCOUNT: 'false', FirstName: 'Jo' }, 'business-account'],
    ['a company-only lead with the web-to-lead placeholder', 'Lead', { LastName: '[not provided]', Company: 'Acme Widgets' }, 'company-lead'],
    ['a lead named after its company', 'Lead', { LASTNAME: 'Acme Widgets', COMPANY: 'acme widgets' }, 'company-lead'],
    ['a guest user', 'User', { Username: 'site@x', UserType: 'Guest' }, 'system-user'],
    ['a standard user', 'User', { Username: 'agent@x', UserType: 'Standard' }, 'user'],
    ['a user with no type', 'User', { Username: 'agent@x' }, 'user'],
  ])('%s is not a consumer', (_label, object, fields, kind) => {
    expect(recordPopulation('salesforce', object, fields)?.kind).toBe(kind);
  });

  it.each([
    ['a person account', 'Account', { Name: 'Ida Iota', IsPersonAccount: '1' }],
    ['a person account without the flag column but with person fields (upper case)', 'Account', { NAME: 'Ida Iota', PERSONEMAIL: 'ida@x' }],
    ['a lead with a person', 'Lead', { FirstName: 'Lou', LastName: 'Lambda', Company: 'Lambda Household' }],
    ['a lead with only a last name', 'Lead', { LastName: 'Lambda', Company: 'Acme' }],
    ['a contact under a business account', 'Contact', { LastName: 'Delta', AccountId: '001000000000001AAA' }],
    ['a community customer user', 'User', { Username: 'c@x', UserType: 'PowerCustomerSuccess' }],
  ])('%s is a consumer', (_label, object, fields) => {
    expect(recordPopulation('salesforce', object, fields)).toBeNull();
  });

  it('judges only Salesforce records', () => {
    expect(recordPopulation('shopify', 'Account', { Name: 'Acme' })).toBeNull();
  });
});

describe('name matching keys', () => {
  it('never makes two different names equal', () => {
    expect(normalizeName('Pat1 Probe1')).not.toBe(normalizeName('Pat2 Probe2'));
    expect(normalizeName('José')).not.toBe(normalizeName('Jose'));
    expect(normalizeName('Zoë')).not.toBe(normalizeName('Zoe'));
    expect(normalizeName('李')).not.toBe(normalizeName('王'));
    expect(normalizeName('李')).toBe('李');
  });

  it('only folds case, compatibility forms and separators', () => {
    expect(normalizeName('  MARIA ')).toBe(normalizeName('maria'));
    expect(normalizeName('Ｍａｒｉａ')).toBe('maria');
    expect(normalizeName('Mary-Ann')).toBe('mary ann');
    expect(normalizeName('José')).toBe(normalizeName('Jose\u0301'));
  });

  it('folds diacritics only for the review-level comparison', () => {
    expect(foldedName('José Núñez')).toBe(foldedName('Jose Nunez'));
    expect(foldedName('Pat1')).not.toBe(foldedName('Pat2'));
  });
});
