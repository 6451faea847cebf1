import { describe, expect, test } from 'vitest';
import { findPack, loadPacks } from '../../../shared/law/packs';
import { checkTemplate, defaultTemplate, letterRules, parseTemplate } from '../../../shared/notices';

const packs = loadPacks();
const rules = (jurisdiction: string) => letterRules(findPack(packs, jurisdiction)!.pack, '2025-07-15');
const CA = rules('US-CA');
const MA = rules('US-MA');
const CA_HEADINGS = ['What Happened', 'What Information Was Involved', 'What We Are Doing', 'What You Can Do', 'For More Information'];

/** Removes a whole section (its header line up to the next block header). */
function dropSection(text: string, heading: string): string {
  const lines = text.split('\n');
  const start = lines.indexOf(`[section: ${heading}]`);
  expect(start).toBeGreaterThan(0);
  let end = start + 1;
  while (end < lines.length && !lines[end]!.startsWith('[')) end++;
  return [...lines.slice(0, start), ...lines.slice(end)].join('\n');
}

describe('notice templates against the rule packs', () => {
  test("California's default template has the title, the five headings in order and every required item", () => {
    const text = defaultTemplate(CA);
    const check = checkTemplate(text, CA);
    expect(check.problems).toEqual([]);
    expect(check.ok).toBe(true);
    expect(check.researched).toBe(true);
    const sections = parseTemplate(text).blocks.filter((b) => b.kind === 'section').map((b) => b.heading);
    expect(sections).toEqual(CA_HEADINGS);
    expect(check.requirements.filter((r) => r.kind === 'item' && r.status !== 'met' && r.status !== 'counsel-confirms')).toEqual([]);
    expect(check.requirements.find((r) => r.id === 'title')).toMatchObject({ status: 'met', text: 'Notice of Data Breach' });
  });

  test('a template that drops a required section is refused, naming the section', () => {
    const check = checkTemplate(dropSection(defaultTemplate(CA), 'What You Can Do'), CA);
    expect(check.ok).toBe(false);
    const missing = check.problems.filter((p) => p.code === 'missing-heading');
    expect(missing).toHaveLength(1);
    expect(missing[0]!.message).toContain('"What You Can Do"');
    // The items the law places under it are gone too, and are named.
    expect(check.problems.some((p) => p.code === 'missing-item' && p.message.includes('"cra-contacts"'))).toBe(true);
  });

  test('sections out of order are refused, naming the section', () => {
    const text = defaultTemplate(CA).replace('[section: What Happened]', '[section: TEMP]').replace('[section: For More Information]', '[section: What Happened]').replace('[section: TEMP]', '[section: For More Information]');
    const check = checkTemplate(text, CA);
    expect(check.problems.some((p) => p.code === 'heading-order' && p.message.includes('"For More Information"'))).toBe(true);
  });

  test("Massachusetts' default template leaves out the nature of the breach and the resident count", () => {
    const text = defaultTemplate(MA);
    const check = checkTemplate(text, MA);
    expect(check.problems).toEqual([]);
    expect(text).not.toContain('{{incident.description}}');
    expect(text).not.toContain('{{residents.count}}');
    expect(check.requirements.filter((r) => r.kind === 'forbidden').map((r) => [r.id, r.status])).toEqual([
      ['forbidden:nature-of-breach', 'absent'],
      ['forbidden:resident-count', 'absent'],
    ]);
  });

  test('a Massachusetts template that states the incident or the resident count is refused, naming each', () => {
    const text = defaultTemplate(MA).replace('[signature]', 'We notified {{residents.count}} residents.\n\n{{incident.description}}\n\n[signature]');
    const check = checkTemplate(text, MA);
    expect(check.ok).toBe(false);
    const forbidden = check.problems.filter((p) => p.code === 'forbidden-content');
    expect(forbidden.map((p) => p.message.match(/"([a-z-]+)" forbids/)![1]).sort()).toEqual(['nature-of-breach', 'resident-count']);
    expect(forbidden.every((p) => p.line !== null && p.message.includes('M.G.L. c. 93H § 3(b)'))).toBe(true);
  });

  test('unknown placeholders, unknown blocks and block placeholders inside a sentence are errors', () => {
    const text = defaultTemplate(CA).replace('Dear {{recipient.name}},', 'Dear {{recipient.fullname}}, see {{person.elements}}').replace('[signature]', '[footer]');
    const codes = checkTemplate(text, CA).problems.map((p) => p.code);
    expect(codes).toContain('unknown-placeholder');
    expect(codes).toContain('misplaced-block-placeholder');
    expect(codes).toContain('unknown-block');
    expect(checkTemplate(text, CA).problems.find((p) => p.code === 'unknown-placeholder')!.message).toContain('{{recipient.fullname}}');
  });

  test('a required item moved out of the section the law puts it in is misplaced', () => {
    const text = defaultTemplate(CA).replace('{{contacts.cra}}\n', '').replace('[signature]', '[section: Other Important Information]\n{{contacts.cra}}\n\n[signature]');
    const check = checkTemplate(text, CA);
    expect(check.problems.some((p) => p.code === 'item-misplaced' && p.message.includes('"cra-contacts"') && p.message.includes('"What You Can Do"'))).toBe(true);
  });
});
