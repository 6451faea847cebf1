import type { RequiredItemKind } from '../law/types';
import type { LetterRules } from './letter-rules';
import { PLACEHOLDERS } from './placeholders';

/** The model form's headings (Cal. Civ. Code § 1798.82(d)), used where a pack requires none. */
const MODEL_HEADINGS = ['What Happened', 'What Information Was Involved', 'What We Are Doing', 'What You Can Do', 'For More Information'];
const FALLBACK_TITLE = 'Notice of Data Breach';

/** Which model section an item goes to when the pack does not place it. */
const SECTION_OF: Readonly<Record<RequiredItemKind, number>> = {
  'incident-description': 0,
  'breach-date': 0,
  'discovery-date': 0,
  'notice-date': 0,
  'law-enforcement-delay': 0,
  'elements-involved': 1,
  'actions-taken': 2,
  'identity-protection-offer': 2,
  'remain-vigilant-advice': 3,
  'protective-steps-advice': 3,
  'report-identity-theft-advice': 3,
  'credit-freeze-rights': 3,
  'fraud-alert-rights': 3,
  'fcra-rights': 3,
  'police-report-right': 3,
  'credential-change-advice': 3,
  'biometric-reliance': 3,
  'cra-contacts': 3,
  'ftc-contact': 3,
  'state-ag-contact': 3,
  'regulator-contact': 3,
  'business-contact': 4,
  'toll-free-number': 4,
  other: 4,
};

/** The template lines that print each placeholder in the default letter. */
const SENTENCES: Readonly<Record<string, string[]>> = {
  'incident.description': ['{{incident.description}}'],
  'incident.dates': ['The incident occurred {{incident.dates}}. We discovered it on {{discovery.date}}.'],
  'notice.date': ['This notice is dated {{notice.date}}.'],
  'law-enforcement.delay': ['{{law-enforcement.delay}}'],
  'person.elements': ['The information involved for you was:', '', '{{person.elements}}'],
  'actions.taken': ['{{actions.taken}}'],
  'company.phone': ['If you have questions, please call us toll-free at {{company.phone}}.'],
  'company.contact': ['You can also reach us at {{company.contact}}, or write to us at the address above.'],
};

/**
 * The default template of a jurisdiction, generated from its content rules: the required title and headings in
 * order, every required item printed by its placeholder under its heading, nothing the pack forbids.
 */
export function defaultTemplate(rules: LetterRules): string {
  const forbids = new Set(rules.forbidden.map((f) => f.kind));
  const headings = rules.headings?.texts ?? MODEL_HEADINGS.filter((_, i) => !(i === 0 && forbids.has('nature-of-breach')));
  const sections: string[][] = headings.map(() => []);
  const placed = new Set<string>();
  const sectionIndex = (kind: RequiredItemKind, heading: string | undefined): number => {
    const named = heading ? headings.findIndex((h) => h.toLowerCase() === heading.toLowerCase()) : -1;
    if (named >= 0) return named;
    const model = MODEL_HEADINGS[SECTION_OF[kind]]!;
    const same = headings.findIndex((h) => h.toLowerCase() === model.toLowerCase());
    return same >= 0 ? same : Math.min(SECTION_OF[kind], headings.length - 1);
  };
  const put = (name: string, index: number) => {
    if (placed.has(name)) return;
    placed.add(name);
    const spec = PLACEHOLDERS.find((p) => p.name === name)!;
    if (spec.states && forbids.has(spec.states)) return;
    const lines = SENTENCES[name] ?? [`{{${name}}}`];
    sections[index]!.push(...(sections[index]!.length > 0 ? ['', ...lines] : lines));
  };
  const placeholderFor = (kind: RequiredItemKind): string[] => {
    if (kind === 'business-contact') return ['company.phone', 'company.contact'];
    return PLACEHOLDERS.filter((p) => p.satisfies.includes(kind) && p.name !== 'person.elements-text' && p.name !== 'company.name' && p.name !== 'company.address').slice(0, 1).map((p) => p.name);
  };
  for (const item of rules.items) {
    if (item.kind === 'other') continue;
    for (const name of placeholderFor(item.kind)) put(name, sectionIndex(item.kind, item.heading));
  }
  const baseline: Array<[string, RequiredItemKind]> = [
    ['incident.description', 'incident-description'],
    ['incident.dates', 'breach-date'],
    ['person.elements', 'elements-involved'],
    ['actions.taken', 'actions-taken'],
    ['identity-protection.offer', 'identity-protection-offer'],
    ['advice.vigilance', 'remain-vigilant-advice'],
    ['company.phone', 'toll-free-number'],
    ['company.contact', 'business-contact'],
  ];
  for (const [name, kind] of baseline) put(name, sectionIndex(kind, undefined));

  const title = rules.title?.text ?? FALLBACK_TITLE;
  const out: string[] = [...header(rules), '', '[letterhead]', '{{company.name}}', '{{company.address}}', '', '[date]', '{{notice.date}}', '', '[recipient]', '{{recipient.name}}', '{{recipient.address}}', '', '[title]', title, '', '[text]', 'Dear {{recipient.name}},', '', 'We are writing to tell you about an incident that involved some of your personal information, what we are doing about it, and what you can do.'];
  headings.forEach((heading, i) => {
    out.push('', `[section: ${heading}]`, ...(sections[i]!.length > 0 ? sections[i]! : ['# (nothing the rule pack requires here: add counsel\'s text or remove this section if the law allows)']));
  });
  out.push('', '[signature]', 'Sincerely,', '{{company.name}}', '');
  return out.join('\n');
}

function header(rules: LetterRules): string[] {
  const lines = [
    `# Notice template for ${rules.jurisdiction} (${rules.name}), generated from rule pack ${rules.jurisdiction} ${rules.packVersion}, content rules in force on ${rules.date}.`,
    '# Edit freely, then save it (on the Notices screen, or the command line\'s notices template import); the engine refuses a template that drops a required',
    '# title, section or item, puts the sections out of order, or prints what the law forbids. Format: README "Notices".',
  ];
  if (rules.citation) lines.push(`# Content rules: ${rules.citation}`);
  if (rules.title) lines.push(`# Required title: "${rules.title.text}" (${rules.title.citation})`);
  if (rules.headings) lines.push(`# Required sections, in this order: ${rules.headings.texts.join(' / ')} (${rules.headings.citation})`);
  if (rules.minFontPoints) lines.push(`# Type no smaller than ${rules.minFontPoints.points} points (${rules.minFontPoints.citation}); the PDF uses at least that.`);
  for (const item of rules.items) {
    lines.push(`# Required item "${item.id}": ${item.text}${item.whenExposed ? ` (when ${item.whenExposed.join(', ')} exposed)` : ''}${item.condition ? ` (${item.condition.text})` : ''} — ${item.citation}${item.kind === 'other' ? ' — free text: counsel writes it' : ''}`);
  }
  for (const item of rules.forbidden) lines.push(`# Forbidden "${item.id}": ${item.text} — ${item.citation}`);
  for (const note of rules.notes) lines.push(`# Note: ${note}`);
  return lines;
}
