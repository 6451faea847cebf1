import { creationTime, DAY_MS, TIMELINE } from './calendar';
import {
  EMAIL_DOMAINS, FIRST_NAMES, HEALTH_NOTES, LAST_NAMES, SECURITY_ANSWERS, SECURITY_QUESTIONS, STREET_NAMES,
  STREET_SUFFIXES,
} from './names';
import { Random, WeightedPicker } from './random';
import { cardNumber, driversLicense, maskCard, NO_SENSITIVE, passwordValue, ssnValue, type SensitiveProfile } from './sensitive';
import { FOREIGN_REGIONS, US_STATES, type UsState } from './states';
import { digitRichStreet, hasDigitRichStreet, namesakeOf } from './traps';

export interface Address {
  street: string;
  city: string;
  /** US state / foreign province code; empty when the region has none. */
  stateCode: string;
  stateName: string;
  zip: string;
  countryCode: string;
  countryName: string;
  phone: string;
}

/** Where the consumer lives in the CRM. `none`: only in the e-commerce platform. */
export type CrmPresence = 'contact' | 'person-account' | 'lead-only' | 'web-case-only' | 'none';

/** The cheap part of a person: which records exist. Ordinary activity uses it to pick real record ids. */
export interface PersonShape {
  index: number;
  crm: CrmPresence;
  convertedLead: boolean;
  caseCount: number;
  orderCount: number;
  shopifyAccounts: 0 | 1 | 2;
}

export type LoyaltyTier = 'Bronze' | 'Silver' | 'Gold' | 'Platinum';

export interface Person extends PersonShape {
  personId: string;
  salutation: string;
  firstName: string;
  middleName: string;
  lastName: string;
  email: string;
  birthdate: string | null;
  /** Current address; null when no system knows one. */
  home: Address | null;
  /** Address before a move; the CRM contact still shows it, newer orders and Shopify show `home`. */
  previousHome: Address | null;
  /** When the consumer first appeared (the first record's creation). */
  since: number;
  tier: LoyaltyTier;
  leadSource: string;
  optedOutOfEmail: boolean;
  sensitive: SensitiveProfile;
}

const statePicker = new WeightedPicker(US_STATES.map((state) => ({ item: state, weight: state.population })));
const domainPicker = new WeightedPicker(EMAIL_DOMAINS);
const LEAD_SOURCES = ['Web', 'Phone Inquiry', 'Partner Referral', 'Partner Event', 'Purchased List', 'Retail Store', 'Other'];

export function personShape(seed: string, index: number): PersonShape {
  const random = Random.for(seed, 'shape', index);
  const roll = random.next();
  const crm: CrmPresence =
    roll < 0.45 ? 'contact' : roll < 0.65 ? 'person-account' : roll < 0.77 ? 'lead-only' : roll < 0.8 ? 'web-case-only' : 'none';
  const inCrmAsContact = crm === 'contact' || crm === 'person-account';
  const convertedLead = inCrmAsContact && random.chance(0.35);
  const caseCount = crm === 'web-case-only' ? 1 : inCrmAsContact && random.chance(0.18) ? random.int(1, 2) : 0;
  const orderCount = inCrmAsContact && random.chance(0.55) ? random.int(1, 4) : 0;
  const shopifyChance = crm === 'none' ? 1 : inCrmAsContact ? 0.65 : crm === 'lead-only' ? 0.2 : 0.3;
  const shopifyAccounts: 0 | 1 | 2 = random.chance(shopifyChance) ? (random.chance(0.03) ? 2 : 1) : 0;
  return { index, crm, convertedLead, caseCount, orderCount, shopifyAccounts };
}

function usAddress(random: Random, state: UsState): Address {
  const [lo, hi] = random.pick(state.zip3);
  const zip = String(random.int(lo, hi)).padStart(3, '0') + random.digits(2);
  const unit = random.chance(0.2) ? ` Apt ${random.int(1, 40)}${random.pick(['', 'A', 'B'])}` : '';
  return {
    street: `${random.int(10, 9899)} ${random.pick(STREET_NAMES)} ${random.pick(STREET_SUFFIXES)}${unit}`,
    city: random.pick(state.cities),
    stateCode: state.code,
    stateName: state.name,
    zip,
    countryCode: 'US',
    countryName: 'United States',
    phone: `${random.pick(state.areaCodes)}555${String(random.int(200, 9999)).padStart(4, '0')}`,
  };
}

function foreignAddress(random: Random): Address {
  const region = random.pick(FOREIGN_REGIONS);
  const province = random.pick(region.provinces);
  return {
    street: `${random.int(1, 400)} ${random.pick(STREET_NAMES)} ${region.country === 'GB' ? 'Road' : 'Street'}`,
    city: province.city,
    stateCode: province.code,
    stateName: province.code,
    zip: province.postal,
    countryCode: region.country,
    countryName: region.countryName,
    phone: region.country === 'GB' ? `4420794600${random.digits(2)}` : `1416555${random.digits(4)}`,
  };
}

function emailFor(random: Random, first: string, last: string, index: number): string {
  const plain = (text: string): string =>
    text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z]/g, '').toLowerCase();
  const f = plain(first);
  const l = plain(last);
  const local = random.pick([`${f}.${l}`, `${f}${l}`, `${f[0]}${l}`, `${f}_${l}`, `${l}.${f}`]);
  // A bijective scramble of the index keeps every consumer's address unique without looking sequential.
  const tail = (index * 7919 + 104729) % 10_000_000;
  return `${local}${tail}@${domainPicker.pick(random)}`;
}

function sensitiveFor(random: Random, crm: CrmPresence): SensitiveProfile {
  if (crm === 'lead-only') {
    return random.chance(0.04) ? { ...NO_SENSITIVE, ssn: { value: ssnValue(random, false), form: 'clear' } } : NO_SENSITIVE;
  }
  if (crm !== 'contact' && crm !== 'person-account') return NO_SENSITIVE;
  const maskedSsn = random.chance(0.4);
  const ssn = random.chance(0.08) ? { value: ssnValue(random, maskedSsn), form: maskedSsn ? ('masked' as const) : ('clear' as const) } : null;
  const driversLicenseValue = random.chance(0.06) ? driversLicense(random) : null;
  let card: SensitiveProfile['card'] = null;
  if (random.chance(0.12)) {
    const number = cardNumber(random);
    const masked = random.chance(0.55);
    const cvv = !masked && random.chance(0.5) ? random.digits(number.length === 15 ? 4 : 3) : null;
    card = { value: masked ? maskCard(number) : number, form: masked ? 'masked' : 'clear', cvv };
  }
  let loyaltyPassword: SensitiveProfile['loyaltyPassword'] = null;
  if (random.chance(0.2)) {
    const roll = random.next();
    const form = roll < 0.5 ? ('bcrypt' as const) : roll < 0.8 ? ('sha256' as const) : ('clear' as const);
    loyaltyPassword = { value: passwordValue(random, form), form };
  }
  const securityQa = random.chance(0.1)
    ? { question: random.pick(SECURITY_QUESTIONS), answer: random.pick(SECURITY_ANSWERS) }
    : null;
  const healthNotes = random.chance(0.05) ? random.pick(HEALTH_NOTES) : null;
  return { ssn, driversLicense: driversLicenseValue, card, loyaltyPassword, securityQa, healthNotes };
}

export function makePerson(seed: string, index: number, total: number): Person {
  const person = basePerson(seed, index, total);
  if (person.home?.countryCode === 'US' && hasDigitRichStreet(seed, index)) {
    person.home = { ...person.home, street: digitRichStreet(Random.for(seed, 'digit-street-value', index), index % 2 === 0) };
  }
  const namesake = namesakeOf(index);
  if (namesake === null || !person.home || person.home.countryCode !== 'US') return person;
  const other = basePerson(seed, namesake, total);
  if (!other.home || other.home.countryCode !== 'US') return person;
  // Same name, same ZIP, no date of birth to tell them apart; their own emails, phones and streets.
  const home = { ...person.home, city: other.home.city, stateCode: other.home.stateCode, stateName: other.home.stateName, zip: other.home.zip };
  return { ...person, firstName: other.firstName, lastName: other.lastName, middleName: '', birthdate: null, home, previousHome: null, email: emailFor(Random.for(seed, 'namesake', index), other.firstName, other.lastName, index) };
}

function basePerson(seed: string, index: number, total: number): Person {
  const shape = personShape(seed, index);
  const random = Random.for(seed, 'person', index);
  const firstName = random.pick(FIRST_NAMES);
  const lastName = random.pick(LAST_NAMES);
  const addressRoll = random.next();
  const home = addressRoll < 0.03 ? null : addressRoll < 0.07 ? foreignAddress(random) : usAddress(random, statePicker.pick(random));
  // People are created in index order, so CreatedDate grows with the index and ORDER BY CreatedDate has no ties.
  const since = creationTime((index + random.next() * 0.5) / total);
  const canMove = home?.countryCode === 'US' && shape.orderCount > 0 && since < Date.UTC(2024, 0, 1);
  const previousHome = canMove && random.chance(0.12) ? usAddress(random, statePicker.pick(random)) : null;
  const tierRoll = random.next();
  return {
    ...shape,
    personId: `P${String(index + 1).padStart(7, '0')}`,
    salutation: random.pick(['Mr.', 'Ms.', 'Mrs.', 'Dr.', '', '']),
    firstName,
    middleName: random.chance(0.15) ? random.pick(FIRST_NAMES) : '',
    lastName,
    email: emailFor(random, firstName, lastName, index),
    birthdate: random.chance(0.6)
      ? new Date(Date.UTC(random.int(1940, 2005), random.int(0, 11), random.int(1, 28))).toISOString().slice(0, 10)
      : null,
    home,
    previousHome,
    since,
    tier: tierRoll < 0.55 ? 'Bronze' : tierRoll < 0.8 ? 'Silver' : tierRoll < 0.95 ? 'Gold' : 'Platinum',
    leadSource: random.pick(LEAD_SOURCES),
    optedOutOfEmail: random.chance(0.12),
    sensitive: sensitiveFor(random, shape.crm),
  };
}

/** The last moment any CRM record changes: everything the attack later reads is already in its final state. */
export const LAST_CRM_CHANGE = TIMELINE.lastModifiedEnd - DAY_MS;
