import { PLACEHOLDER_BY_NAME } from './placeholders';
import type { LetterRules } from './letter-rules';
import { paragraphPlaceholders, parseTemplate, type ParsedTemplate, type TemplateBlock, type TemplateProblem } from './template-format';

export interface RequirementStatus {
  /** `title`, `heading:<text>`, an item id, or `forbidden:<id>`. */
  id: string;
  kind: 'title' | 'heading' | 'item' | 'forbidden';
  text: string;
  citation: string;
  /** `counsel-confirms`: the engine cannot see it in a template (free text); counsel must. */
  status: 'met' | 'missing' | 'misplaced' | 'present' | 'absent' | 'counsel-confirms';
}

export interface TemplateCheck {
  ok: boolean;
  problems: TemplateProblem[];
  requirements: RequirementStatus[];
  /** False when the pack's required or forbidden content is not researched: passing says nothing about compliance. */
  researched: boolean;
  notes: string[];
}

/**
 * Checks a template against a jurisdiction's content rules: the required title, every required heading in order,
 * every required item (by the placeholder that prints it) under its heading, no forbidden content, and known
 * placeholders only. Each problem names what is wrong and where.
 */
export function checkTemplate(text: string, rules: LetterRules): TemplateCheck {
  const parsed = parseTemplate(text);
  const problems = [...parsed.problems];
  const requirements: RequirementStatus[] = [];
  const sections = parsed.blocks.filter((b) => b.kind === 'section');
  const used = placements(parsed);

  if (rules.title) {
    const titles = parsed.blocks.filter((b) => b.kind === 'title');
    const found = titles.find((b) => b.paragraphs.some((p) => p.style !== 'block' && same(p.text, rules.title!.text)));
    if (!found) {
      const at = titles[0];
      problems.push(
        at
          ? { code: 'wrong-title', message: `line ${at.line}: the title must read "${rules.title.text}" (${rules.title.citation})`, line: at.line }
          : { code: 'missing-title', message: `the required title "${rules.title.text}" is missing: add [title] with that line (${rules.title.citation})`, line: null },
      );
    }
    requirements.push({ id: 'title', kind: 'title', text: rules.title.text, citation: rules.title.citation, status: found ? 'met' : 'missing' });
  }

  if (rules.headings) {
    let last = -1;
    let lastHeading = '';
    for (const heading of rules.headings.texts) {
      const index = sections.findIndex((s) => same(s.heading ?? '', heading));
      let status: RequirementStatus['status'] = 'met';
      if (index < 0) {
        status = 'missing';
        problems.push({ code: 'missing-heading', message: `the required section "${heading}" is missing: add [section: ${heading}] (${rules.headings.citation})`, line: null });
      } else if (index < last) {
        status = 'misplaced';
        problems.push({ code: 'heading-order', message: `line ${sections[index]!.line}: the section "${heading}" must come after "${lastHeading}" (${rules.headings.citation})`, line: sections[index]!.line });
      } else {
        last = index;
        lastHeading = heading;
      }
      requirements.push({ id: `heading:${heading}`, kind: 'heading', text: heading, citation: rules.headings.citation, status });
    }
  }

  for (const item of rules.items) {
    const carriers = used.filter((u) => PLACEHOLDER_BY_NAME.get(u.name)!.satisfies.includes(item.kind));
    let status: RequirementStatus['status'];
    if (item.kind === 'other') {
      status = 'counsel-confirms';
    } else if (carriers.length === 0) {
      status = 'missing';
      const names = placeholdersFor(item.kind);
      problems.push({
        code: 'missing-item',
        message: `required item "${item.id}" (${item.text}) is missing: add ${names.map((n) => `{{${n}}}`).join(' or ')}${item.heading ? ` under "${item.heading}"` : ''} (${item.citation})`,
        line: null,
      });
    } else if (item.heading && !carriers.some((c) => c.block?.kind === 'section' && same(c.block.heading ?? '', item.heading!))) {
      status = 'misplaced';
      problems.push({ code: 'item-misplaced', message: `line ${carriers[0]!.line}: required item "${item.id}" must be under the section "${item.heading}" (${item.citation})`, line: carriers[0]!.line });
    } else {
      status = 'met';
    }
    requirements.push({ id: item.id, kind: 'item', text: item.text, citation: item.citation, status });
  }

  for (const item of rules.forbidden) {
    const offending = item.kind === 'other' ? [] : used.filter((u) => PLACEHOLDER_BY_NAME.get(u.name)!.states === item.kind);
    for (const u of offending) {
      problems.push({ code: 'forbidden-content', message: `line ${u.line}: {{${u.name}}} states ${item.text.charAt(0).toLowerCase()}${item.text.slice(1)}, which "${item.id}" forbids (${item.citation}); remove it`, line: u.line });
    }
    requirements.push({ id: `forbidden:${item.id}`, kind: 'forbidden', text: item.text, citation: item.citation, status: item.kind === 'other' ? 'counsel-confirms' : offending.length > 0 ? 'present' : 'absent' });
  }

  if (!used.some((u) => u.name === 'recipient.address')) {
    problems.push({ code: 'missing-recipient', message: 'the letter has no {{recipient.address}}: add it to the [recipient] block so each letter carries its address', line: null });
  }
  return {
    ok: problems.length === 0,
    problems,
    requirements,
    researched: rules.requiredRule !== 'not-researched' && rules.forbiddenRule !== 'not-researched',
    notes: rules.notes,
  };
}

interface Placement {
  name: string;
  line: number;
  block: TemplateBlock | null;
}

function placements(parsed: ParsedTemplate): Placement[] {
  return parsed.blocks.flatMap((block) =>
    block.paragraphs.flatMap((paragraph) =>
      paragraphPlaceholders(paragraph)
        .filter((name) => PLACEHOLDER_BY_NAME.has(name))
        .map((name) => ({ name, line: paragraph.line, block })),
    ),
  );
}

function placeholdersFor(kind: string): string[] {
  return [...PLACEHOLDER_BY_NAME.values()].filter((p) => (p.satisfies as readonly string[]).includes(kind)).map((p) => p.name);
}

function same(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}
