import { entryInForce } from '../law/dates';
import { NOT_RESEARCHED_NOTE, type ContentAspect, type ForbiddenItem, type IdentityProtectionRule, type IsoDate, type NoticeMethods, type RequiredItem, type RulePack } from '../law/types';

/** A pack's notice-content rules in force on one date, as the letter engine applies them. */
export interface LetterRules {
  jurisdiction: string;
  name: string;
  packVersion: string;
  packStatus: RulePack['status'];
  date: IsoDate;
  citation: string | null;
  /** `stated`: checked; `none`: the law sets no such rule (cited); `not-researched`: unknown, nothing can be claimed. */
  requiredRule: 'stated' | 'none' | 'not-researched';
  forbiddenRule: 'stated' | 'none' | 'not-researched';
  title: { text: string; citation: string } | null;
  headings: { texts: string[]; citation: string } | null;
  minFontPoints: { points: number; citation: string } | null;
  items: RequiredItem[];
  forbidden: ForbiddenItem[];
  identityProtection: IdentityProtectionRule | null;
  /** The methods of notice the law allows (null outside the pack's dates). */
  methods: ContentAspect<NoticeMethods> | null;
  /** What counsel must know about these rules (not researched, no rule in the law). */
  notes: string[];
}

export function letterRules(pack: RulePack, date: IsoDate): LetterRules {
  const period = entryInForce(pack.noticeContent, date);
  const base = {
    jurisdiction: pack.jurisdiction,
    name: pack.name,
    packVersion: pack.version,
    packStatus: pack.status,
    date,
    identityProtection: entryInForce(pack.identityProtection, date) ?? null,
  };
  if (!period) {
    return {
      ...base, citation: null, requiredRule: 'not-researched', forbiddenRule: 'not-researched', title: null, headings: null, minFontPoints: null, items: [], forbidden: [], methods: null,
      notes: [`The ${pack.jurisdiction} rule pack has no notice-content rules in force on ${date} — counsel must review`],
    };
  }
  const { required, forbidden } = period;
  const notes: string[] = [];
  if (required.rule === 'not-researched') notes.push(`Required content: ${NOT_RESEARCHED_NOTE}`);
  if (required.rule === 'none') notes.push(`Required content: the law sets no content rule (${required.citation})`);
  if (forbidden.rule === 'not-researched') notes.push(`Forbidden content: ${NOT_RESEARCHED_NOTE}`);
  if (pack.status === 'unverified') notes.push(`The ${pack.jurisdiction} rule pack is unverified — counsel must review`);
  const stated = required.rule === 'stated' ? required : null;
  return {
    ...base,
    citation: period.citation,
    requiredRule: required.rule,
    forbiddenRule: forbidden.rule,
    title: stated?.title ? { text: stated.title.text, citation: stated.title.citation } : null,
    headings: stated?.headings ? { texts: stated.headings.texts, citation: stated.headings.citation } : null,
    minFontPoints: stated?.minFontPoints ? { points: stated.minFontPoints.points, citation: stated.minFontPoints.citation } : null,
    items: stated?.items ?? [],
    forbidden: forbidden.rule === 'stated' ? forbidden.items : [],
    methods: period.methods,
    notes,
  };
}

/** Whether an item applies to a person with these exposed elements (`whenExposed` absent: always). */
export function itemApplies(item: Pick<RequiredItem, 'whenExposed'>, elements: readonly string[]): boolean {
  return !item.whenExposed || item.whenExposed.some((code) => elements.includes(code));
}
