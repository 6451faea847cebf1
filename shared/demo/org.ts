import { id15, KEY_PREFIX, to18 } from './ids';
import { FIRST_NAMES, LAST_NAMES } from './names';
import { Random } from './random';

export const COMPANY = { name: 'Larkspur Outfitters', domain: 'larkspur-outfitters.example', shopDomain: 'shop.larkspur.example' };

export type UserRole = 'admin' | 'agent' | 'integration';

export interface OrgUser {
  id15: string;
  id18: string;
  username: string;
  firstName: string;
  lastName: string;
  role: UserRole;
  title: string;
  /** Integration users: the connected app and client they call through. */
  app?: { name: string; id15: string; client: string; userAgent: string };
}

export interface Org {
  users: readonly OrgUser[];
  admin: OrgUser;
  agents: readonly OrgUser[];
  integrations: readonly OrgUser[];
  /** The support lead talked into authorising the attacker's app. */
  compromised: OrgUser;
  maliciousApp: { name: string; id15: string; id18: string };
  /** Business accounts that hold B2C contacts that are not person accounts. */
  bucketAccounts: readonly { id18: string; name: string }[];
  contactRecordTypeId15: string;
  personAccountRecordTypeId15: string;
}

function user(counter: number, first: string, last: string, role: UserRole, title: string, handleSuffix = ''): OrgUser {
  const id = id15(KEY_PREFIX.User, counter);
  const handle = `${first}.${last}${handleSuffix}`.toLowerCase().replace(/[^a-z0-9.]/g, '');
  return { id15: id, id18: to18(id), username: `${handle}@${COMPANY.domain}`, firstName: first, lastName: last, role, title };
}

export function buildOrg(seed: string, agentCount: number): Org {
  const random = Random.for(seed, 'org');
  const admin = user(101, 'Priya', 'Raman', 'admin', 'Salesforce Administrator');
  const agents: OrgUser[] = [];
  for (let i = 0; i < agentCount; i++) {
    const first = random.pick(FIRST_NAMES).normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    const last = random.pick(LAST_NAMES).normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z]/g, '');
    agents.push(user(200 + i * 3, first, last, 'agent', i === 0 ? 'Customer Care Team Lead' : 'Customer Care Agent', i === 0 ? '' : String(i)));
  }
  const integration = (counter: number, last: string, app: OrgUser['app']): OrgUser => ({
    ...user(counter, 'Integration', last, 'integration', 'Integration User'),
    app,
  });
  const integrations = [
    integration(151, 'Shopify', { name: 'Shopify Connector', id15: id15(KEY_PREFIX.ConnectedApp, 5011), client: 'ShopifySync/4.2', userAgent: 'ShopifySync/4.2 (+https://shop.larkspur.example)' }),
    integration(152, 'Marketing', { name: 'Marketing Cloud Connect', id15: id15(KEY_PREFIX.ConnectedApp, 5012), client: 'MCConnect/7.1', userAgent: 'Apache-HttpClient/4.5.14 (Java/17.0.9)' }),
    integration(153, 'Warehouse', { name: 'Warehouse ETL', id15: id15(KEY_PREFIX.ConnectedApp, 5013), client: 'DWLoader/2.0', userAgent: 'python-requests/2.31.0' }),
  ];
  const appId = id15(KEY_PREFIX.ConnectedApp, 7341);
  return {
    users: [admin, ...integrations, ...agents],
    admin,
    agents,
    integrations,
    compromised: agents[0] as OrgUser,
    maliciousApp: { name: 'My Ticket Portal', id15: appId, id18: to18(appId) },
    bucketAccounts: ['Online Customers', 'Retail Store Customers', 'Catalog Customers'].map((name, i) => ({
      id18: to18(id15(KEY_PREFIX.Account, 90 + i)),
      name,
    })),
    contactRecordTypeId15: id15(KEY_PREFIX.RecordType, 41),
    personAccountRecordTypeId15: id15(KEY_PREFIX.RecordType, 42),
  };
}
