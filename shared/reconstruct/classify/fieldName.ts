/**
 * Which statutory element a field holds, judged by its API name or header: standard Salesforce, Shopify and Magento
 * names and common custom `__c` patterns. Names are split into lowercase words (`MailingStreet` → mailing_street,
 * `Social_Security_Number__c` → social_security_number) and matched on whole words.
 */
import type { ElementCode } from '../../contract/elements';
import { ELEMENT_LABELS } from '../../contract/elements';

export interface NameVerdict {
  readonly element: ElementCode | null;
  readonly reason: string;
}

const words = (alternatives: string) => new RegExp(`(?:^|_)(?:${alternatives})(?:_|$)`);

const DATE_OF_BIRTH = words('birthdate|birth_date|birthday|date_of_birth|dob|bday');

/** Flags and metadata about a value (`HasOptedOutOfEmail`, `EmailBouncedDate`, `PasswordExpires`), never the value. */
const METADATA_FIRST_WORD = /^(is|has|do|does|can|allow|accepts)_/;
const METADATA = words(
  'date|time|timestamp|bounced|reason|status|opted|opt|consent|verified|type|count|source|changed|modified|updated|' +
    'created|reset|expires|expiry|expiration|exp|format|encoding|key|token|length|preference|flag|locale|' +
    'marketing|subscribed|geocode|accuracy|latitude|longitude|ip',
);

interface NameRule {
  readonly element: ElementCode;
  readonly pattern: RegExp;
  readonly customOnly?: boolean;
}

/** First match wins: the more specific and more sensitive patterns come first. */
const RULES: readonly NameRule[] = [
  {
    element: 'security_qa',
    pattern: words(
      'security_(?:question|answer|q|a)|secret_(?:question|answer)|challenge_(?:question|answer)|mothers?_maiden(?:_name)?|' +
        'maiden_name|password_(?:question|answer|hint)|recovery_(?:question|answer)',
    ),
  },
  {
    element: 'security_code',
    pattern: words(
      'cvv(?:_?\\d)?|cvc(?:_?\\d)?|csc|card_verification(?:_value|_code)?|card_security_code|security_code|card_code|' +
        'pin|pin_code|pin_number|access_code|passcode',
    ),
  },
  { element: 'password', pattern: words('password|passwd|pwd|pass_hash|pw_hash') },
  {
    element: 'ssn',
    pattern: words('ssn(?:_?\\d+)?|social_security(?:_number|_no|_num|_nbr)?|social_sec|soc_sec|ss_(?:number|no|num)'),
  },
  {
    element: 'tax_id',
    pattern: words('tax_?id|tin|itin|ein|fein|taxvat|tax_vat|vat_(?:number|id)|tax_(?:number|no|identification)|taxpayer_id'),
  },
  {
    element: 'drivers_license',
    pattern: words('drivers?_licen[cs]e|driving_licen[cs]e|drivers?_lic|dl_(?:number|no|num)|licen[cs]e_(?:number|no|num)'),
  },
  { element: 'passport', pattern: words('passport') },
  {
    element: 'other_government_id',
    pattern: words(
      'national_(?:id|identity|insurance)|government_id|gov_id|govt_id|state_id|military_id|id_card|identity_card|' +
        'identity_(?:number|document)|identification_number|nin|sin|aadhaa?r|curp|nric|cpf',
    ),
  },
  { element: 'name', pattern: words('card_?holder|cardholder|account_holder') },
  {
    element: 'card_number',
    pattern: words(
      'card_?(?:number|no|num|nbr)|credit_card|debit_card|cc_(?:number|num|no)|ccnum|pan|payment_card|card_last_?4|last_?4_card',
    ),
  },
  { element: 'financial_account', pattern: words('bank_account|iban|routing_(?:number|no)|aba|checking_account|savings_account|bank_account_number') },
  { element: 'financial_account', pattern: words('account_(?:number|no|num)'), customOnly: true },
  {
    element: 'health_insurance',
    pattern: words('insurance|insurer|policy_(?:number|no)|member_id|subscriber_id|medicare|medicaid|health_plan'),
  },
  {
    element: 'medical',
    pattern: words(
      'health|medical|diagnosis|diagnoses|conditions?|medications?|prescriptions?|allerg(?:y|ies)|treatment|patient|' +
        'clinical|disability|symptoms?|icd_?\\d*|vaccinations?',
    ),
  },
  { element: 'biometric', pattern: words('biometrics?|fingerprint|retina|iris|face_(?:template|print|geometry)|voice_?print|palm_?print') },
  { element: 'genetic', pattern: words('genetic|dna|genome|genomic|genotype') },
  { element: 'email', pattern: words('email|e_mail|emailaddress') },
  { element: 'phone', pattern: words('phone|mobile|telephone|fax|cell|cellphone|homephone|mobilephone') },
  { element: 'username', pattern: words('user_?name|login|login_(?:name|id)|screen_name|user_login') },
  {
    element: 'name',
    pattern: words(
      '(?:first|last|middle|full|given|family|legal|maiden)_?name|surname|supplied_name|customer_name|contact_name|' +
        'billing_name|shipping_name|person_name',
    ),
  },
];

const STREET = words('street|address|address_?\\d|address_line_?\\d*|addr|street_address');
const ADDRESS_PART = words('city|state|province|zip|zip_code|postal_code|postcode|country|company|code|web|url|geocode');
/** Objects whose `Name` is a person's name; on Account it is a company unless Person Accounts are used. */
const PERSON_OBJECTS: ReadonlySet<string> = new Set(['contact', 'lead', 'user', 'individual', 'personaccount', 'customer']);

/**
 * Words of standard Salesforce and e-commerce field names, to split headers written in one case without separators
 * (Data Loader's `BILLINGSTREET`, `PERSONMAILINGPOSTALCODE`) into the words their API names have.
 */
const DICTIONARY = new Set(
  ('account accounts address addr alternate assistant billing birth birthdate bank card cell city code company contact ' +
    'country credit customer date day debit department description do email e fax first full geocode given home id ' +
    'individual is last latitude lead license licence longitude mailing maiden master middle mobile mothers name no ' +
    'number num other owner parent passport password person personal phone pin postal postcode province reports ' +
    'security shipping site social ssn state street suffix supplied tax title type user username zip').split(' '),
);

/** Splits a lower-case run into dictionary words (longest first), or null when it is not wholly made of them. */
function segment(run: string): string[] | null {
  const best: Array<string[] | null> = [[]];
  for (let end = 1; end <= run.length; end++) {
    best[end] = null;
    for (let start = end - 1; start >= 0; start--) {
      const prefix = best[start];
      if (prefix && DICTIONARY.has(run.slice(start, end)) && (!best[end] || prefix.length + 1 < best[end]!.length)) best[end] = [...prefix, run.slice(start, end)];
    }
  }
  return best[run.length] ?? null;
}

export function nameWords(fieldName: string): string {
  const base = fieldName.replace(/__(c|pc)$/i, '').replace(/^[A-Za-z0-9]+__/, '');
  return base
    .split(/[^A-Za-z0-9]+/)
    .flatMap((part) => part.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+/g) ?? [])
    .flatMap((word) => {
      const lower = word.toLowerCase();
      // An upper-case run of several words (`BILLINGSTREET`) has lost its word boundaries; restore them when it can.
      return word === word.toUpperCase() && lower.length > 5 && !DICTIONARY.has(lower) ? (segment(lower) ?? [lower]) : [lower];
    })
    .join('_');
}

/** What kind of value a field holds by its name when that rules out card numbers and SSNs, or null. */
export type FieldContext = 'address' | 'phone' | 'postal code' | 'id' | 'account number';

const CONTEXTS: ReadonlyArray<readonly [FieldContext, RegExp]> = [
  ['postal code', words('zip|zip_code|zipcode|postal|postal_code|postcode|post_code')],
  ['address', words('street|address|address_?\\d|addr|address_line_?\\d*|city|state|province|country|suite|apt|building')],
  ['phone', words('phone|mobile|telephone|tel|fax|cell|cellphone|homephone|mobilephone|extension|ext')],
  ['account number', words('account_(?:number|no|num|nbr)|account_site|customer_(?:number|no|num)|member_(?:number|no)')],
  ['id', words('id|ids|guid|uuid|key|(?:order|case|po|invoice|reference|tracking|ticket|contract|quote|job|batch|record)_(?:number|no|num|nbr|id|ref)|ref|reference|number|no|num|nbr|code|sku|upc|ean|isbn')],
];

/**
 * The kind of value a field's name says it holds when that kind is never a card number or an SSN: an address,
 * phone, postal code, id or CRM account-number field. Names of card and government-id fields have no context.
 */
export function fieldContext(fieldName: string): FieldContext | null {
  const key = nameWords(fieldName);
  const custom = /__(c|pc)$/i.test(fieldName);
  const named = RULES.find((rule) => rule.pattern.test(key) && (!rule.customOnly || custom));
  if (named && ['card_number', 'ssn', 'tax_id', 'drivers_license', 'passport', 'other_government_id', 'financial_account', 'security_code'].includes(named.element)) return null;
  return CONTEXTS.find(([, pattern]) => pattern.test(key))?.[0] ?? null;
}

export function elementByName(objectType: string, fieldName: string): NameVerdict {
  const key = nameWords(fieldName);
  const matched = (element: ElementCode): NameVerdict => ({
    element,
    reason: `Field name ${fieldName} reads as ${ELEMENT_LABELS[element].toLowerCase()}.`,
  });
  if (DATE_OF_BIRTH.test(key)) return matched('date_of_birth');
  if (METADATA_FIRST_WORD.test(key) || METADATA.test(key)) {
    return { element: null, reason: `Field name ${fieldName} describes a flag or metadata, not a personal data element.` };
  }
  const custom = /__(c|pc)$/i.test(fieldName);
  const rule = RULES.find((candidate) => candidate.pattern.test(key) && (!candidate.customOnly || custom));
  if (rule) return matched(rule.element);
  if (key === 'name') {
    return PERSON_OBJECTS.has(objectType.toLowerCase())
      ? matched('name')
      : { element: null, reason: `${objectType}.Name is a record title (a company on Account unless Person Accounts), not a person's name.` };
  }
  if (STREET.test(key) && !ADDRESS_PART.test(key)) return matched('postal_address');
  return { element: null, reason: `Field name ${fieldName} matches no personal data element.` };
}
