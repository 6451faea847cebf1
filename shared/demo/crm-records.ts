import type { ElementCode } from '../contract/elements';
import { NULL_ID_18 } from '../util/salesforce-id';
import { DAY_MS, exportDate, exportDateTime, outsideGap } from './calendar';
import { id18, KEY_PREFIX } from './ids';
import { CASE_SUBJECTS } from './names';
import type { Org } from './org';
import { LAST_CRM_CHANGE, type Address, type Person, type PersonShape } from './people';
import { Random } from './random';
import { cardNumber } from './sensitive';

export type CrmObject = 'Contact' | 'Lead' | 'Account' | 'Case' | 'Order';

export interface CrmRecord {
  object: CrmObject;
  id: string;
  fields: Record<string, string>;
  /** Fields whose value is in clear, with the statutory element each one is. */
  elements: Record<string, ElementCode>;
  /** The address the record holds and when the record last changed, for the most-recent-address rule. */
  address: Address | null;
  updatedAt: number;
}

const CUSTOM_FIELDS = [
  'Loyalty_Tier__c', 'SSN__c', 'Drivers_License__c', 'Card_Number__c', 'Card_CVV__c', 'Loyalty_Password__c',
  'Security_Question__c', 'Security_Answer__c', 'Health_Notes__c',
];

const split = (text: string): string[] => text.split(/,\s*/);

export const EXPORT_HEADERS: Readonly<Record<CrmObject, readonly string[]>> = {
  Contact: [
    ...split(`Id, IsDeleted, MasterRecordId, AccountId, Salutation, FirstName, LastName, MiddleName, Suffix, RecordTypeId, OtherStreet, OtherCity, OtherState, OtherPostalCode, OtherCountry, OtherStateCode, OtherCountryCode, OtherLatitude, OtherLongitude, OtherGeocodeAccuracy, MailingStreet, MailingCity, MailingState, MailingPostalCode, MailingCountry, MailingStateCode, MailingCountryCode, MailingLatitude, MailingLongitude, MailingGeocodeAccuracy, Phone, Fax, MobilePhone, HomePhone, OtherPhone, AssistantPhone, ReportsToId, Email, Title, Department, AssistantName, LeadSource, Birthdate, Description, CurrencyIsoCode, OwnerId, HasOptedOutOfEmail, HasOptedOutOfFax, DoNotCall, CreatedDate, CreatedById, LastModifiedDate, LastModifiedById, SystemModstamp, LastActivityDate, LastCURequestDate, LastCUUpdateDate, EmailBouncedReason, EmailBouncedDate, Jigsaw, JigsawContactId, Pronouns, GenderIdentity`),
    ...CUSTOM_FIELDS,
  ],
  Lead: [
    ...split(`Id, IsDeleted, MasterRecordId, Salutation, FirstName, LastName, MiddleName, Suffix, RecordTypeId, Title, Company, Street, City, State, PostalCode, Country, StateCode, CountryCode, Latitude, Longitude, GeocodeAccuracy, Phone, MobilePhone, Fax, Email, Website, Description, LeadSource, Status, Industry, Rating, CurrencyIsoCode, AnnualRevenue, NumberOfEmployees, OwnerId, HasOptedOutOfEmail, IsConverted, ConvertedDate, ConvertedAccountId, ConvertedContactId, ConvertedOpportunityId, IsUnreadByOwner, CreatedDate, CreatedById, LastModifiedDate, LastModifiedById, SystemModstamp, LastActivityDate, DoNotCall, HasOptedOutOfFax, LastTransferDate, Jigsaw, JigsawContactId, EmailBouncedReason, EmailBouncedDate, Pronouns, GenderIdentity`),
    'SSN__c',
  ],
  Account: [
    ...split(`Id, IsDeleted, MasterRecordId, Name, Type, RecordTypeId, ParentId, BillingStreet, BillingCity, BillingState, BillingPostalCode, BillingCountry, BillingStateCode, BillingCountryCode, BillingLatitude, BillingLongitude, BillingGeocodeAccuracy, ShippingStreet, ShippingCity, ShippingState, ShippingPostalCode, ShippingCountry, ShippingStateCode, ShippingCountryCode, ShippingLatitude, ShippingLongitude, ShippingGeocodeAccuracy, Phone, Fax, AccountNumber, Website, Sic, Industry, AnnualRevenue, NumberOfEmployees, Ownership, TickerSymbol, Description, Rating, Site, CurrencyIsoCode, OwnerId, CreatedDate, CreatedById, LastModifiedDate, LastModifiedById, SystemModstamp, LastActivityDate, IsExcludedFromRealign, Jigsaw, JigsawCompanyId, AccountSource, SicDesc, OperatingHoursId`),
    ...split(`IsPersonAccount, FirstName, LastName, Salutation, MiddleName, PersonContactId, PersonEmail, PersonMailingStreet, PersonMailingCity, PersonMailingState, PersonMailingPostalCode, PersonMailingCountry, PersonMailingStateCode, PersonMailingCountryCode, PersonOtherStreet, PersonOtherCity, PersonOtherState, PersonOtherPostalCode, PersonOtherCountry, PersonMobilePhone, PersonHomePhone, PersonOtherPhone, PersonBirthdate, PersonLeadSource, PersonHasOptedOutOfEmail, PersonDoNotCall, PersonIndividualId`),
    ...CUSTOM_FIELDS.map((field) => field.replace(/__c$/, '__pc')),
  ],
  Case: split(`Id, IsDeleted, MasterRecordId, CaseNumber, ContactId, AccountId, AssetId, ProductId, EntitlementId, SourceId, BusinessHoursId, ParentId, SuppliedName, SuppliedEmail, SuppliedPhone, SuppliedCompany, Type, Status, Reason, Origin, Subject, Priority, Description, IsClosed, ClosedDate, IsEscalated, CurrencyIsoCode, OwnerId, IsClosedOnCreate, SlaStartDate, SlaExitDate, IsStopped, StopStartDate, CreatedDate, CreatedById, LastModifiedDate, LastModifiedById, SystemModstamp, ServiceContractId, EventsProcessedDate`),
  Order: split(`Id, OwnerId, ContractId, AccountId, Pricebook2Id, OriginalOrderId, OpportunityId, QuoteId, EffectiveDate, EndDate, IsReductionOrder, Status, Description, CustomerAuthorizedById, CustomerAuthorizedDate, CompanyAuthorizedById, CompanyAuthorizedDate, Type, BillingStreet, BillingCity, BillingState, BillingPostalCode, BillingCountry, BillingStateCode, BillingCountryCode, BillingLatitude, BillingLongitude, BillingGeocodeAccuracy, ShippingStreet, ShippingCity, ShippingState, ShippingPostalCode, ShippingCountry, ShippingStateCode, ShippingCountryCode, ShippingLatitude, ShippingLongitude, ShippingGeocodeAccuracy, Name, PoDate, PoNumber, OrderReferenceNumber, BillToContactId, ShipToContactId, ActivatedDate, ActivatedById, StatusCode, CurrencyIsoCode, OrderNumber, TotalAmount, CreatedDate, CreatedById, LastModifiedDate, LastModifiedById, IsDeleted, SystemModstamp`),
};

/** Standard fields that are a statutory element whenever they hold a value. */
const STANDARD_ELEMENTS: Readonly<Record<string, ElementCode>> = {
  LastName: 'name', Name: 'name', SuppliedName: 'name',
  Email: 'email', PersonEmail: 'email', SuppliedEmail: 'email',
  Phone: 'phone', MobilePhone: 'phone', HomePhone: 'phone', PersonMobilePhone: 'phone', PersonHomePhone: 'phone', SuppliedPhone: 'phone',
  MailingStreet: 'postal_address', Street: 'postal_address', PersonMailingStreet: 'postal_address',
  BillingStreet: 'postal_address', ShippingStreet: 'postal_address',
  Birthdate: 'date_of_birth', PersonBirthdate: 'date_of_birth',
};

/** The ground truth's field → element vocabulary, published in scenario.json. */
export const FIELD_ELEMENTS: Readonly<Record<string, ElementCode>> = {
  ...STANDARD_ELEMENTS,
  SSN__c: 'ssn', Drivers_License__c: 'drivers_license', Card_Number__c: 'card_number', Card_CVV__c: 'security_code',
  Loyalty_Password__c: 'password', Security_Answer__c: 'security_qa', Health_Notes__c: 'medical',
  Description: 'card_number',
};

/** Free-text fields whose element is known only from what they hold (a card number typed into a description). */
export const CONTENT_ONLY_FIELDS: ReadonlySet<string> = new Set(['Description']);

export const recordIds = {
  contact: (index: number): string => id18(KEY_PREFIX.Contact, index * 3 + 1),
  personAccount: (index: number): string => id18(KEY_PREFIX.Account, 1000 + index * 3),
  lead: (index: number): string => id18(KEY_PREFIX.Lead, index * 2 + 1),
  case: (index: number, k: number): string => id18(KEY_PREFIX.Case, index * 4 + k),
  order: (index: number, k: number): string => id18(KEY_PREFIX.Order, index * 5 + k),
};

/** The Salesforce ids a person's shape implies, for ordinary activity to reference. */
export function crmIdsOf(shape: PersonShape): { object: CrmObject; id: string }[] {
  const ids: { object: CrmObject; id: string }[] = [];
  if (shape.crm === 'contact' || shape.crm === 'person-account') ids.push({ object: 'Contact', id: recordIds.contact(shape.index) });
  if (shape.crm === 'person-account') ids.push({ object: 'Account', id: recordIds.personAccount(shape.index) });
  if (shape.crm === 'lead-only' || shape.convertedLead) ids.push({ object: 'Lead', id: recordIds.lead(shape.index) });
  for (let k = 0; k < shape.caseCount; k++) ids.push({ object: 'Case', id: recordIds.case(shape.index, k) });
  for (let k = 0; k < shape.orderCount; k++) ids.push({ object: 'Order', id: recordIds.order(shape.index, k) });
  return ids;
}

function formatPhone(random: Random, digits: string): string {
  if (digits.length !== 10) return `+${digits.slice(0, 2)} ${digits.slice(2, 4)} ${digits.slice(4, 8)} ${digits.slice(8)}`;
  const [a, b, c] = [digits.slice(0, 3), digits.slice(3, 6), digits.slice(6)];
  return random.pick([`(${a}) ${b}-${c}`, `(${a}) ${b}-${c}`, `${a}-${b}-${c}`, `+1 ${a} ${b} ${c}`]);
}

function addressFields(prefix: string, address: Address | null, stateSuffix = 'State'): Record<string, string> {
  if (!address) return {};
  return {
    [`${prefix}Street`]: address.street,
    [`${prefix}City`]: address.city,
    [`${prefix}${stateSuffix}`]: address.stateName,
    [`${prefix}PostalCode`]: address.zip,
    [`${prefix}Country`]: address.countryName,
    [`${prefix}${stateSuffix}Code`]: address.stateCode,
    [`${prefix}CountryCode`]: address.countryCode,
  };
}

function sensitiveFields(person: Person, suffix: '__c' | '__pc'): { fields: Record<string, string>; clear: string[] } {
  const s = person.sensitive;
  const fields: Record<string, string> = { [`Loyalty_Tier${suffix}`]: person.tier };
  const clear: string[] = [];
  const set = (name: string, value: string, isClear: boolean): void => {
    fields[name + suffix] = value;
    if (isClear) clear.push(name + suffix);
  };
  if (s.ssn) set('SSN', s.ssn.value, s.ssn.form === 'clear');
  if (s.driversLicense) set('Drivers_License', s.driversLicense, true);
  if (s.card) {
    set('Card_Number', s.card.value, s.card.form === 'clear');
    if (s.card.cvv) set('Card_CVV', s.card.cvv, true);
  }
  if (s.loyaltyPassword) set('Loyalty_Password', s.loyaltyPassword.value, s.loyaltyPassword.form === 'clear');
  if (s.securityQa) {
    set('Security_Question', s.securityQa.question, false);
    set('Security_Answer', s.securityQa.answer, true);
  }
  if (s.healthNotes) set('Health_Notes', s.healthNotes, true);
  return { fields, clear };
}

function elementsOf(fields: Record<string, string>, clearCustom: readonly string[]): Record<string, ElementCode> {
  const elements: Record<string, ElementCode> = {};
  for (const [field, value] of Object.entries(fields)) {
    const element = STANDARD_ELEMENTS[field];
    if (element && value !== '') elements[field] = element;
  }
  for (const field of clearCustom) {
    const element = FIELD_ELEMENTS[field.replace(/__pc$/, '__c')];
    if (element) elements[field] = element;
  }
  return elements;
}

function audit(created: number, updated: number, creator: string, modifier: string): Record<string, string> {
  return {
    IsDeleted: '0',
    CreatedDate: exportDateTime(created),
    CreatedById: creator,
    LastModifiedDate: exportDateTime(updated),
    LastModifiedById: modifier,
    SystemModstamp: exportDateTime(updated),
    CurrencyIsoCode: 'USD',
  };
}

/** Every Salesforce record of one consumer, as the Data Export would hold it at discovery. */
export function crmRecordsOf(person: Person, org: Org, seed: string): CrmRecord[] {
  const random = Random.for(seed, 'records', person.index);
  const records: CrmRecord[] = [];
  const owner = (): string => random.pick(org.agents).id18;
  const shopify = org.integrations[0]!.id18;
  const i = person.index;
  const crmAddress = person.previousHome ?? person.home;
  const phone = person.home ? formatPhone(random, person.home.phone) : '';
  const hasContact = person.crm === 'contact' || person.crm === 'person-account';
  const contactId = hasContact ? recordIds.contact(i) : '';
  const accountId =
    person.crm === 'person-account'
      ? recordIds.personAccount(i)
      : random.chance(0.05)
        ? NULL_ID_18
        : random.pick(org.bucketAccounts).id18;
  const contactUpdated = person.previousHome
    ? person.since + random.int(0, 30) * DAY_MS
    : person.since + Math.floor(random.next() * (LAST_CRM_CHANGE - person.since));

  if (person.crm === 'lead-only' || person.convertedLead) {
    const converted = person.convertedLead;
    const created = converted ? outsideGap(person.since - random.int(1, 60) * DAY_MS) : person.since;
    const updated = converted ? person.since : person.since + Math.floor(random.next() * (LAST_CRM_CHANGE - person.since));
    const address = converted ? crmAddress : random.chance(0.25) ? null : person.home;
    const ssn = person.sensitive.ssn && person.crm === 'lead-only' ? person.sensitive.ssn.value : '';
    const fields: Record<string, string> = {
      Id: recordIds.lead(i),
      ...audit(created, updated, shopify, owner()),
      Salutation: person.salutation,
      FirstName: person.firstName,
      LastName: person.lastName,
      MiddleName: person.middleName,
      Company: `${person.lastName} Household`,
      ...addressFields('', address),
      Phone: address ? phone : '',
      Email: person.email,
      LeadSource: person.leadSource,
      Status: converted ? 'Closed - Converted' : random.pick(['Open - Not Contacted', 'Working - Contacted', 'Closed - Not Converted']),
      OwnerId: owner(),
      HasOptedOutOfEmail: person.optedOutOfEmail ? '1' : '0',
      IsConverted: converted ? '1' : '0',
      ConvertedDate: converted ? exportDate(new Date(person.since).toISOString().slice(0, 10)) : '',
      ConvertedAccountId: converted ? accountId : '',
      ConvertedContactId: converted ? contactId : '',
      IsUnreadByOwner: '0',
      DoNotCall: '0',
      HasOptedOutOfFax: '0',
      SSN__c: ssn,
    };
    records.push({ object: 'Lead', id: fields.Id!, fields, elements: elementsOf(fields, ssn ? ['SSN__c'] : []), address, updatedAt: updated });
  }

  if (hasContact) {
    const custom = sensitiveFields(person, '__c');
    const fields: Record<string, string> = {
      Id: contactId,
      ...audit(person.since, contactUpdated, shopify, owner()),
      MasterRecordId: random.chance(0.1) ? NULL_ID_18 : '',
      AccountId: accountId,
      Salutation: person.salutation,
      FirstName: person.firstName,
      LastName: person.lastName,
      MiddleName: person.middleName,
      RecordTypeId: org.contactRecordTypeId15,
      ...addressFields('Mailing', crmAddress),
      Phone: phone,
      MobilePhone: random.chance(0.3) && person.home ? formatPhone(random, person.home.phone) : '',
      Email: person.email,
      LeadSource: person.leadSource,
      Birthdate: person.birthdate ? exportDate(person.birthdate) : '',
      OwnerId: owner(),
      HasOptedOutOfEmail: person.optedOutOfEmail ? '1' : '0',
      HasOptedOutOfFax: '0',
      DoNotCall: '0',
      ...custom.fields,
    };
    records.push({ object: 'Contact', id: contactId, fields, elements: elementsOf(fields, custom.clear), address: crmAddress, updatedAt: contactUpdated });
  }

  if (person.crm === 'person-account') {
    const custom = sensitiveFields(person, '__pc');
    const fields: Record<string, string> = {
      Id: accountId,
      ...audit(person.since, contactUpdated, shopify, owner()),
      Name: `${person.firstName} ${person.lastName}`,
      RecordTypeId: org.personAccountRecordTypeId15,
      Phone: phone,
      OwnerId: owner(),
      AccountSource: person.leadSource,
      IsPersonAccount: '1',
      FirstName: person.firstName,
      LastName: person.lastName,
      Salutation: person.salutation,
      MiddleName: person.middleName,
      PersonContactId: contactId,
      PersonEmail: person.email,
      ...addressFields('PersonMailing', crmAddress),
      PersonBirthdate: person.birthdate ? exportDate(person.birthdate) : '',
      PersonLeadSource: person.leadSource,
      PersonHasOptedOutOfEmail: person.optedOutOfEmail ? '1' : '0',
      PersonDoNotCall: '0',
      ...custom.fields,
    };
    records.push({ object: 'Account', id: accountId, fields, elements: elementsOf(fields, custom.clear), address: crmAddress, updatedAt: contactUpdated });
  }

  for (let k = 0; k < person.caseCount; k++) {
    const created = person.since + Math.floor(random.next() * (LAST_CRM_CHANGE - person.since));
    const updated = Math.min(LAST_CRM_CHANGE, created + random.int(0, 10) * DAY_MS);
    const web = !hasContact || random.chance(0.3);
    const withCard = random.chance(0.04);
    const closed = random.chance(0.6);
    let description = random.pick([
      'Customer called about this order.',
      'Customer emailed:\nThe box was crushed and two items were missing.',
      'Requested a call back between 9 and 5.',
      'Wants the refund to go back to the original payment method.',
    ]);
    if (withCard) description += ` Please charge my other card instead: ${cardNumber(random)}.`;
    const fields: Record<string, string> = {
      Id: recordIds.case(i, k),
      ...audit(created, updated, web ? org.admin.id18 : owner(), owner()),
      CaseNumber: String(100_000 + i * 4 + k).padStart(8, '0'),
      ContactId: hasContact ? contactId : '',
      AccountId: hasContact ? accountId : '',
      AssetId: random.chance(0.2) ? NULL_ID_18 : '',
      SuppliedName: web ? `${person.firstName} ${person.lastName}` : '',
      SuppliedEmail: web ? person.email : '',
      SuppliedPhone: web && person.home ? formatPhone(random, person.home.phone) : '',
      Type: random.pick(['Problem', 'Question', 'Feature Request']),
      Status: closed ? 'Closed' : random.pick(['New', 'Working', 'Escalated']),
      Reason: random.pick(['Shipping', 'Product Quality', 'Billing', 'Other']),
      Origin: web ? 'Web' : random.pick(['Email', 'Phone']),
      Subject: random.pick(CASE_SUBJECTS),
      Priority: random.pick(['Low', 'Medium', 'High']),
      Description: description,
      IsClosed: closed ? '1' : '0',
      ClosedDate: closed ? exportDateTime(updated) : '',
      IsEscalated: '0',
      OwnerId: owner(),
      IsClosedOnCreate: '0',
      IsStopped: '0',
    };
    const elements = elementsOf(fields, []);
    if (withCard) elements.Description = 'card_number';
    records.push({ object: 'Case', id: fields.Id!, fields, elements, address: null, updatedAt: updated });
  }

  // A mover's last order carries the new address and is newer than any record still holding the old one.
  const moveTime = Math.max(contactUpdated, Date.UTC(2024, 0, 1)) + DAY_MS;
  for (let k = 0; k < person.orderCount; k++) {
    const last = k === person.orderCount - 1;
    const created = person.previousHome
      ? last
        ? moveTime + Math.floor(random.next() * (LAST_CRM_CHANGE - moveTime))
        : person.since + Math.floor(random.next() * (contactUpdated - person.since))
      : person.since + Math.floor(random.next() * (LAST_CRM_CHANGE - person.since));
    const address = person.previousHome && !last ? person.previousHome : person.home;
    const day = new Date(created).toISOString().slice(0, 10);
    const fields: Record<string, string> = {
      Id: recordIds.order(i, k),
      ...audit(created, created + 60_000, shopify, shopify),
      OwnerId: shopify,
      AccountId: accountId === NULL_ID_18 ? org.bucketAccounts[0]!.id18 : accountId,
      EffectiveDate: exportDate(day),
      IsReductionOrder: '0',
      Status: 'Activated',
      Type: 'E-Commerce',
      ...addressFields('Billing', address),
      ...addressFields('Shipping', address),
      BillToContactId: contactId,
      ShipToContactId: contactId,
      ActivatedDate: exportDateTime(created),
      ActivatedById: shopify,
      StatusCode: 'Activated',
      OrderNumber: String(20_000_000 + i * 5 + k).padStart(8, '0'),
      TotalAmount: (random.int(1500, 45000) / 100).toFixed(2),
      OrderReferenceNumber: `#${1001 + i * 5 + k}`,
    };
    records.push({ object: 'Order', id: fields.Id!, fields, elements: elementsOf(fields, []), address, updatedAt: created + 60_000 });
  }
  return records;
}
