import { describe, expect, it } from 'vitest';
import {
  applyOverrides,
  classifyField,
  classifyObjectFields,
  elementByName,
  exposedElements,
  fieldElementIndex,
  fieldSamplesFromDb,
  isCardNumber,
  isValidSsn,
  luhnValid,
  passwordHashKind,
  valueInClear,
} from '../../../../shared/reconstruct/classify';
import { openSnapshotDb } from '../soql/snapshotDb';

describe('classification by field name', () => {
  it.each([
    ['Contact', 'SSN__c', 'ssn'],
    ['Contact', 'Social_Security_Number__c', 'ssn'],
    ['Contact', 'SSN_Last4__c', 'ssn'],
    ['Contact', 'Drivers_License__c', 'drivers_license'],
    ['Contact', 'Passport__c', 'passport'],
    ['Contact', 'acme__Tax_Id__c', 'tax_id'],
    ['customer', 'taxvat', 'tax_id'],
    ['Contact', 'Card_Number__c', 'card_number'],
    ['Contact', 'CreditCardNumber', 'card_number'],
    ['Contact', 'CVV__c', 'security_code'],
    ['Contact', 'Loyalty_Password__c', 'password'],
    ['customer', 'password_hash', 'password'],
    ['Contact', 'Security_Answer__c', 'security_qa'],
    ['Contact', 'Mothers_Maiden_Name__c', 'security_qa'],
    ['Contact', 'Health_Notes__c', 'medical'],
    ['Contact', 'Insurance_Policy__c', 'health_insurance'],
    ['Contact', 'Fingerprint_Template__c', 'biometric'],
    ['Contact', 'DNA_Kit_Result__c', 'genetic'],
    ['Contact', 'Bank_Account__c', 'financial_account'],
    ['Contact', 'Account_Number__c', 'financial_account'],
    ['Contact', 'Birthdate', 'date_of_birth'],
    ['Account', 'PersonBirthdate', 'date_of_birth'],
    ['customer', 'dob', 'date_of_birth'],
    ['Contact', 'Email', 'email'],
    ['Case', 'SuppliedEmail', 'email'],
    ['Account', 'PersonEmail', 'email'],
    ['Contact', 'MobilePhone', 'phone'],
    ['customer', 'Default Address Phone', 'phone'],
    ['Contact', 'MailingStreet', 'postal_address'],
    ['Order', 'BillingStreet', 'postal_address'],
    ['customer', 'Default Address Address1', 'postal_address'],
    ['Contact', 'FirstName', 'name'],
    ['customer', 'lastname', 'name'],
    ['Contact', 'Name', 'name'],
    ['Case', 'SuppliedName', 'name'],
    ['User', 'Username', 'username'],
  ] as const)('%s.%s → %s', (objectType, field, element) => {
    expect(elementByName(objectType, field).element).toBe(element);
  });

  it.each([
    ['Contact', 'HasOptedOutOfEmail'],
    ['Contact', 'EmailBouncedReason'],
    ['Contact', 'EmailBouncedDate'],
    ['Contact', 'DoNotCall'],
    ['Contact', 'MailingCity'],
    ['Contact', 'MailingPostalCode'],
    ['Contact', 'Passport_Expiry__c'],
    ['Contact', 'LeadSource'],
    ['Account', 'Name'],
    ['Account', 'AccountNumber'],
    ['Opportunity', 'Name'],
    ['customer', 'rp_token'],
    ['customer', 'Accepts Email Marketing'],
    ['Contact', 'Title'],
    ['Contact', 'Description'],
  ])('%s.%s → no element', (objectType, field) => {
    const verdict = elementByName(objectType, field);
    expect(verdict.element).toBeNull();
    expect(verdict.reason).toMatch(/\.$/);
  });
});

describe('content rules', () => {
  it.each([
    ['123-45-6789', true],
    ['123456789', true],
    ['078 05 1120', true],
    ['000-12-3456', false],
    ['666-12-3456', false],
    ['912-34-5678', false],
    ['123-00-4567', false],
    ['123-45-0000', false],
    ['123-456-789', false],
    ['12-345-6789', false],
  ])('SSN %s valid: %s', (value, valid) => {
    expect(isValidSsn(value)).toBe(valid);
  });

  it.each([
    ['4111111111111111', true],
    ['4111 1111 1111 1111', true],
    ['5500-0000-0000-0004', true],
    ['378282246310005', true],
    ['4111111111111112', false],
    ['0000000000000000', false],
    ['411111111111', false],
    ['41111111111111111111', false],
    // Luhn-valid but outside every issuer range or at a length the network does not issue.
    ['0004954114643', false],
    ['9000000000000001', false],
    ['7000000000000005', false],
    ['378282246310005002', false],
    ['6011111111111117', true],
    ['3530111333300000', true],
    ['2223003122003222', true],
  ])('card %s valid: %s', (value, valid) => {
    expect(isCardNumber(value)).toBe(valid);
  });

  it('computes Luhn', () => {
    expect(luhnValid('79927398713')).toBe(true);
    expect(luhnValid('79927398710')).toBe(false);
  });

  it('recognizes password hash formats', () => {
    expect(passwordHashKind('$2b$12$abcdefghijklmnopqrstuVWXYZ0123456789./ABCDEFGHIJKLMNO', false)).toBe('bcrypt hash');
    expect(passwordHashKind('$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA', false)).toBe('Argon2 hash');
    expect(passwordHashKind('{SSHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=', false)).toBe('LDAP-style hash');
    expect(passwordHashKind('d708be3fe0fe0120840e8b13c8faae97424252c6374227ff59c05814f1aecd79:mgLqkqgTwLPLlCljzvF8hp67fNOOvOZb:1', false)).toBe('salted hash');
    expect(passwordHashKind('5f4dcc3b5aa765d61d8327deb882cf99', false)).toBeNull();
    expect(passwordHashKind('5f4dcc3b5aa765d61d8327deb882cf99', true)).toBe('MD5 hex digest');
    expect(passwordHashKind('5baa61e4c9b93f3f0682250b6cf8331b7ee68fd8', true)).toBe('SHA-1 hex digest');
    expect(passwordHashKind('hunter2', true)).toBeNull();
  });
});

describe('classifyField combines name and content', () => {
  it('confirms a name with matching content', () => {
    expect(classifyField('Contact', 'SSN__c', ['123-45-6789', '234567890', ''])).toMatchObject({ element: 'ssn', by: 'name+content' });
    expect(classifyField('Contact', 'Loyalty_Password__c', ['5f4dcc3b5aa765d61d8327deb882cf99'])).toMatchObject({
      element: 'password',
      by: 'name+content',
    });
  });

  it('keeps the name when values are masked', () => {
    expect(classifyField('Contact', 'Card_Number__c', ['************1111', 'XXXX-XXXX-XXXX-4242'])).toMatchObject({
      element: 'card_number',
      by: 'name',
    });
  });

  it('finds elements by content in neutral fields', () => {
    expect(classifyField('Case', 'Description', ['Please update my record', 'my ssn is 123-45-6789 thanks', 'hello'])).toMatchObject({
      element: 'ssn',
      by: 'content',
    });
    expect(classifyField('Contact', 'Notes__c', ['card 4111 1111 1111 1111 exp 12/27', 'call back'])).toMatchObject({
      element: 'card_number',
      by: 'content',
    });
    expect(classifyField('Contact', 'Legacy_Field_7__c', ['$2y$10$abcdefghijklmnopqrstuVWXYZ0123456789./ABCDEFGHIJKLMNO'])).toMatchObject({
      element: 'password',
      by: 'content',
    });
    expect(classifyField('Contact', 'Recovery__c', ["What is your mother's maiden name? Smith", 'Q: First pet? A: Rex'])).toMatchObject({
      element: 'security_qa',
      by: 'content',
    });
    expect(classifyField('Lead', 'Contact_Info__c', ['a@b.com', 'c@d.org'])).toMatchObject({ element: 'email', by: 'content' });
  });

  it('never reads an SSN or a card number into a phone, address, postal-code, id or account-number field', () => {
    const verdict = classifyField('Contact', 'Alt_Phone__c', ['123-45-6789']);
    expect(verdict).toMatchObject({ element: 'phone', by: 'name' });
    expect(verdict.reason).toMatch(/phone field/);
    // A street whose leading digits pass Luhn (the real Data Loader extract), under its upper-case header.
    expect(classifyField('Account', 'BILLINGSTREET', ['00049541 14643 Dallas Parkway', '4111 1111 1111 1111 Main St'])).toMatchObject({ element: 'postal_address' });
    expect(classifyField('Account', 'AccountNumber', ['4111111111111111', '4000000000000002']).element).toBeNull();
    expect(classifyField('Order', 'PoNumber', ['4111111111111111', '4000000000000002']).element).toBeNull();
    expect(classifyField('Contact', 'MailingPostalCode', ['123-45-6789']).element).toBeNull();
    // The same values in a neutral field are content findings.
    expect(classifyField('Contact', 'Notes__c', ['4111 1111 1111 1111 Main St']).element).toBe('card_number');
  });

  it('lets the name decide when values look like another sensitive element, and says so', () => {
    const verdict = classifyField('Contact', 'Health_Notes__c', ['ssn 123-45-6789 on file']);
    expect(verdict).toMatchObject({ element: 'medical', by: 'name' });
    expect(verdict.reason).toMatch(/SSN/);
  });

  it('calls a classification resting on content alone lower-confidence', () => {
    expect(classifyField('Case', 'Description', ['my ssn is 123-45-6789']).reason).toMatch(/lower confidence/);
  });

  it('does not call a column of order numbers card numbers by chance', () => {
    const orderNumbers = Array.from({ length: 20 }, (_, i) => String(1000000000000 + i * 7919));
    expect(classifyField('Order', 'OrderReferenceNumber', orderNumbers).element).toBeNull();
    expect(classifyField('Contact', 'Zip_Plus_Four__c', ['123456789', '987654321']).element).toBeNull();
  });
});

describe('valueInClear', () => {
  it.each([
    ['ssn', '123-45-6789', true],
    ['ssn', '123456789', true],
    ['ssn', 'XXX-XX-1234', false],
    ['ssn', '***-**-1234', false],
    ['ssn', '1234', false],
    ['ssn', '000-00-0000', false],
    ['ssn', 'Called re: SSN 123-45-6789', true],
    ['ssn', 'Called about order', false],
    ['ssn', 'QmFzZTY0RW5jcnlwdGVkU1NOVmFsdWUxMjM0NQ==', false],
    ['ssn', 'e10adc3949ba59abbe56e057f20f883e', false],
    ['card_number', '4111111111111111', true],
    ['card_number', '************1111', false],
    ['card_number', '•••• •••• •••• 4242', false],
    ['card_number', '1111', false],
    ['card_number', '4111111111111112', false],
    ['password', 'hunter2', true],
    ['password', '$2a$10$abcdefghijklmnopqrstuVWXYZ0123456789./ABCDEFGHIJKLMNO', false],
    ['password', '5f4dcc3b5aa765d61d8327deb882cf99', false],
    ['password', '{SSHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=', false],
    ['security_code', '123', true],
    ['security_code', '***', false],
    ['email', 'j***@example.com', false],
    ['email', 'jane@example.com', true],
    ['drivers_license', 'D1234567', true],
    ['passport', '4321', false],
    ['name', '', false],
  ] as const)('%s %s → clear %s', (element, value, clear) => {
    const verdict = valueInClear(element, value);
    expect(verdict.clear).toBe(clear);
    expect(verdict.reason.length).toBeGreaterThan(5);
  });
});

describe('overrides and per-record exposure', () => {
  const automatic = [
    { objectType: 'Contact', field: 'SSN__c', ...classifyField('Contact', 'SSN__c', ['123-45-6789']) },
    { objectType: 'Contact', field: 'Email', ...classifyField('Contact', 'Email', ['a@b.com']) },
    { objectType: 'Contact', field: 'Notes__c', ...classifyField('Contact', 'Notes__c', ['hello']) },
    { objectType: 'Contact', field: 'Card_Number__c', ...classifyField('Contact', 'Card_Number__c', []) },
    { objectType: 'Lead', field: 'SSN__c', ...classifyField('Lead', 'SSN__c', []) },
  ];

  it('lets the investigator win, including for fields never classified', () => {
    const result = applyOverrides(automatic, [
      { objectType: 'contact', field: 'notes__c', element: 'medical', note: 'clinic notes' },
      { objectType: 'Contact', field: 'Email', element: null },
      { objectType: 'Contact', field: 'Member_No__c', element: 'health_insurance' },
    ]);
    expect(result.find((c) => c.field === 'Notes__c')).toMatchObject({ element: 'medical', by: 'override' });
    expect(result.find((c) => c.field === 'Notes__c')!.reason).toMatch(/automatic: none.*clinic notes/);
    expect(result.find((c) => c.field === 'Email')).toMatchObject({ element: null, by: 'override' });
    expect(result.find((c) => c.field === 'Member_No__c')).toMatchObject({ objectType: 'Contact', element: 'health_insurance' });
    expect(result.find((c) => c.field === 'SSN__c' && c.objectType === 'Contact')).toEqual(automatic[0]);
    expect(result).toHaveLength(6);
  });

  it('reports only selected, filled, clear elements with their fields', () => {
    const index = fieldElementIndex(automatic, 'contact');
    const record = JSON.stringify({
      Id: '003000000000001AAA',
      SSN__c: '123-45-6789',
      Email: 'jane@example.com',
      Card_Number__c: '************1111',
      Notes__c: 'hi',
    });
    expect(exposedElements('*', record, index).map((e) => [e.element, e.field])).toEqual([
      ['ssn', 'SSN__c'],
      ['email', 'Email'],
    ]);
    expect(exposedElements(['ID', 'email'], record, index).map((e) => e.field)).toEqual(['Email']);
    expect(exposedElements(['Email'], { Email: '' }, index)).toEqual([]);
  });

  it('classifies each field of an object once from stored samples', () => {
    const snapshot = openSnapshotDb([
      { id: 1, objectType: 'Contact', sourceId: 'a', fields: { SSN__c: '', Email: 'a@b.com', Memo__c: 'ssn 234-56-7890' } },
      { id: 2, objectType: 'Contact', sourceId: 'b', fields: { SSN__c: '123-45-6789', Email: 'c@d.com', Memo__c: 'ok' } },
      { id: 3, objectType: 'Lead', sourceId: 'c', fields: { Other__c: 'x' } },
    ]);
    try {
      const samples = fieldSamplesFromDb(snapshot.db, 'Contact', 10);
      expect([...samples]).toEqual([
        ['Email', ['a@b.com', 'c@d.com']],
        ['Memo__c', ['ssn 234-56-7890', 'ok']],
        ['SSN__c', ['123-45-6789']],
      ]);
      const classified = classifyObjectFields('Contact', samples);
      expect(classified.map((c) => [c.field, c.element, c.by])).toEqual([
        ['Email', 'email', 'name+content'],
        ['Memo__c', 'ssn', 'content'],
        ['SSN__c', 'ssn', 'name+content'],
      ]);
    } finally {
      snapshot.close();
    }
  });
});
