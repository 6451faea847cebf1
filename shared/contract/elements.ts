/**
 * The statutory data-element vocabulary. Reconstruction classifies fields into these codes;
 * rule packs define which combinations count as personal information in each jurisdiction.
 */
export const ELEMENT_CODES = [
  'name',
  'email',
  'phone',
  'postal_address',
  'date_of_birth',
  'ssn',
  'drivers_license',
  'passport',
  'tax_id',
  'other_government_id',
  'card_number',
  'financial_account',
  'security_code',
  'username',
  'password',
  'security_qa',
  'medical',
  'health_insurance',
  'biometric',
  'genetic',
] as const;

export type ElementCode = (typeof ELEMENT_CODES)[number];

export function isElementCode(value: string): value is ElementCode {
  return (ELEMENT_CODES as readonly string[]).includes(value);
}

export const ELEMENT_LABELS: Readonly<Record<ElementCode, string>> = {
  name: 'Name',
  email: 'Email address',
  phone: 'Phone number',
  postal_address: 'Postal address',
  date_of_birth: 'Date of birth',
  ssn: 'Social Security number',
  drivers_license: "Driver's license number",
  passport: 'Passport number',
  tax_id: 'Taxpayer identification number',
  other_government_id: 'Other government-issued identification number',
  card_number: 'Payment card number',
  financial_account: 'Financial account number',
  security_code: 'Card security code, access code or PIN',
  username: 'Username',
  password: 'Password',
  security_qa: 'Security question and answer',
  medical: 'Medical information',
  health_insurance: 'Health insurance information',
  biometric: 'Biometric data',
  genetic: 'Genetic data',
};

export type Basis = 'exact' | 'derived' | 'inferred';
export const BASES: readonly Basis[] = ['exact', 'derived', 'inferred'];
