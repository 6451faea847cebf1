import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { DEFAULT_NOTICE_CONTACTS_FILE, noticeContacts, parseNoticeContacts } from '../../../shared/law/contacts/notice-contacts';
import { validatePack } from '../../../shared/law/pack-schema';
import { DEFAULT_PACK_DIR, findPack, loadPacks } from '../../../shared/law/packs';
import type { ElementCode } from '../../../shared/contract/elements';
import { defaultTemplate, letterRules, parseNoticeFacts } from '../../../shared/notices';
import { compileLetter, letterParagraphs } from '../../../shared/notices/compile-letter';

const packs = loadPacks();
const facts = parseNoticeFacts(
  {
    company: { name: 'Larkspur Outdoor Supply, Inc.', address: ['100 Market Street', 'San Francisco, CA 94105'], tollFreePhone: '1-800-555-0100', website: 'www.larkspur.example' },
    noticeDate: '2025-07-15',
    whatHappened: 'An unauthorized party exported customer records.',
    whatWeAreDoing: 'We revoked the credential.',
    identityProtection: { provider: 'Kroll', months: 24, url: 'https://enroll.example' },
  },
  '2025-06-23',
);
const contacts = noticeContacts().contacts;

function letterText(jurisdiction: string, elements: ElementCode[]): { text: string; missing: string[] } {
  const rules = letterRules(findPack(packs, jurisdiction)!.pack, facts.noticeDate);
  const letter = compileLetter(defaultTemplate(rules), { facts, rules, residents: 10 });
  const text = letterParagraphs(letter, { consumerId: 1, name: 'Ada Example', address: ['1 Main Street'], email: null, elements })
    .map((p) => p.text)
    .join('\n');
  return { text, missing: letter.missing };
}

describe('agency and credit-bureau contacts in letters come from the cited contact directory', () => {
  test('California: the credit bureaus’ numbers and addresses appear for a person whose SSN was exposed, not for one whose was not', () => {
    const experian = contacts.get('experian')!;
    const withSsn = letterText('US-CA', ['name', 'ssn']);
    expect(withSsn.text).toContain(`${experian.name}\n${experian.address!.join('\n')}\n${experian.phone}`);
    expect(withSsn.text).not.toContain('(not in the rule pack)');
    // The law asks for numbers and addresses only: no website line.
    expect(withSsn.text).not.toContain(experian.website!);
    const emailOnly = letterText('US-CA', ['name', 'email']);
    expect(emailOnly.text).not.toContain(experian.name);
  });

  test('a contact detail no source confirmed is a visible gap for counsel, listed as missing, never a guess', () => {
    const transunion = contacts.get('transunion')!;
    expect(transunion.address).toBeNull();
    const { text, missing } = letterText('US-CA', ['name', 'ssn']);
    expect(text).toContain(`${transunion.name}\n[postal address not stated — counsel must complete]\n${transunion.phone}`);
    expect(missing).toContain('contacts.cra (TransUnion Security Freeze: postal address)');
  });

  test('Massachusetts and Connecticut: how to request a security freeze carries the bureaus’ freeze addresses', () => {
    const equifax = contacts.get('equifax')!;
    for (const jurisdiction of ['US-MA', 'US-CT']) {
      const { text } = letterText(jurisdiction, ['name', 'ssn']);
      const freeze = text.indexOf('security freeze');
      expect(freeze, jurisdiction).toBeGreaterThanOrEqual(0);
      expect(text.indexOf(`${equifax.name}\n${equifax.address!.join('\n')}\n${equifax.phone}\n${equifax.website}`), jurisdiction).toBeGreaterThan(freeze);
    }
  });

  test('Maryland names the FTC and its Attorney General; Rhode Island prints only the number and website its law asks for', () => {
    const ftc = contacts.get('ftc')!;
    const md = letterText('US-MD', ['name', 'ssn']).text;
    expect(md).toContain(`${ftc.name}\n${ftc.address!.join('\n')}\n${ftc.phone}\n${ftc.website}`);
    expect(md).toContain(contacts.get('us-md-ag')!.address![0]);
    const riAg = contacts.get('us-ri-ag')!;
    const ri = letterText('US-RI', ['name', 'ssn']);
    expect(ri.text).toContain(`${riAg.name}\n${riAg.phone}\n${riAg.website}`);
    expect(ri.missing.filter((m) => m.includes('Rhode Island'))).toEqual([]);
  });

  test('a pack item naming an unknown contact, or contacts on an item that prints none, is refused by the pack schema', () => {
    const ca = JSON.parse(readFileSync(`${DEFAULT_PACK_DIR}/US-CA.json`, 'utf8')) as { noticeContent: Array<{ required: { items: Array<Record<string, unknown>> } }> };
    const items = ca.noticeContent[0]!.required.items;
    const cra = items.find((i) => i.kind === 'cra-contacts')!;
    cra.contacts = ['equifax', 'no-such-bureau'];
    const other = items.find((i) => i.kind === 'elements-involved')!;
    other.contacts = ['ftc'];
    const result = validatePack(ca, 'US-CA.json');
    expect(result.ok).toBe(false);
    const errors = result.ok ? [] : result.errors.join('\n');
    expect(errors).toMatch(/contacts\[1\]: expected a contact id .*"no-such-bureau"/);
    expect(errors).toMatch(/contacts: is only allowed on items of kind cra-contacts/);
  });

  test('the directory refuses a contact without a declared source and one that confirms nothing', () => {
    const directory = JSON.parse(readFileSync(DEFAULT_NOTICE_CONTACTS_FILE, 'utf8')) as { contacts: Array<Record<string, unknown>> };
    directory.contacts[0]!.sourceIds = ['not-declared'];
    Object.assign(directory.contacts[1]!, { address: null, phone: null, website: null });
    const result = parseNoticeContacts(Buffer.from(JSON.stringify(directory)), 'notice-contacts.json');
    expect('errors' in result).toBe(true);
    const errors = 'errors' in result ? result.errors.join('\n') : '';
    expect(errors).toContain('contacts[0].sourceIds[0]: expected a declared source id');
    expect(errors).toContain('contacts[1]: confirms nothing');
  });

  test('every contact and source carries a retrieval date and confidence, and every contact is cited', () => {
    const directory = noticeContacts();
    for (const source of directory.sources) expect(source.retrieved).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const contact of directory.contacts.values()) {
      expect(contact.sourceIds.length).toBeGreaterThan(0);
      expect(contact.sourceIds.every((id) => directory.sources.some((s) => s.id === id))).toBe(true);
    }
  });
});
