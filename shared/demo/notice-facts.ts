import { addDays } from '../law/dates';
import { COMPANY } from './org';

/** What the demo scenario says about the company and the attack (scenario.json). */
export interface DemoScenario {
  company: { name: string; domain: string };
  discovery: string;
  attack: { window: { start: string; end: string }; connectedApp: { name: string } };
}

/** Days between discovery and the letters' date in the demo: inside every state's individual deadline. */
const DEMO_NOTICE_AFTER_DAYS = 14;

/**
 * Plausible notice facts for the synthetic company, as counsel would state them: reserved example contact data
 * (555-01xx numbers, .example domains), the attack window as the incident dates, a notice date two weeks after discovery.
 */
export function demoNoticeFacts(scenario: DemoScenario): Record<string, unknown> {
  const domain = scenario.company.domain || COMPANY.domain;
  const discovered = scenario.discovery.slice(0, 10);
  return {
    company: {
      name: scenario.company.name,
      address: ['100 Example Way', 'Suite 400', 'Portland, OR 97201'],
      tollFreePhone: '1-800-555-0199',
      website: `https://www.${domain}/notice`,
      email: `privacy@${domain}`,
    },
    contact: { name: 'Jordan Example', title: 'General Counsel', phone: '503-555-0142', email: `legal@${domain}` },
    incident: { start: scenario.attack.window.start.slice(0, 10), end: scenario.attack.window.end.slice(0, 10) },
    discoveredDate: discovered,
    noticeDate: addDays(discovered, DEMO_NOTICE_AFTER_DAYS),
    whatHappened: `An unauthorized party persuaded an employee by telephone to authorize a connected application ("${scenario.attack.connectedApp.name}") to our customer relationship management system, and used it to copy customer records.`,
    whatWeAreDoing: 'We revoked the application, reset the credentials involved, required multi-factor authentication for every connected application, and engaged a forensic firm to investigate.',
    lawEnforcementDelay: null,
    identityProtection: { provider: 'Example Identity Services', months: null, enrollBy: addDays(discovered, 120), url: `https://idprotect.${domain}`, phone: '1-800-555-0123', instructions: null },
  };
}
