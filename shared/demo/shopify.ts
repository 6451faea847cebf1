import { NICKNAMES } from './names';
import type { Person } from './people';
import { Random } from './random';

export const SHOPIFY_HEADER = [
  'Customer ID', 'First Name', 'Last Name', 'Email', 'Accepts Email Marketing', 'Default Address Company',
  'Default Address Address1', 'Default Address Address2', 'Default Address City', 'Default Address Province Code',
  'Default Address Country Code', 'Default Address Zip', 'Default Address Phone', 'Phone', 'Accepts SMS Marketing',
  'Total Spent', 'Total Orders', 'Note', 'Tax Exempt', 'Tags',
];

export interface ShopifyCustomer {
  id: string;
  email: string;
  row: string[];
}

export const shopifyCustomerId = (index: number, k: number): string => String(6_200_000_000_000 + index * 7 + k * 3);

function typo(random: Random, name: string): string {
  if (name.length < 4) return name;
  const at = random.int(1, name.length - 2);
  return random.chance(0.5) ? name.slice(0, at) + name.slice(at + 1) : name.slice(0, at) + name[at + 1] + name[at] + name.slice(at + 2);
}

function messyEmail(random: Random, email: string, second: boolean): string {
  const [local, domain] = email.split('@') as [string, string];
  let out = second || random.chance(0.1) ? `${local}+${random.pick(['shop', 'deals', 'larkspur'])}@${domain}` : email;
  if (random.chance(0.15)) out = out.replace(/^./, (c) => c.toUpperCase()).replace(/@(.)/, (_m, c: string) => `@${c.toUpperCase()}`);
  return out;
}

function messyPhone(random: Random, digits: string): string {
  const international = digits.length === 10 ? `+1${digits}` : `+${digits}`;
  if (digits.length !== 10) return `'${international}`;
  return random.pick([`'${international}`, international, `(${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)}`, digits, `${digits.slice(0, 3)}.${digits.slice(3, 6)}.${digits.slice(6)}`]);
}

/**
 * The consumer's Shopify customers (one, or two when they signed up twice), with real-world mess: case and
 * plus-tags in emails, phone formats, name typos and nicknames, missing province codes, apostrophe-guarded ids.
 */
export function shopifyCustomersOf(person: Person, seed: string): ShopifyCustomer[] {
  const random = Random.for(seed, 'shopify', person.index);
  const customers: ShopifyCustomer[] = [];
  for (let k = 0; k < person.shopifyAccounts; k++) {
    const id = shopifyCustomerId(person.index, k);
    let first = person.firstName;
    let last = person.lastName;
    if (random.chance(0.04) && NICKNAMES[first]) first = NICKNAMES[first]!;
    if (random.chance(0.05)) last = typo(random, last);
    if (random.chance(0.03)) first = first.toLowerCase();
    const email = messyEmail(random, person.email, k === 1);
    const home = person.home;
    const dropProvince = home?.countryCode === 'US' && random.chance(0.06);
    const zip = home ? (/^0/.test(home.zip) && random.chance(0.5) ? `'${home.zip}` : home.zip) : '';
    const phone = home && random.chance(0.7) ? messyPhone(random, home.phone) : '';
    const orders = random.int(0, 12);
    const tags = [random.chance(0.2) ? 'vip' : '', random.chance(0.4) ? 'newsletter' : '', random.chance(0.1) ? 'wholesale' : '']
      .filter(Boolean)
      .join(', ');
    customers.push({
      id,
      email,
      row: [
        `'${id}`, first, last, email, random.chance(0.55) ? 'yes' : 'no', '',
        home?.street.replace(/ Apt .*/, '') ?? '', home?.street.match(/ (Apt .*)/)?.[1] ?? '', home?.city ?? '',
        dropProvince ? '' : (home?.stateCode ?? ''), home?.countryCode ?? '', zip, phone, phone && random.chance(0.5) ? phone : '',
        random.chance(0.3) ? 'yes' : 'no', (orders * random.int(1500, 12000) / 100).toFixed(2), String(orders),
        random.chance(0.05) ? 'Prefers "gift wrap", no invoice in box' : '', 'no', tags,
      ],
    });
  }
  return customers;
}
