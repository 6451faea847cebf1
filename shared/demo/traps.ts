/**
 * Traps the reconstruction must not fall into, planted in the generated breach so the accuracy benchmark measures
 * them: business Accounts the attacker reached (companies, not people) with digit-rich billing streets that pass
 * Luhn, consumers' streets that do too, and namesakes living in one ZIP with different emails and phones.
 */
import { exportDateTime, TIMELINE } from './calendar';
import { id18, KEY_PREFIX } from './ids';
import { STREET_NAMES, STREET_SUFFIXES } from './names';
import type { Org } from './org';
import { Random } from './random';
import { withLuhnDigit } from './sensitive';
import { US_STATES } from './states';

export interface BusinessAccount {
  id: string;
  fields: Record<string, string>;
}

const COMPANY_WORDS = ['Gravity', 'Summit', 'Harbor', 'Pioneer', 'Keystone', 'Meridian', 'Cascade', 'Ironwood', 'Bluebird', 'Redwood', 'Lakeside', 'Northstar'];
const COMPANY_KINDS = ['Investments', 'Logistics', 'Holdings', 'Partners', 'Supply Co', 'Foods', 'Systems', 'Builders'];

/**
 * A street whose leading digits (a site code and a street number, 13 digits in all) pass Luhn and, when `visaLike`,
 * start in Visa's issuer range: only the field's being an address tells it apart from a card number.
 */
export function digitRichStreet(random: Random, visaLike: boolean): string {
  const site = `${visaLike ? '4' : '0'}${random.digits(7)}`;
  const number = withLuhnDigit(site + random.digits(4)).slice(8);
  return `${site} ${number} ${random.pick(STREET_NAMES)} ${random.pick(STREET_SUFFIXES)}`;
}

/** A consumer whose street is digit-rich (about one in fifty). */
export function hasDigitRichStreet(seed: string, index: number): boolean {
  return Random.for(seed, 'digit-street', index).chance(0.02);
}

/** The earlier person whose name and ZIP this person shares (a namesake with other contacts), or null. */
export function namesakeOf(index: number): number | null {
  return index % 97 === 13 ? index - 1 : null;
}

export function businessAccountCount(consumers: number): number {
  return Math.max(20, Math.min(800, Math.round(consumers / 40)));
}

/** Companies the org sells to: business Accounts (IsPersonAccount false) with company names and billing addresses. */
export function businessAccounts(seed: string, consumers: number, org: Org): BusinessAccount[] {
  const accounts: BusinessAccount[] = [];
  for (let n = 0; n < businessAccountCount(consumers); n++) {
    const random = Random.for(seed, 'business-account', n);
    const state = random.pick(US_STATES);
    const [lo, hi] = random.pick(state.zip3);
    const created = exportDateTime(TIMELINE.dataStart + (n + 10) * 3_600_000);
    const id = id18(KEY_PREFIX.Account, 100 + n);
    accounts.push({
      id,
      fields: {
        Id: id, IsDeleted: '0', Name: `${random.pick(COMPANY_WORDS)} ${random.pick(COMPANY_KINDS)}`, Type: 'Customer - Direct',
        BillingStreet: random.chance(0.3) ? digitRichStreet(random, random.chance(0.5)) : `${random.int(10, 9899)} ${random.pick(STREET_NAMES)} ${random.pick(STREET_SUFFIXES)}`,
        BillingCity: random.pick(state.cities), BillingState: state.name, BillingPostalCode: String(random.int(lo, hi)).padStart(3, '0') + random.digits(2),
        BillingCountry: 'United States', BillingStateCode: state.code, BillingCountryCode: 'US',
        Phone: `(${random.pick(state.areaCodes)}) 555-${String(random.int(200, 9999)).padStart(4, '0')}`,
        AccountNumber: withLuhnDigit(`4${random.digits(14)}`), Industry: random.pick(['Retail', 'Hospitality', 'Manufacturing', 'Finance']),
        IsPersonAccount: '0', OwnerId: org.admin.id18, CreatedDate: created, CreatedById: org.admin.id18,
        LastModifiedDate: created, LastModifiedById: org.admin.id18, SystemModstamp: created, CurrencyIsoCode: 'USD',
      },
    });
  }
  return accounts;
}
