import { auditTrailDate, DAY_MS, TIMELINE } from './calendar';
import type { Org } from './org';
import { Random } from './random';

export const AUDIT_TRAIL_HEADER = ['Date', 'User', 'Source Namespace Prefix', 'Action', 'Section', 'Delegate User'];

interface AuditRow {
  time: number;
  user: string;
  action: string;
  section: string;
  delegate: string;
}

/** Six months of Setup changes, the malicious app's authorisation among them, newest first like the download. */
export function auditTrailRows(seed: string, org: Org): string[][] {
  const random = Random.for(seed, 'audit-trail');
  const rows: AuditRow[] = [];
  const admin = org.admin.username;
  const routine: ((agent: string) => [string, string])[] = [
    (agent) => [`Reset password for user ${agent}`, 'Manage Users'],
    (agent) => [`Changed Customer Care Agent profile: assigned permission set Case Management to ${agent}`, 'Manage Users'],
    () => ['Changed Contact page layout Customer Layout', 'Customize Contacts'],
    () => ['Changed field Loyalty Tier (Contact) picklist values', 'Customize Contacts'],
    (agent) => [`Logged in using Login-As access for ${agent}`, 'Manage Users'],
    () => ['Changed session timeout from 2 hours to 8 hours', 'Session Settings'],
  ];
  for (let t = TIMELINE.discovery - 180 * DAY_MS; t < TIMELINE.discovery - DAY_MS; t += random.int(1, 5) * DAY_MS) {
    const agent = random.pick(org.agents).username;
    const [action, section] = random.pick(routine)(agent);
    const time = t + random.int(15, 23) * 3_600_000 + random.int(0, 3_599_999);
    rows.push({ time, user: admin, action, section, delegate: action.startsWith('Logged in using Login-As') ? agent : '' });
  }
  const app = org.maliciousApp.name;
  rows.push(
    { time: TIMELINE.appAuthorized, user: org.compromised.username, action: `Installed connected app ${app}`, section: 'Connected Apps', delegate: '' },
    {
      time: TIMELINE.appAuthorized + 41_000, user: org.compromised.username, section: 'Connected Apps', delegate: '',
      action: `Changed ${app} connected app policy Permitted Users from Admin approved users are pre-authorized to All users may self-authorize`,
    },
    { time: TIMELINE.discovery - 2 * 3_600_000, user: admin, action: `Revoked all OAuth tokens for connected app ${app}`, section: 'Connected Apps', delegate: '' },
    { time: TIMELINE.discovery - 2 * 3_600_000 + 90_000, user: admin, action: `Reset password for user ${org.compromised.username}`, section: 'Manage Users', delegate: '' },
  );
  rows.sort((a, b) => b.time - a.time);
  return rows.map((r) => [auditTrailDate(r.time), r.user, '', r.action, r.section, r.delegate]);
}
